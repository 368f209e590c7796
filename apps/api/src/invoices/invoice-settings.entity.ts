import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { FormNumber, InvoiceProviderName, IssueTrigger } from './invoice-model.js';

/**
 * How one seller issues invoices. The sealed columns hold AES-256-GCM ciphertext bound to the
 * organisation id; they are never selected unless a provider call needs them.
 */
@Entity({ name: 'invoice_settings' })
export class InvoiceSettings {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  provider: InvoiceProviderName;

  @Column({ name: 'form_number', type: 'smallint' })
  formNumber: FormNumber;

  /** The symbol as registered, e.g. `C26TAA`; its year digits follow the year of each invoice. */
  @Column({ type: 'text' })
  symbol: string;

  @Column({ name: 'issue_trigger', type: 'text' })
  issueTrigger: IssueTrigger;

  @Column({ name: 'provider_base_url', type: 'text', nullable: true })
  providerBaseUrl: string | null;

  @Column({ name: 'provider_template_code', type: 'text', nullable: true })
  providerTemplateCode: string | null;

  @Column({ name: 'credentials_sealed', type: 'text', nullable: true, select: false })
  credentialsSealed: string | null;

  @Column({ name: 'certificate_sealed', type: 'text', nullable: true, select: false })
  certificateSealed: string | null;

  @Column({ name: 'certificate_subject', type: 'text', nullable: true })
  certificateSubject: string | null;

  @Column({ name: 'certificate_serial', type: 'text', nullable: true })
  certificateSerial: string | null;

  @Column({ name: 'certificate_valid_from', type: 'timestamptz', nullable: true })
  certificateValidFrom: Date | null;

  @Column({ name: 'certificate_valid_to', type: 'timestamptz', nullable: true })
  certificateValidTo: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
