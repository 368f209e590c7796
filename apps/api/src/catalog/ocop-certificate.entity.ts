import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OcopCertificateStatus, OcopIssuingLevel } from './catalog.constants.js';

/**
 * An OCOP rating as the seller declares it. It counts for buyers only once an officer has verified
 * it, and only until it expires. Replacing a verified certificate creates a new pending row, so the
 * verified stars stay on the shop while the renewal waits for review.
 */
@Entity({ name: 'ocop_certificates' })
export class OcopCertificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'smallint' })
  stars: number;

  /** The recognition decision number, e.g. 1234/QĐ-UBND. */
  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber: string;

  @Column({ name: 'issuing_level', type: 'text' })
  issuingLevel: OcopIssuingLevel;

  @Column({ name: 'issuing_authority', type: 'text' })
  issuingAuthority: string;

  /** Calendar dates (YYYY-MM-DD) in Vietnam; TypeORM returns `date` columns as strings. */
  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  @Column({ name: 'document_key', type: 'text', nullable: true })
  documentKey: string | null;

  @Column({ name: 'document_content_type', type: 'text', nullable: true })
  documentContentType: string | null;

  @Column({ type: 'text' })
  status: OcopCertificateStatus;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
