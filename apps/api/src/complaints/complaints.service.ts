import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { normalisePhone } from '../identity/login-identifier.js';
import { type Period, periodFromDates } from '../plan/reporting-period.js';
import { type ComplaintStats, complaintStats, type ComplaintStatsOptions } from './complaint-stats.js';
import { Complaint, type ComplaintChannel, type ComplaintStatus } from './complaint.entity.js';
import { ComplaintStatusChange } from './complaint-status-change.entity.js';
import type {
  ComplaintDetailDto,
  ComplaintDto,
  ComplaintListQueryDto,
  ComplaintReceiptDto,
  RecordComplaintDto,
  SubmitComplaintDto,
  TrackComplaintQueryDto,
  TransitionComplaintDto,
} from './dto/complaint.dto.js';

/** Where a complaint may go from each status, and whether the move needs a written reason. */
const TRANSITIONS: Record<
  Exclude<ComplaintStatus, 'received'>,
  { from: readonly ComplaintStatus[]; reasonFrom: readonly ComplaintStatus[] }
> = {
  // Taking it up needs no reason; reopening a closed complaint does.
  in_progress: { from: ['received', 'resolved', 'rejected'], reasonFrom: ['resolved', 'rejected'] },
  resolved: { from: ['received', 'in_progress'], reasonFrom: ['received', 'in_progress'] },
  rejected: { from: ['received', 'in_progress'], reasonFrom: ['received', 'in_progress'] },
};

const NOT_FOUND = () => new DomainError('complaint_not_found', 'Complaint not found', HttpStatus.NOT_FOUND);

function invalid(field: string, message: string): DomainError {
  return new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
    { field, messages: [message] },
  ]);
}

interface ComplaintRow {
  id: string;
  code: string;
  received_at: Date;
  channel: ComplaintChannel;
  consumer_name: string;
  consumer_phone: string | null;
  consumer_email: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  seller_name: string | null;
  order_reference: string | null;
  category: ComplaintDto['category'];
  description: string;
  status: ComplaintStatus;
  resolved_at: Date | null;
  resolution: string | null;
  handled_by: string | null;
  handled_by_name: string | null;
}

const SELECT_COMPLAINTS = `
  SELECT c.id, c.code, c.received_at, c.channel, c.consumer_name, c.consumer_phone, c.consumer_email, c.organisation_id,
         o.name AS organisation_name, c.seller_name, c.order_reference, c.category, c.description, c.status, c.resolved_at,
         c.resolution, c.handled_by, u.full_name AS handled_by_name
  FROM complaints c
  LEFT JOIN organisations o ON o.id = c.organisation_id
  LEFT JOIN users u ON u.id = c.handled_by`;

const DAY_MS = 24 * 60 * 60 * 1000;
const days = (ms: number) => Math.round((ms / DAY_MS) * 100) / 100;

function toDto(row: ComplaintRow, now = new Date()): ComplaintDto {
  const closedAt = row.resolved_at ?? now;
  return {
    id: row.id,
    code: row.code,
    receivedAt: row.received_at.toISOString(),
    channel: row.channel,
    consumerName: row.consumer_name,
    consumerPhone: row.consumer_phone,
    consumerEmail: row.consumer_email,
    organisation: row.organisation_id ? { id: row.organisation_id, name: row.organisation_name ?? '' } : null,
    sellerName: row.seller_name,
    orderReference: row.order_reference,
    category: row.category,
    description: row.description,
    status: row.status,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolution: row.resolution,
    handledBy: row.handled_by ? { id: row.handled_by, name: row.handled_by_name ?? '' } : null,
    daysToResolve: row.resolved_at ? days(row.resolved_at.getTime() - row.received_at.getTime()) : null,
    ageDays: days(Math.max(0, closedAt.getTime() - row.received_at.getTime())),
  };
}

