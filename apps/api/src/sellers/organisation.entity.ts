import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const LEGAL_TYPES = [
  'cooperative', // hợp tác xã (HTX)
  'enterprise', // doanh nghiệp
  'household_business', // hộ kinh doanh
  'cooperative_group', // tổ hợp tác
  'individual_business', // cá nhân kinh doanh
] as const;
export type LegalType = (typeof LEGAL_TYPES)[number];

export const ORGANISATION_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

export interface MarketplaceStore {
  marketplace: string;
  url: string;
}

/**
 * A selling organisation. Only `approved` organisations can publish products, and only their
 * published products are ever public; suspension hides them at once because every public query
 * joins on this status.
 */
@Entity({ name: 'organisations' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  slug: string | null;

  @Column({ name: 'legal_type', type: 'text' })
  legalType: LegalType;

  @Column({ name: 'is_sme', type: 'boolean' })
  isSme: boolean;

  @Column({ name: 'women_owned', type: 'boolean' })
  womenOwned: boolean;

  /** Mã số thuế: 10 digits, or 13 with a branch suffix (stored without the dash). */
  @Column({ name: 'tax_code', type: 'text', nullable: true })
  taxCode: string | null;

  /** False when the check digit fails: a warning for the officer, since some old valid codes fail it. */
  @Column({ name: 'tax_code_checksum_ok', type: 'boolean', nullable: true })
  taxCodeChecksumOk: boolean | null;

  @Column({ name: 'business_registration_number', type: 'text', nullable: true })
  businessRegistrationNumber: string | null;

  @Column({ name: 'street_address', type: 'text' })
  streetAddress: string;

  @Column({ name: 'commune_code', type: 'text', nullable: true })
  communeCode: string | null;

  @Column({ name: 'contact_name', type: 'text' })
  contactName: string;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  /** Bank identification number (BIN) of the bank that receives transfers, e.g. 970436. */
  @Column({ name: 'bank_bin', type: 'text', nullable: true })
  bankBin: string | null;

  @Column({ name: 'bank_account_number', type: 'text', nullable: true })
  bankAccountNumber: string | null;

  @Column({ name: 'bank_account_name', type: 'text', nullable: true })
  bankAccountName: string | null;

  @Column({ name: 'website_url', type: 'text', nullable: true })
  websiteUrl: string | null;

  @Column({ name: 'marketplace_stores', type: 'jsonb' })
  marketplaceStores: MarketplaceStore[];

  @Column({ type: 'text' })
  story: string;

  @Column({ type: 'text' })
  status: OrganisationStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
