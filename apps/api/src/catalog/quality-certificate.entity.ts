import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { QualityCertificateKind } from './catalog.constants.js';

/** VietGAP, GlobalGAP, HACCP, organic or food-safety certificate held for a product. */
@Entity({ name: 'quality_certificates' })
export class QualityCertificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: QualityCertificateKind;

  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber: string;

  @Column({ type: 'text' })
  issuer: string;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
