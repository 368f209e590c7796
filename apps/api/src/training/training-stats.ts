import type { EntityManager } from 'typeorm';
import type { Period } from '../plan/reporting-period.js';
import { PARTICIPANT_TYPES, type ParticipantType } from './participant-types.js';
import { GENDERS } from './training-participation.entity.js';
import { TRAINING_FORMATS, type TrainingFormat } from './training-event.entity.js';

export interface TrainingStatsOptions {
  /** Events held in this commune only (the per-commune report). */
  communeCode?: string;
  provinceCode?: string;
  /** Count only participations of these types (a KPI's `filter.participantTypes`). */
  participantTypes?: readonly ParticipantType[];
  /** Count only events whose audience includes one of these types (a KPI's `filter.eventAudience`). */
  eventAudience?: readonly ParticipantType[];
}

/**
 * Training figures for `[from, to)`, by the start of each event. `participations` is what the
 * plans count ("lượt": a person at two events counts twice); `distinctPeople` counts people once,
 * by phone number or else by folded name, which is what a share of officials trained needs.
 */
export interface TrainingStats {
  from: string;
  to: string;
  communeCode: string | null;
  events: number;
  eventsByFormat: Record<TrainingFormat, number>;
  eventsByAudience: Record<ParticipantType, number>;
  participations: number;
  registeredNotAttended: number;
  byParticipantType: Record<ParticipantType, number>;
  byGender: Record<(typeof GENDERS)[number] | 'unknown', number>;
  distinctPeople: number;
  distinctPeopleByType: Record<ParticipantType, number>;
  organisationsReached: number;
}

function counts<K extends string>(keys: readonly K[], found: Record<string, number> | null): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, found?.[key] ?? 0])) as Record<K, number>;
}

export async function trainingStats(
  db: EntityManager,
  period: Period,
  options: TrainingStatsOptions = {},
): Promise<TrainingStats> {
  const rows: {
    events: number;
    by_format: Record<string, number> | null;
    by_audience: Record<string, number> | null;
    participations: number;
    not_attended: number;
    by_type: Record<string, number> | null;
    by_gender: Record<string, number> | null;
    distinct_people: number;
    distinct_by_type: Record<string, number> | null;
    organisations: number;
  }[] = await db.query(
    `WITH ev AS (
       SELECT id, format, audience FROM training_events
       WHERE starts_at >= $1 AND starts_at < $2
         AND ($3::text IS NULL OR commune_code = $3)
         AND ($4::text IS NULL OR province_code = $4)
         AND ($6::text[] IS NULL OR audience && $6::text[])
     ),
     p AS (
       SELECT tp.participant_type, tp.gender, tp.attended, tp.organisation_id, coalesce(tp.phone, tp.name_key) AS person
       FROM training_participations tp JOIN ev ON ev.id = tp.event_id
       WHERE $5::text[] IS NULL OR tp.participant_type = ANY($5::text[])
     ),
     a AS (SELECT * FROM p WHERE attended)
     SELECT
       (SELECT count(*)::int FROM ev) AS events,
       (SELECT jsonb_object_agg(format, n) FROM (SELECT format, count(*)::int AS n FROM ev GROUP BY format) x) AS by_format,
       (SELECT jsonb_object_agg(t, n) FROM (SELECT t, count(*)::int AS n FROM ev, unnest(ev.audience) AS t GROUP BY t) x) AS by_audience,
       (SELECT count(*)::int FROM a) AS participations,
       (SELECT count(*)::int FROM p WHERE NOT attended) AS not_attended,
       (SELECT jsonb_object_agg(participant_type, n) FROM (SELECT participant_type, count(*)::int AS n FROM a GROUP BY participant_type) x) AS by_type,
       (SELECT jsonb_object_agg(g, n) FROM (SELECT coalesce(gender, 'unknown') AS g, count(*)::int AS n FROM a GROUP BY 1) x) AS by_gender,
       (SELECT count(DISTINCT person)::int FROM a) AS distinct_people,
       (SELECT jsonb_object_agg(participant_type, n) FROM
          (SELECT participant_type, count(DISTINCT person)::int AS n FROM a GROUP BY participant_type) x) AS distinct_by_type,
       (SELECT count(DISTINCT organisation_id)::int FROM a) AS organisations`,
    [
      period.from,
      period.to,
      options.communeCode ?? null,
      options.provinceCode ?? null,
      options.participantTypes ? [...options.participantTypes] : null,
      options.eventAudience ? [...options.eventAudience] : null,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('The training statistics query returned no row');
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    communeCode: options.communeCode ?? null,
    events: row.events,
    eventsByFormat: counts(TRAINING_FORMATS, row.by_format),
    eventsByAudience: counts(PARTICIPANT_TYPES, row.by_audience),
    participations: row.participations,
    registeredNotAttended: row.not_attended,
    byParticipantType: counts(PARTICIPANT_TYPES, row.by_type),
    byGender: counts([...GENDERS, 'unknown'] as const, row.by_gender),
    distinctPeople: row.distinct_people,
    distinctPeopleByType: counts(PARTICIPANT_TYPES, row.distinct_by_type),
    organisationsReached: row.organisations,
  };
}
