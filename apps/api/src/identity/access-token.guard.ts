import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Role } from '@ocop/shared';
import { Repository } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import { type AuthenticatedUser, IS_PUBLIC, REQUIRED_ROLES } from './authenticated-user.js';
import { TokenService } from './token.service.js';
import { User } from './user.entity.js';

/**
 * Global guard: authenticates the bearer token unless the route is @Public(), then checks @Roles().
 * Deny by default, so a new route without annotations is never open by accident.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  private async currentGrants(userId: string): Promise<AuthenticatedUser | null> {
    const user = await this.users.findOne({
      where: { id: userId },
      select: { id: true, role: true, organisationId: true },
    });
    return user ? { userId: user.id, role: user.role, organisationId: user.organisationId } : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();

    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;

    if (bearer) {
      const claimed = await this.tokens.verifyAccessToken(bearer);
      // The token proves who the caller is; what they may do is read fresh, so a member removed
      // from an organisation or a changed role takes effect at once, not when the token expires.
      const user = claimed ? await this.currentGrants(claimed.userId) : null;
      if (user) request.user = user;
      else if (!isPublic)
        throw new DomainError('invalid_token', 'The access token is invalid or expired', HttpStatus.UNAUTHORIZED);
    }
    if (isPublic) return true;
    if (!request.user) throw new DomainError('unauthenticated', 'Sign in to continue', HttpStatus.UNAUTHORIZED);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw new DomainError('forbidden', 'Your account is not allowed to do this', HttpStatus.FORBIDDEN);
    }
    return true;
  }
}
