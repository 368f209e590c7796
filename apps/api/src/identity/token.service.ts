import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isRole } from '@ocop/shared';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import type { AuthenticatedUser } from './authenticated-user.js';

interface AccessTokenClaims {
  sub: string;
  role: string;
  org: string | null;
}

export interface IssuedRefreshToken {
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get accessTokenTtlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  signAccessToken(user: AuthenticatedUser): Promise<string> {
    const claims: AccessTokenClaims = { sub: user.userId, role: user.role, org: user.organisationId };
    return this.jwt.signAsync(claims, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, jwtid: randomUUID() });
  }

  async verifyAccessToken(token: string): Promise<AuthenticatedUser | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      if (!isRole(claims.role) || typeof claims.sub !== 'string') return null;
      return { userId: claims.sub, role: claims.role, organisationId: claims.org ?? null };
    } catch {
      return null;
    }
  }

  issueRefreshToken(): IssuedRefreshToken {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    return { token, tokenHash: this.hashRefreshToken(token), expiresAt };
  }

  hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
