import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { parseLoginIdentifier } from '../identity/login-identifier.js';
import { User } from '../identity/user.entity.js';
import type { InvitationDto, MemberDto } from './dto/organisation.dto.js';
import { Organisation } from './organisation.entity.js';
import { OrganisationInvitation } from './organisation-invitation.entity.js';

const INVITATION_DAYS = 14;

const INVITATION_NOT_FOUND = () =>
  new DomainError('invitation_not_found', 'Invitation not found', HttpStatus.NOT_FOUND);

/**
 * Members of an organisation. Everything here is scoped by the caller's own organisation: ids of
 * another organisation's members or invitations are simply not found.
 */
@Injectable()
export class MembersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(caller: AuthenticatedUser): Promise<MemberDto[]> {
    const organisation = await this.ownOrganisation(caller);
    const users = await this.db.getRepository(User).find({
      where: { organisationId: organisation.id },
      order: { createdAt: 'ASC' },
    });
    return users.map((user) => ({
      userId: user.id,
      fullName: user.fullName,
      email: user.email,
      phone: user.phone,
      isOwner: user.id === organisation.ownerUserId,
    }));
  }

  async listInvitations(caller: AuthenticatedUser): Promise<InvitationDto[]> {
    const organisation = await this.ownOrganisation(caller);
    const invitations = await this.db.getRepository(OrganisationInvitation).find({
      where: {
        organisationId: organisation.id,
        acceptedAt: IsNull(),
        revokedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      },
      order: { createdAt: 'ASC' },
    });
    return invitations.map((invitation) => this.toInvitationDto(invitation, organisation));
  }

  async invite(caller: AuthenticatedUser, login: string): Promise<InvitationDto> {
    const organisation = await this.ownOrganisation(caller, { ownerOnly: true });
    const identifier = parseLoginIdentifier(login);
    if (!identifier) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'login', messages: ['login must be an email address or a Vietnamese mobile number'] },
      ]);
    }
    const invitations = this.db.getRepository(OrganisationInvitation);
    const existing = await invitations.findOneBy({
      organisationId: organisation.id,
      login: identifier.value,
      acceptedAt: IsNull(),
      revokedAt: IsNull(),
    });
    if (existing)
      throw new DomainError('already_invited', 'This person already has an open invitation', HttpStatus.CONFLICT);
    const invitation = await invitations.save({
      organisationId: organisation.id,
      login: identifier.value,
      invitedBy: caller.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    });
    return this.toInvitationDto(invitation, organisation);
  }

  async revokeInvitation(caller: AuthenticatedUser, invitationId: string): Promise<void> {
    const organisation = await this.ownOrganisation(caller, { ownerOnly: true });
    const result = await this.db
      .getRepository(OrganisationInvitation)
      .update(
        { id: invitationId, organisationId: organisation.id, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
    if (!result.affected) throw INVITATION_NOT_FOUND();
  }

  /** Open invitations addressed to the caller's own email or phone. */
  async invitationsForMe(caller: AuthenticatedUser): Promise<InvitationDto[]> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: caller.userId });
    const logins = [user.email, user.phone].filter((login): login is string => !!login);
    const rows = await this.db
      .getRepository(OrganisationInvitation)
      .createQueryBuilder('i')
      .innerJoinAndMapOne('i.organisation', Organisation, 'o', 'o.id = i.organisationId')
      .where('i.login IN (:...logins)', { logins })
      .andWhere('i.acceptedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > now()')
      .getMany();
    return rows.map((invitation) =>
      this.toInvitationDto(
        invitation,
        (invitation as OrganisationInvitation & { organisation: Organisation }).organisation,
      ),
    );
  }

  async accept(caller: AuthenticatedUser, invitationId: string): Promise<MemberDto> {
    return this.db.transaction(async (manager) => {
      const user = await manager
        .getRepository(User)
        .findOne({ where: { id: caller.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw INVITATION_NOT_FOUND();
      const invitation = await manager
        .getRepository(OrganisationInvitation)
        .findOne({ where: { id: invitationId }, lock: { mode: 'pessimistic_write' } });
      const addressedToCaller = invitation && [user.email, user.phone].includes(invitation.login);
      if (
        !invitation ||
        !addressedToCaller ||
        invitation.acceptedAt ||
        invitation.revokedAt ||
        invitation.expiresAt <= new Date()
      ) {
        throw INVITATION_NOT_FOUND();
      }
      if (user.organisationId) {
        throw new DomainError('already_member', 'You already belong to an organisation', HttpStatus.CONFLICT);
      }
      if (user.role !== 'buyer') {
        throw new DomainError(
          'role_cannot_join',
          'Officer and administrator accounts cannot join a seller',
          HttpStatus.CONFLICT,
        );
      }
      await manager
        .getRepository(User)
        .update({ id: user.id }, { role: 'seller_member', organisationId: invitation.organisationId });
      await manager
        .getRepository(OrganisationInvitation)
        .update({ id: invitation.id }, { acceptedAt: new Date(), acceptedBy: user.id });
      return { userId: user.id, fullName: user.fullName, email: user.email, phone: user.phone, isOwner: false };
    });
  }

  /** Removes a member, who becomes a plain buyer again; the owner cannot be removed. */
  async remove(caller: AuthenticatedUser, userId: string): Promise<void> {
    const organisation = await this.ownOrganisation(caller, { ownerOnly: true });
    if (userId === organisation.ownerUserId) {
      throw new DomainError(
        'cannot_remove_owner',
        'The owner cannot be removed from the organisation',
        HttpStatus.CONFLICT,
      );
    }
    const result = await this.db
      .getRepository(User)
      .update({ id: userId, organisationId: organisation.id }, { role: 'buyer', organisationId: null });
    if (!result.affected) throw new DomainError('member_not_found', 'Member not found', HttpStatus.NOT_FOUND);
  }

  private async ownOrganisation(
    caller: AuthenticatedUser,
    options: { ownerOnly?: boolean } = {},
  ): Promise<Organisation> {
    const organisation = caller.organisationId
      ? await this.db.getRepository(Organisation).findOneBy({ id: caller.organisationId })
      : null;
    if (!organisation) throw new DomainError('organisation_not_found', 'Organisation not found', HttpStatus.NOT_FOUND);
    if (options.ownerOnly && organisation.ownerUserId !== caller.userId) {
      throw new DomainError(
        'owner_only',
        'Only the owner of the organisation can manage its members',
        HttpStatus.FORBIDDEN,
      );
    }
    return organisation;
  }

  private toInvitationDto(invitation: OrganisationInvitation, organisation: Organisation): InvitationDto {
    return {
      id: invitation.id,
      organisationId: organisation.id,
      organisationName: organisation.name,
      login: invitation.login,
      expiresAt: invitation.expiresAt.toISOString(),
      createdAt: invitation.createdAt.toISOString(),
    };
  }
}
