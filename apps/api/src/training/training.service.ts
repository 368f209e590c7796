import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { type Period, periodFromDates } from '../plan/reporting-period.js';
import type {
  AddParticipantDto,
  CreateTrainingEventDto,
  ParticipationDto,
  TrainingEventDto,
  TrainingEventListQueryDto,
} from './dto/training.dto.js';
import { dedupeKey, normaliseParticipant, type ParticipantValues } from './participant-input.js';
import type { ParticipantType } from './participant-types.js';
import { type TrainingStats, trainingStats, type TrainingStatsOptions } from './training-stats.js';

export const EVENT_NOT_FOUND = () =>
  new DomainError('training_event_not_found', 'Training event not found', HttpStatus.NOT_FOUND);

interface EventRow {
  id: string;
  title: string;
  organiser: string;
  province_code: string;
  commune_code: string | null;
  commune_name: string | null;
  location: string | null;
  starts_at: Date;
  ends_at: Date;
  format: TrainingEventDto['format'];
  topic: string;
  audience: ParticipantType[];
  participations: number;
  absent: number;
  created_at: Date;
}

const SELECT_EVENTS = `
  SELECT e.id, e.title, e.organiser, e.province_code, e.commune_code, c.name AS commune_name, e.location, e.starts_at, e.ends_at,
         e.format, e.topic, e.audience, e.created_at,
         (SELECT count(*)::int FROM training_participations p WHERE p.event_id = e.id AND p.attended) AS participations,
         (SELECT count(*)::int FROM training_participations p WHERE p.event_id = e.id AND NOT p.attended) AS absent
  FROM training_events e LEFT JOIN communes c ON c.code = e.commune_code`;

function toEventDto(row: EventRow): TrainingEventDto {
  return {
    id: row.id,
    title: row.title,
    organiser: row.organiser,
    provinceCode: row.province_code,
    commune: row.commune_code ? { code: row.commune_code, name: row.commune_name ?? row.commune_code } : null,
    location: row.location,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    format: row.format,
    topic: row.topic,
    audience: row.audience,
    participations: row.participations,
    absent: row.absent,
    createdAt: row.created_at.toISOString(),
  };
}

function invalid(fields: { field: string; messages: string[] }[]): DomainError {
  return new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, fields);
}

/**
 * Platform organisations by tax code, for linking participants. Rejected applications keep their
 * tax code but are not organisations anyone belongs to, so they are left out.
 */
export async function organisationsByTaxCode(
  manager: EntityManager,
  taxCodes: readonly string[],
): Promise<Map<string, string>> {
  if (taxCodes.length === 0) return new Map();
  const rows: { id: string; tax_code: string }[] = await manager.query(
    "SELECT id, tax_code FROM organisations WHERE tax_code = ANY($1) AND status <> 'rejected'",
    [[...new Set(taxCodes)]],
  );
  return new Map(rows.map((row) => [row.tax_code, row.id]));
}

/** A participation as the database stores it, ready for `insertParticipations`. */
export interface ParticipationRow extends ParticipantValues {
  organisationId: string | null;
  dedupeKey: string;
  sourceRow: number | null;
}

export function participationRow(
  value: ParticipantValues,
  organisationId: string | null,
  sourceRow: number | null = null,
): ParticipationRow {
  return { ...value, organisationId, dedupeKey: dedupeKey(value), sourceRow };
}

