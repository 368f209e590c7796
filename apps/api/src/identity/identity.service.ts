import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Role } from '@ocop/shared';
import { DataSource, IsNull, type EntityManager, Repository } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { AccountDto, SessionDto } from './dto/auth.dto.js';
import { normalisePhone, parseLoginIdentifier } from './login-identifier.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblems } from './password-policy.js';
import { RefreshSession } from './refresh-session.entity.js';
import { TokenService } from './token.service.js';
import { User } from './user.entity.js';

export interface NewAccount {
  email?: string | undefined;
  phone?: string | undefined;
  fullName: string;
  password: string;
  role: Role;
  organisationId?: string | null;
}

const INVALID_CREDENTIALS = () =>
  new DomainError('invalid_credentials', 'The login or password is wrong', HttpStatus.UNAUTHORIZED);
const INVALID_REFRESH = () =>
  new DomainError('invalid_refresh_token', 'The session has ended; sign in again', HttpStatus.UNAUTHORIZED);

export function toAccountDto(user: User): AccountDto {
  return {
    id: user.id,
    email: user.email,
    phone: user.phone,
    fullName: user.fullName,
    role: user.role,
    organisationId: user.organisationId,
    createdAt: user.createdAt.toISOString(),
  };
}

@Injectable()
export class IdentityService {
  // A hash to verify against when the login is unknown, so both paths take the same time.
  private readonly decoyHash: Promise<string>;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {
    this.decoyHash = hasher.hash(randomUUID());
  }

  async createAccount(input: NewAccount, manager: EntityManager = this.users.manager): Promise<User> {
    const email = input.email?.trim().toLowerCase() || null;
    const phone = input.phone ? normalisePhone(input.phone) : null;
    const fields: { field: string; messages: string[] }[] = [];
    if (!email && !phone) fields.push({ field: 'email', messages: ['give an email or a phone number'] });
    if (input.phone && !phone) fields.push({ field: 'phone', messages: ['phone must be a Vietnamese mobile number'] });
    const problems = passwordProblems(input.password, [email, phone]);
    if (problems.length > 0) fields.push({ field: 'password', messages: problems });
    if (fields.length > 0) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, fields);
    }

    const repository = manager.getRepository(User);
    const taken = await repository
      .createQueryBuilder('u')
      .where('lower(u.email) = :email', { email })
      .orWhere('u.phone = :phone', { phone })
      .getExists();
    if (taken)
      throw new DomainError(
        'account_exists',
        'An account with this email or phone already exists',
        HttpStatus.CONFLICT,
      );

    const user = repository.create({
      email,
      phone,
      fullName: input.fullName.trim(),
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      organisationId: input.organisationId ?? null,
    });
    try {
      return await repository.save(user);
    } catch (error) {
      // Two sign-ups racing for the same login: the unique index decides.
      if ((error as { code?: string }).code === '23505') {
        throw new DomainError(
          'account_exists',
          'An account with this email or phone already exists',
          HttpStatus.CONFLICT,
        );
      }
      throw error;
    }
  }

  async signIn(login: string, password: string): Promise<SessionDto> {
    const identifier = parseLoginIdentifier(login);
    const query = this.users.createQueryBuilder('u').addSelect('u.passwordHash');
    const user = identifier
      ? await (
          identifier.kind === 'email'
            ? query.where('lower(u.email) = :value', { value: identifier.value })
            : query.where('u.phone = :value', { value: identifier.value })
        ).getOne()
      : null;
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !valid) throw INVALID_CREDENTIALS();
    return this.startSession(user, randomUUID());
  }

  /** Rotates the refresh token. A token used twice means it leaked: its whole family is revoked. */
  async refresh(refreshToken: string): Promise<SessionDto> {
    const tokenHash = this.tokens.hashRefreshToken(refreshToken);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const sessions = manager.getRepository(RefreshSession);
      const session = await sessions.findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
      if (!session) return { error: INVALID_REFRESH() };
      if (session.revokedAt) {
        await sessions.update({ familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return { error: INVALID_REFRESH() };
      }
      if (session.expiresAt.getTime() <= Date.now()) return { error: INVALID_REFRESH() };
      const user = await manager.getRepository(User).findOneBy({ id: session.userId });
      if (!user) return { error: INVALID_REFRESH() };
      const next = await this.saveRefreshSession(manager, user.id, session.familyId);
      await sessions.update({ id: session.id }, { revokedAt: new Date(), replacedBy: next.id });
      return { user, refreshToken: next.token };
    });
    if ('error' in outcome) throw outcome.error;
    return this.sessionFor(outcome.user, outcome.refreshToken);
  }

  /** Ends the session the refresh token belongs to (this device only). Unknown tokens are ignored. */
  async signOut(refreshToken: string): Promise<void> {
    const tokenHash = this.tokens.hashRefreshToken(refreshToken);
    const session = await this.dataSource.getRepository(RefreshSession).findOneBy({ tokenHash });
    if (!session) return;
    await this.dataSource
      .getRepository(RefreshSession)
      .update({ familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async getAccount(caller: AuthenticatedUser): Promise<AccountDto> {
    const user = await this.users.findOneBy({ id: caller.userId });
    if (!user) throw new DomainError('not_found', 'Account not found', HttpStatus.NOT_FOUND);
    return toAccountDto(user);
  }

  async listAccounts(): Promise<AccountDto[]> {
    const users = await this.users.find({ order: { createdAt: 'ASC' } });
    return users.map(toAccountDto);
  }

  private async startSession(user: User, familyId: string): Promise<SessionDto> {
    const issued = await this.saveRefreshSession(this.dataSource.manager, user.id, familyId);
    return this.sessionFor(user, issued.token);
  }

  private async saveRefreshSession(manager: EntityManager, userId: string, familyId: string) {
    const issued = this.tokens.issueRefreshToken();
    const saved = await manager.getRepository(RefreshSession).save({
      userId,
      familyId,
      tokenHash: issued.tokenHash,
      expiresAt: issued.expiresAt,
      revokedAt: null,
      replacedBy: null,
    });
    return { id: saved.id, token: issued.token };
  }

  private async sessionFor(user: User, refreshToken: string): Promise<SessionDto> {
    const accessToken = await this.tokens.signAccessToken({
      userId: user.id,
      role: user.role,
      organisationId: user.organisationId,
    });
    return { accessToken, expiresIn: this.tokens.accessTokenTtlSeconds, refreshToken, account: toAccountDto(user) };
  }
}
