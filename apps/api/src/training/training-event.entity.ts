import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ParticipantType } from './participant-types.js';

export const TRAINING_FORMATS = ['offline', 'online', 'hybrid'] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

/** A class, workshop or briefing on e-commerce; its commune places it on the per-commune report. */
@Entity({ name: 'training_events' })
export class TrainingEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  organiser: string;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode: string;

  @Column({ name: 'commune_code', type: 'text', nullable: true })
  communeCode: string | null;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text' })
  format: TrainingFormat;

  @Column({ type: 'text' })
  topic: string;

  /** Whom the event is for; BG counts classes for officials apart from classes for businesses. */
  @Column({ type: 'text', array: true })
  audience: ParticipantType[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
