import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { dongColumn } from '../core/database/dong-column.js';

/** A sellable size or pack of a product (500 g, 1 kg, hộp 6 chai…), each with its own SKU and price. */
@Entity({ name: 'product_variants' })
export class ProductVariant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'bigint', transformer: dongColumn })
  price: number;

  @Column({ type: 'text', nullable: true })
  gtin: string | null;

  @Column({ name: 'weight_grams', type: 'int', nullable: true })
  weightGrams: number | null;

  @Column({ type: 'int' })
  stock: number;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ type: 'int' })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
