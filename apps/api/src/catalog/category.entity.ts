import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Reference data seeded by the catalog migration; the code is the public identifier. */
@Entity({ name: 'product_categories' })
export class ProductCategory {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder: number;
}
