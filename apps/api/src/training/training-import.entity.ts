import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportError {
  row?: number;
  field?: string;
  message: string;
}

/** An attendance file being written in the background; officers poll it for progress. */
@Entity({ name: 'training_imports' })
export class TrainingImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'file_type', type: 'text' })
  fileType: 'csv' | 'xlsx';

  @Column({ type: 'text' })
  status: ImportStatus;

  @Column({ type: 'integer' })
  total: number;

  @Column({ type: 'integer' })
  processed: number;

  @Column({ type: 'integer' })
  inserted: number;

  @Column({ name: 'skipped_duplicates', type: 'integer' })
  skippedDuplicates: number;

  @Column({ type: 'jsonb' })
  errors: ImportError[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