@Injectable()
export class ComplaintsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A consumer's own submission, through the web form; signed-in buyers are remembered as the submitter. */
  async submit(input: SubmitComplaintDto, caller: AuthenticatedUser | undefined): Promise<ComplaintReceiptDto> {
    const complaint = await this.create({ ...input, channel: 'web' }, new Date(), caller?.userId ?? null, null);
    return this.receipt(complaint);
  }

  /** A complaint an officer took by another channel, possibly some time ago. */
  async record(input: RecordComplaintDto, actor: AuthenticatedUser): Promise<ComplaintDetailDto> {
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
    if (receivedAt.getTime() > Date.now() + 60_000) throw invalid('receivedAt', 'receivedAt cannot be in the future');
    const complaint = await this.create(input, receivedAt, null, actor.userId);
    return this.get(complaint.id);
  }

  /** Lets a consumer follow their complaint with its code and the phone number or email they gave. */
  async track(query: TrackComplaintQueryDto): Promise<ComplaintReceiptDto> {
    const complaint = await this.db.getRepository(Complaint).findOneBy({ code: query.code.toUpperCase() });
    const contact = query.contact.trim();
    const phone = normalisePhone(contact) ?? contact.replace(/[\s.-]/g, '');
    const matches =
      complaint && (complaint.consumerEmail === contact.toLowerCase() || complaint.consumerPhone === phone);
    // The same answer whether the code or the contact is wrong, so codes cannot be probed.
    if (!complaint || !matches) throw NOT_FOUND();
    return this.receipt(complaint);
  }

  async list(query: ComplaintListQueryDto): Promise<ComplaintDto[]> {
    const period = query.from || query.to ? periodFromDates(query.from, query.to) : null;
    const rows: ComplaintRow[] = await this.db.query(
      `${SELECT_COMPLAINTS}
       WHERE ($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR c.category = $2) AND ($3::text IS NULL OR c.channel = $3)
         AND ($4::uuid IS NULL OR c.organisation_id = $4)
         AND ($5::timestamptz IS NULL OR c.received_at >= $5) AND ($6::timestamptz IS NULL OR c.received_at < $6)
       ORDER BY c.received_at DESC, c.code DESC
       LIMIT 500`,
      [
        query.status ?? null,
        query.category ?? null,
        query.channel ?? null,
        query.organisationId ?? null,
        period?.from ?? null,
        period?.to ?? null,
      ],
    );
    const now = new Date();
    return rows.map((row) => toDto(row, now));
  }

  async get(id: string): Promise<ComplaintDetailDto> {
    return this.read(this.db.manager, id);
  }

  /**
   * Moves a complaint on. The row is locked so two officers cannot both close it, and the history
   * line is written with the change. Resolving sets `resolved_at`; reopening clears it, so time to
   * resolve always runs from receipt to the resolution that stands.
   */
  async transition(id: string, input: TransitionComplaintDto, actor: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.db.transaction(async (manager) => {
      const complaints = manager.getRepository(Complaint);
      const complaint = await complaints.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!complaint) throw NOT_FOUND();
      const rule = TRANSITIONS[input.status];
      if (!rule.from.includes(complaint.status)) {
        throw new DomainError(
          'invalid_status_transition',
          `A complaint that is ${complaint.status} cannot become ${input.status}`,
          HttpStatus.CONFLICT,
        );
      }
      const reason = input.reason?.trim() || null;
      if (rule.reasonFrom.includes(complaint.status) && !reason) {
        throw invalid(
          'reason',
          input.status === 'resolved' ? 'reason (the resolution) is required' : 'reason is required',
        );
      }
      const now = new Date();
      const changes: Partial<Complaint> = { status: input.status, handledBy: actor.userId };
      if (input.status === 'resolved') {
        changes.resolvedAt = now < complaint.receivedAt ? complaint.receivedAt : now;
        changes.resolution = reason;
      } else if (input.status === 'rejected') {
        changes.resolvedAt = null;
        changes.resolution = reason;
      } else {
        changes.resolvedAt = null;
        if (complaint.status !== 'received') changes.resolution = null;
      }
      await complaints.update({ id }, changes);
      await manager.getRepository(ComplaintStatusChange).insert({
        complaintId: id,
        fromStatus: complaint.status,
        toStatus: input.status,
        reason,
        actorUserId: actor.userId,
      });
      return this.read(manager, id);
    });
  }

  /** See `complaintStats`: the figures the KPI engine reads for the complaint KPIs. */
  complaintStats(from: Date, to: Date, options: ComplaintStatsOptions = {}): Promise<ComplaintStats> {
    return complaintStats(this.db.manager, { from, to }, options);
  }

  stats(period: Period, options: ComplaintStatsOptions): Promise<ComplaintStats> {
    return this.complaintStats(period.from, period.to, options);
  }

  private async create(
    input: SubmitComplaintDto & { channel: ComplaintChannel },
    receivedAt: Date,
    submittedBy: string | null,
    recordedBy: string | null,
  ): Promise<Complaint> {
    const phoneText = input.consumerPhone?.trim();
    const email = input.consumerEmail?.trim().toLowerCase() || null;
    let phone: string | null = null;
    if (phoneText) {
      const digits = phoneText.replace(/[\s.()-]/g, '');
      phone = normalisePhone(digits) ?? (/^0\d{8,10}$/.test(digits) ? digits : null);
      if (!phone) throw invalid('consumerPhone', 'consumerPhone must be a Vietnamese phone number');
    }
    if (!phone && !email)
      throw invalid('consumerPhone', 'give a phone number or an email so that the complaint can be answered');

    return this.db.transaction(async (manager) => {
      if (input.organisationId) {
        const found: unknown[] = await manager.query(
          "SELECT 1 FROM organisations WHERE id = $1 AND status IN ('approved', 'suspended')",
          [input.organisationId],
        );
        if (found.length === 0) throw invalid('organisationId', 'no seller on the platform has this id');
      }
      const codes: { code: string }[] = await manager.query(
        `SELECT 'KN' || to_char($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' ||
                lpad(nextval('complaint_code_seq')::text, 6, '0') AS code`,
        [receivedAt],
      );
      const complaint = await manager.getRepository(Complaint).save({
        code: codes[0]?.code ?? '',
        receivedAt,
        channel: input.channel,
        consumerName: input.consumerName.trim(),
        consumerPhone: phone,
        consumerEmail: email,
        submittedByUserId: submittedBy,
        organisationId: input.organisationId ?? null,
        sellerName: input.sellerName?.trim() || null,
        orderReference: input.orderReference?.trim() || null,
        category: input.category,
        description: input.description.trim(),
        status: 'received',
        resolvedAt: null,
        resolution: null,
        handledBy: recordedBy,
      });
      await manager.getRepository(ComplaintStatusChange).insert({
        complaintId: complaint.id,
        fromStatus: null,
        toStatus: 'received',
        reason: null,
        actorUserId: recordedBy ?? submittedBy,
      });
      return complaint;
    });
  }

  private receipt(complaint: Complaint): ComplaintReceiptDto {
    return {
      code: complaint.code,
      status: complaint.status,
      receivedAt: complaint.receivedAt.toISOString(),
      resolvedAt: complaint.resolvedAt?.toISOString() ?? null,
      resolution: complaint.status === 'resolved' || complaint.status === 'rejected' ? complaint.resolution : null,
    };
  }

  private async read(manager: EntityManager, id: string): Promise<ComplaintDetailDto> {
    const rows: ComplaintRow[] = await manager.query(`${SELECT_COMPLAINTS} WHERE c.id = $1`, [id]);
    const row = rows[0];
    if (!row) throw NOT_FOUND();
    const history: {
      from_status: ComplaintStatus | null;
      to_status: ComplaintStatus;
      reason: string | null;
      actor_user_id: string | null;
      actor_name: string | null;
      created_at: Date;
    }[] = await manager.query(
      `SELECT h.from_status, h.to_status, h.reason, h.actor_user_id, u.full_name AS actor_name, h.created_at
       FROM complaint_status_changes h LEFT JOIN users u ON u.id = h.actor_user_id
       WHERE h.complaint_id = $1 ORDER BY h.created_at, h.id`,
      [id],
    );
    return {
      ...toDto(row),
      history: history.map((h) => ({
        fromStatus: h.from_status,
        toStatus: h.to_status,
        reason: h.reason,
        actorUserId: h.actor_user_id,
        actorName: h.actor_name,
        at: h.created_at.toISOString(),
      })),
    };
  }
}
