import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { KpiDirection, KpiUnit } from './kpi-catalogue.js';

/**
 * A KPI an officer added to a plan because the catalogue lacks it. The platform cannot compute it,
 * so its values are recorded per year as external figures under its `kpiId`.
 */
@Entity({ name: 'plan_custom_kpis' })
export class PlanCustomKpi {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'kpi_id', type: 'text' })
  kpiId: string;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ type: 'text' })
  unit: KpiUnit;

  @Column({ type: 'text' })
  direction: KpiDirection;

  @Column({ type: 'text', nullable: true })
  definition: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
