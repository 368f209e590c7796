import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ParticipantType } from './participant-types.js';

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** One participation ("lượt"): a person at an event. The same person at two events counts twice. */
@Entity({ name: 'training_participations' })
export class TrainingParticipation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'participant_name', type: 'text' })
  participantName: string;

  /** The name folded for matching (no marks, lower case, single spaces). */
  @Column({ name: 'name_key', type: 'text' })
  nameKey: string;

  @Column({ name: 'participant_type', type: 'text' })
  participantType: ParticipantType;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ name: 'organisation_name', type: 'text', nullable: true })
  organisationName: string | null;

  /** As given, kept even when no organisation on the platform has it, so it can be linked later. */
  @Column({ name: 'organisation_tax_code', type: 'text', nullable: true })
  organisationTaxCode: string | null;

  @Column({ type: 'text', nullable: true })
  gender: Gender | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'boolean' })
  attended: boolean;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;

  @Column({ name: 'source_row', type: 'integer', nullable: true })
  sourceRow: number | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
