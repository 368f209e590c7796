import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { User } from '../identity/user.entity.js';
import type {
  OrganisationApplicationDto,
  OrganisationDto,
  StatusChangeDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto.js';
import { Organisation, type OrganisationStatus } from './organisation.entity.js';
import { toOrganisationDto, toOrganisationDtos } from './organisation-mapper.js';
import { profileChanges, uniqueOrganisationSlug } from './organisation-profile.js';
import { OrganisationStatusChange } from './organisation-status-change.entity.js';

/** The officer's decisions, and the only transitions between statuses that exist. */
const TRANSITIONS = {
  approve: { from: ['pending'], to: 'approved', reasonRequired: false },
  reject: { from: ['pending'], to: 'rejected', reasonRequired: true },
  suspend: { from: ['approved'], to: 'suspended', reasonRequired: true },
  reinstate: { from: ['suspended'], to: 'approved', reasonRequired: false },
  resubmit: { from: ['rejected'], to: 'pending', reasonRequired: false },
} as const satisfies Record<string, { from: OrganisationStatus[]; to: OrganisationStatus; reasonRequired: boolean }>;

export type StatusDecision = keyof typeof TRANSITIONS;

const NOT_FOUND = () => new DomainError('organisation_not_found', 'Organisation not found', HttpStatus.NOT_FOUND);

function isTaxCodeTaken(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'organisations_tax_code_key';
}

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A buyer applies for an organisation: it is created pending, and the applicant becomes its owner
   * and first member. Nothing can be published until an officer approves it.
   */
  async apply(caller: AuthenticatedUser, input: OrganisationApplicationDto): Promise<OrganisationDto> {
    if (caller.organisationId) {
      throw new DomainError('already_member', 'You already belong to an organisation', HttpStatus.CONFLICT);
    }
    return this.writing(async (manager) => {
      const changes = await profileChanges(manager, input, this.config.HOME_PROVINCE_CODE);
      const organisation = await manager.getRepository(Organisation).save({
        marketplaceStores: [],
        story: '',
        isSme: false,
        womenOwned: false,
        ...changes,
        slug: await uniqueOrganisationSlug(manager, input.name),
        status: 'pending',
        ownerUserId: caller.userId,
      });
      await manager
        .getRepository(User)
        .update({ id: caller.userId }, { role: 'seller_member', organisationId: organisation.id });
      await this.recordChange(manager, organisation.id, null, 'pending', null, caller.userId);
      return toOrganisationDto(manager, organisation);
    });
  }

  async getOwn(caller: AuthenticatedUser): Promise<OrganisationDto> {
    if (!caller.organisationId) throw NOT_FOUND();
    return this.getById(caller.organisationId);
  }

  async updateOwn(caller: AuthenticatedUser, input: UpdateOrganisationDto): Promise<OrganisationDto> {
    const organisationId = caller.organisationId;
    if (!organisationId) throw NOT_FOUND();
    return this.writing(async (manager) => {
      const organisations = manager.getRepository(Organisation);
      const organisation = await organisations.findOne({
        where: { id: organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organisation) throw NOT_FOUND();
      const changes = await profileChanges(manager, input, this.config.HOME_PROVINCE_CODE);
      if (changes.name && changes.name !== organisation.name) {
        changes.slug = await uniqueOrganisationSlug(manager, changes.name, organisation.id);
      }
      await organisations.update({ id: organisation.id }, changes);
      return toOrganisationDto(manager, { ...organisation, ...changes });
    });
  }

  async list(status?: OrganisationStatus): Promise<OrganisationDto[]> {
    const organisations = await this.db.getRepository(Organisation).find({
      where: status ? { status } : {},
      order: { createdAt: 'ASC' },
    });
    return toOrganisationDtos(this.db.manager, organisations);
  }

  async getById(id: string): Promise<OrganisationDto> {
    const organisation = await this.db.getRepository(Organisation).findOneBy({ id });
    if (!organisation) throw NOT_FOUND();
    return toOrganisationDto(this.db.manager, organisation);
  }

  /**
   * Applies an officer's decision (or an owner's resubmission). The row is locked so that two
   * officers deciding at once cannot both succeed, and the history line is written in the same
   * transaction as the change.
   */
  async decide(
    id: string,
    decision: StatusDecision,
    actor: AuthenticatedUser,
    reason?: string,
  ): Promise<OrganisationDto> {
    const rule = TRANSITIONS[decision];
    if (rule.reasonRequired && !reason?.trim()) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'reason', messages: ['reason is required'] },
      ]);
    }
    return this.db.transaction(async (manager) => {
      const organisations = manager.getRepository(Organisation);
      const organisation = await organisations.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!organisation) throw NOT_FOUND();
      if (!(rule.from as readonly OrganisationStatus[]).includes(organisation.status)) {
        throw new DomainError(
          'invalid_status_transition',
          `Cannot ${decision} an organisation that is ${organisation.status}`,
          HttpStatus.CONFLICT,
        );
      }
      const changes: Partial<Organisation> = {
        status: rule.to,
        statusReason: rule.to === 'rejected' || rule.to === 'suspended' ? (reason?.trim() ?? null) : null,
      };
      if (decision === 'approve') changes.approvedAt = new Date();
      await organisations.update({ id }, changes);
      await this.recordChange(manager, id, organisation.status, rule.to, reason?.trim() || null, actor.userId);
      return toOrganisationDto(manager, { ...organisation, ...changes });
    });
  }

  async resubmitOwn(caller: AuthenticatedUser): Promise<OrganisationDto> {
    if (!caller.organisationId) throw NOT_FOUND();
    return this.decide(caller.organisationId, 'resubmit', caller);
  }

  async history(id: string): Promise<StatusChangeDto[]> {
    await this.getById(id);
    const rows: {
      from_status: OrganisationStatus | null;
      to_status: OrganisationStatus;
      reason: string | null;
      actor_user_id: string | null;
      actor_name: string | null;
      created_at: Date;
    }[] = await this.db.query(
      `SELECT h.from_status, h.to_status, h.reason, h.actor_user_id, u.full_name AS actor_name, h.created_at
       FROM organisation_status_changes h LEFT JOIN users u ON u.id = h.actor_user_id
       WHERE h.organisation_id = $1 ORDER BY h.created_at, h.id`,
      [id],
    );
    return rows.map((row) => ({
      fromStatus: row.from_status,
      toStatus: row.to_status,
      reason: row.reason,
      actorUserId: row.actor_user_id,
      actorName: row.actor_name,
      at: row.created_at.toISOString(),
    }));
  }

  private async recordChange(
    manager: EntityManager,
    organisationId: string,
    fromStatus: OrganisationStatus | null,
    toStatus: OrganisationStatus,
    reason: string | null,
    actorUserId: string | null,
  ): Promise<void> {
    await manager
      .getRepository(OrganisationStatusChange)
      .insert({ organisationId, fromStatus, toStatus, reason, actorUserId });
  }

  private async writing<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (isTaxCodeTaken(error)) {
        throw new DomainError(
          'tax_code_taken',
          'Another organisation is registered with this tax code',
          HttpStatus.CONFLICT,
          [{ field: 'taxCode', messages: ['another organisation is registered with this tax code'] }],
        );
      }
      throw error;
    }
  }
}
