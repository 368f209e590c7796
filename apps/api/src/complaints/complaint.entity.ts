import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const COMPLAINT_STATUSES = ['received', 'in_progress', 'resolved', 'rejected'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_CHANNELS = ['web', 'phone', 'email', 'in_person', 'letter', 'national_portal'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_CATEGORIES = [
  'product_quality',
  'counterfeit',
  'misleading_information',
  'price',
  'delivery',
  'payment',
  'refund_return',
  'seller_conduct',
  'personal_data',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  product_quality: 'Chất lượng sản phẩm',
  counterfeit: 'Hàng giả, hàng nhái',
  misleading_information: 'Thông tin sản phẩm sai lệch',
  price: 'Giá bán',
  delivery: 'Giao hàng',
  payment: 'Thanh toán',
  refund_return: 'Đổi trả, hoàn tiền',
  seller_conduct: 'Thái độ, cách ứng xử của người bán',
  personal_data: 'Dữ liệu cá nhân',
  other: 'Khác',
};

/** A consumer's complaint ("phản ánh, khiếu nại"), handled by province officers. */
@Entity({ name: 'complaints' })
export class Complaint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What the consumer quotes: `KN2026-000042`. */
  @Column({ type: 'text' })
  code: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'text' })
  channel: ComplaintChannel;

  @Column({ name: 'consumer_name', type: 'text' })
  consumerName: string;

  @Column({ name: 'consumer_phone', type: 'text', nullable: true })
  consumerPhone: string | null;

  @Column({ name: 'consumer_email', type: 'text', nullable: true })
  consumerEmail: string | null;

  @Column({ name: 'submitted_by_user_id', type: 'uuid', nullable: true })
  submittedByUserId: string | null;

  /** The seller complained about, when it is on the platform. */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  /** The seller as the consumer named it, e.g. a shop elsewhere. */
  @Column({ name: 'seller_name', type: 'text', nullable: true })
  sellerName: string | null;

  @Column({ name: 'order_reference', type: 'text', nullable: true })
  orderReference: string | null;

  @Column({ type: 'text' })
  category: ComplaintCategory;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  status: ComplaintStatus;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** The answer given to the consumer when the complaint was resolved or rejected. */
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'handled_by', type: 'uuid', nullable: true })
  handledBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
