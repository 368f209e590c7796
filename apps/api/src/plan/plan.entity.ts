import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A provincial e-commerce plan: a province, a period and the KPI targets in `plan_targets`. */
@Entity({ name: 'plans' })
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Set on the plans shipped with the platform, so that presets are loaded only once. */
  @Column({ name: 'preset_key', type: 'text', nullable: true })
  presetKey: string | null;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'period_start_year', type: 'integer' })
  periodStartYear: number;

  @Column({ name: 'period_end_year', type: 'integer' })
  periodEndYear: number;

  @Column({ name: 'source_document', type: 'text' })
  sourceDocument: string;

  @Column({ name: 'is_preset', type: 'boolean' })
  isPreset: boolean;

  @Column({ type: 'boolean' })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