/** Inserts participations, skipping those the event already has; returns the ids inserted. */
export async function insertParticipations(
  manager: EntityManager,
  eventId: string,
  rows: readonly ParticipationRow[],
  meta: { importId: string | null; createdBy: string | null },
): Promise<string[]> {
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO training_participations (event_id, participant_name, name_key, participant_type, organisation_id, organisation_name,
                                          organisation_tax_code, gender, phone, attended, dedupe_key, source_row, import_id, created_by)
     SELECT $1, r."participantName", r."nameKey", r."participantType", r."organisationId", r."organisationName",
            r."organisationTaxCode", r.gender, r.phone, r.attended, r."dedupeKey", r."sourceRow", $3, $4
     FROM jsonb_to_recordset($2::jsonb) AS r("participantName" text, "nameKey" text, "participantType" text, "organisationId" uuid,
          "organisationName" text, "organisationTaxCode" text, gender text, phone text, attended boolean, "dedupeKey" text,
          "sourceRow" integer)
     ON CONFLICT (event_id, dedupe_key) DO NOTHING
     RETURNING id`,
    [eventId, JSON.stringify(rows), meta.importId, meta.createdBy],
  );
  return inserted.map((row) => row.id);
}

@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createEvent(input: CreateTrainingEventDto, actor: AuthenticatedUser): Promise<TrainingEventDto> {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt < startsAt) throw invalid([{ field: 'endsAt', messages: ['endsAt must not be before startsAt'] }]);
    if (input.communeCode) await this.checkHomeCommune(input.communeCode);
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO training_events (title, organiser, province_code, commune_code, location, starts_at, ends_at, format, topic, audience, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        input.title.trim(),
        input.organiser.trim(),
        this.config.HOME_PROVINCE_CODE,
        input.communeCode ?? null,
        input.location?.trim() || null,
        startsAt,
        endsAt,
        input.format,
        input.topic.trim(),
        [...new Set(input.audience ?? [])],
        actor.userId,
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('Inserting a training event returned no id');
    return this.getEvent(id);
  }

  async listEvents(query: TrainingEventListQueryDto): Promise<TrainingEventDto[]> {
    const period = query.from || query.to ? periodFromDates(query.from, query.to) : null;
    const rows: EventRow[] = await this.db.query(
      `${SELECT_EVENTS}
       WHERE e.province_code = $1 AND ($2::timestamptz IS NULL OR e.starts_at >= $2) AND ($3::timestamptz IS NULL OR e.starts_at < $3)
         AND ($4::text IS NULL OR e.commune_code = $4)
       ORDER BY e.starts_at DESC, e.id`,
      [this.config.HOME_PROVINCE_CODE, period?.from ?? null, period?.to ?? null, query.communeCode ?? null],
    );
    return rows.map(toEventDto);
  }

  async getEvent(id: string): Promise<TrainingEventDto> {
    const rows: EventRow[] = await this.db.query(`${SELECT_EVENTS} WHERE e.id = $1`, [id]);
    const row = rows[0];
    if (!row) throw EVENT_NOT_FOUND();
    return toEventDto(row);
  }

  async listParticipants(eventId: string): Promise<ParticipationDto[]> {
    await this.getEvent(eventId);
    return this.participations('p.event_id = $1 ORDER BY p.created_at, p.source_row, p.participant_name', [eventId]);
  }

  /** Adds one participant by hand; the same person twice at one event is a conflict, not a second participation. */
  async addParticipant(eventId: string, input: AddParticipantDto, actor: AuthenticatedUser): Promise<ParticipationDto> {
    await this.getEvent(eventId);
    const checked = normaliseParticipant({
      participantName: input.participantName,
      participantType: input.participantType,
      organisationTaxCode: input.organisationTaxCode,
      organisationName: input.organisationName,
      gender: input.gender,
      phone: input.phone,
      attended: input.attended === false ? 'false' : 'true',
    });
    if ('problems' in checked) {
      throw invalid(checked.problems.map((problem) => ({ field: problem.field, messages: [problem.message] })));
    }
    const value = checked.value;

    let organisationId: string | null = null;
    if (input.organisationId) {
      const found: { tax_code: string | null }[] = await this.db.query(
        'SELECT tax_code FROM organisations WHERE id = $1',
        [input.organisationId],
      );
      if (!found[0]) throw invalid([{ field: 'organisationId', messages: ['no organisation has this id'] }]);
      organisationId = input.organisationId;
      value.organisationTaxCode ??= found[0].tax_code;
    } else if (value.organisationTaxCode) {
      organisationId =
        (await organisationsByTaxCode(this.db.manager, [value.organisationTaxCode])).get(value.organisationTaxCode) ??
        null;
    }

    const [id] = await insertParticipations(this.db.manager, eventId, [participationRow(value, organisationId)], {
      importId: null,
      createdBy: actor.userId,
    });
    if (!id) {
      throw new DomainError(
        'participant_duplicate',
        'This person is already recorded for the event',
        HttpStatus.CONFLICT,
        [{ field: value.phone ? 'phone' : 'participantName', messages: ['already recorded for this event'] }],
      );
    }
    const [created] = await this.participations('p.id = $1', [id]);
    if (!created) throw new Error('A participation vanished after it was written');
    return created;
  }

  /** See `trainingStats`: the figures the KPI engine reads for the training KPIs. */
  trainingStats(
    from: Date,
    to: Date,
    communeCode?: string,
    filter: Omit<TrainingStatsOptions, 'communeCode'> = {},
  ): Promise<TrainingStats> {
    return trainingStats(
      this.db.manager,
      { from, to },
      { provinceCode: this.config.HOME_PROVINCE_CODE, ...filter, communeCode },
    );
  }

  summary(period: Period, communeCode?: string): Promise<TrainingStats> {
    return this.trainingStats(period.from, period.to, communeCode);
  }

  private async participations(where: string, values: unknown[]): Promise<ParticipationDto[]> {
    const rows: {
      id: string;
      event_id: string;
      participant_name: string;
      participant_type: ParticipantType;
      organisation_id: string | null;
      organisation_display: string | null;
      organisation_name: string | null;
      organisation_tax_code: string | null;
      gender: ParticipationDto['gender'];
      phone: string | null;
      attended: boolean;
      import_id: string | null;
      source_row: number | null;
      created_at: Date;
    }[] = await this.db.query(
      `SELECT p.id, p.event_id, p.participant_name, p.participant_type, p.organisation_id, o.name AS organisation_display,
              p.organisation_name, p.organisation_tax_code, p.gender, p.phone, p.attended, p.import_id, p.source_row, p.created_at
       FROM training_participations p LEFT JOIN organisations o ON o.id = p.organisation_id
       WHERE ${where}`,
      values,
    );
    return rows.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      participantName: row.participant_name,
      participantType: row.participant_type,
      organisation: row.organisation_id ? { id: row.organisation_id, name: row.organisation_display ?? '' } : null,
      organisationName: row.organisation_name,
      organisationTaxCode: row.organisation_tax_code,
      gender: row.gender,
      phone: row.phone,
      attended: row.attended,
      source: row.import_id ? 'import' : 'manual',
      sourceRow: row.source_row,
      createdAt: row.created_at.toISOString(),
    }));
  }

  private async checkHomeCommune(code: string): Promise<void> {
    const rows: { province_code: string }[] = await this.db.query(
      'SELECT province_code FROM communes WHERE code = $1',
      [code],
    );
    const province = rows[0]?.province_code;
    if (!province) throw invalid([{ field: 'communeCode', messages: [`no commune has the code ${code}`] }]);
    if (province !== this.config.HOME_PROVINCE_CODE) {
      throw invalid([
        { field: 'communeCode', messages: [`commune ${code} is not in province ${this.config.HOME_PROVINCE_CODE}`] },
      ]);
    }
  }
}
