import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Comparison, TargetBasis } from './plan-presets.js';
import { numericTransformer } from './numeric-column.js';

export interface TargetParams {
  withinDays?: number;
}

/**
 * One quantified target of a plan. `targetYear` null means the end of the plan period; `basis`
 * says whether the value is read in that year, summed over the period, or must hold every year.
 */
@Entity({ name: 'plan_targets' })
export class PlanTarget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** A catalogue KPI id, or `custom.…` for a KPI the plan's officers defined. */
  @Column({ name: 'kpi_id', type: 'text' })
  kpiId: string;

  @Column({ name: 'custom_kpi_id', type: 'uuid', nullable: true })
  customKpiId: string | null;

  @Column({ name: 'preset_key', type: 'text', nullable: true })
  presetKey: string | null;

  @Column({ name: 'target_value', type: 'numeric', transformer: numericTransformer })
  targetValue: number;

  @Column({ name: 'stretch_value', type: 'numeric', nullable: true, transformer: numericTransformer })
  stretchValue: number | null;

  @Column({ type: 'text' })
  comparison: Comparison;

  @Column({ name: 'target_year', type: 'integer', nullable: true })
  targetYear: number | null;

  @Column({ type: 'text' })
  basis: TargetBasis;

  /** The plan's own words, in Vietnamese. */
  @Column({ type: 'text', nullable: true })
  citation: string | null;

  /** Where the words are: `[LS L25]`. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb' })
  params: TargetParams;

  @Column({ name: 'is_preset', type: 'boolean' })
  isPreset: boolean;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
