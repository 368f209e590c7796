import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './numeric-column.js';

/**
 * A figure the platform cannot observe, entered by an officer for a province and a year: a
 * denominator (cooperatives registered, adult population…) or the value of a recorded KPI.
 */
@Entity({ name: 'external_figures' })
export class ExternalFigure {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'numeric', transformer: numericTransformer })
  value: number;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text' })
  source: string;

  /** Date of the source (publication or signature), `YYYY-MM-DD`. */
  @Column({ name: 'source_date', type: 'date' })
  sourceDate: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'entered_by', type: 'uuid', nullable: true })
  enteredBy: string | null;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
