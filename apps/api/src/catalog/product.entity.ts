import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PackagingMaterial, ProductStatus } from './catalog.constants.js';
import { dongColumn } from '../core/database/dong-column.js';

@Entity({ name: 'products' })
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  slug: string;

  /** Already sanitised on the way in; never store what the client sent. */
  @Column({ name: 'description_html', type: 'text' })
  descriptionHtml: string;

  @Column({ type: 'text' })
  status: ProductStatus;

  @Column({ name: 'packaging_material', type: 'text', nullable: true })
  packagingMaterial: PackagingMaterial | null;

  /** Mã số vùng trồng, as issued by the plant-protection authority. */
  @Column({ name: 'growing_area_code', type: 'text', nullable: true })
  growingAreaCode: string | null;

  /** Maintained by database triggers from the active variants; never written by the application. */
  @Column({
    name: 'list_price',
    type: 'bigint',
    nullable: true,
    transformer: dongColumn,
    insert: false,
    update: false,
  })
  listPrice: number | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Set once; the slug is frozen from then on because links to the product are out in the world. */
  @Column({ name: 'first_published_at', type: 'timestamptz', nullable: true })
  firstPublishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
