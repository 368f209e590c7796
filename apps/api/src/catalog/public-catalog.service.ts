import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { LegalType } from '../sellers/organisation.entity.js';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import {
  type OcopIssuingLevel,
  type PackagingMaterial,
  type QualityCertificateKind,
  TODAY_IN_VIETNAM_SQL,
} from './catalog.constants.js';
import { dongFromSql } from '../core/database/dong-column.js';
import type {
  CatalogQueryDto,
  CatalogSort,
  CategoryDto,
  ProductDetailDto,
  ProductPageDto,
  ProductSummaryDto,
  SellerShopDto,
  SellerSummaryDto,
} from './dto/public-catalog.dto.js';
import { APPROVED_SELLER_CONDITION, PUBLIC_PRODUCT_CONDITION } from './public-visibility.js';

/**
 * The one definition of "the public may see this product": published, priced, and sold by an
 * organisation that is approved right now. Every public query is built on it, so suspending a
 * seller hides its products on the next request, with no cache or flag to forget.
 */
const PUBLIC_PRODUCTS = `
  FROM products p
  JOIN organisations o ON ${APPROVED_SELLER_CONDITION}
  JOIN product_categories pc ON pc.code = p.category_code
  LEFT JOIN communes cm ON cm.code = o.commune_code
  LEFT JOIN ocop_certificates oc ON oc.product_id = p.id AND oc.status = 'verified'`;
const PUBLIC_WHERE = PUBLIC_PRODUCT_CONDITION;

const ORDER_BY: Record<CatalogSort, string> = {
  newest: 'p.published_at DESC, p.id',
  price_asc: 'p.list_price ASC, p.id',
  price_desc: 'p.list_price DESC, p.id',
  // search_name is the folded name, so "Đ" sorts with "D" instead of after "Z".
  name: 'p.search_name, p.name, p.id',
};

interface SummaryRow {
  id: string;
  slug: string;
  name: string;
  category_code: string;
  category_name: string;
  list_price: string;
  packaging_material: PackagingMaterial | null;
  published_at: Date;
  ocop_stars: number | null;
  ocop_expired: boolean | null;
  seller_slug: string | null;
  seller_name: string;
  legal_type: LegalType;
  commune_code: string | null;
  commune_name: string | null;
  image_key: string | null;
}

const SUMMARY_COLUMNS = `
  p.id, p.slug, p.name, p.category_code, pc.name_vi AS category_name, p.list_price, p.packaging_material, p.published_at,
  oc.stars AS ocop_stars, oc.expires_on < ${TODAY_IN_VIETNAM_SQL} AS ocop_expired,
  o.slug AS seller_slug, o.name AS seller_name, o.legal_type, o.commune_code, cm.name AS commune_name,
  (SELECT i.storage_key FROM product_images i WHERE i.product_id = p.id ORDER BY i.position, i.created_at LIMIT 1) AS image_key`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

@Injectable()
export class PublicCatalogService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async categories(): Promise<CategoryDto[]> {
    const categories: { code: string; parent_code: string | null; name_vi: string; name_en: string }[] =
      await this.db.query(
        'SELECT code, parent_code, name_vi, name_en FROM product_categories ORDER BY sort_order, code',
      );
    const counts: { category_code: string; count: number }[] = await this.db.query(
      `SELECT p.category_code, count(*)::int AS count
       FROM products p JOIN organisations o ON o.id = p.organisation_id AND o.status = 'approved'
       WHERE ${PUBLIC_WHERE} GROUP BY p.category_code`,
    );
    const own = new Map(counts.map((row) => [row.category_code, row.count]));
    const total = new Map<string, number>();
    for (const category of categories) {
      const count = own.get(category.code) ?? 0;
      total.set(category.code, (total.get(category.code) ?? 0) + count);
      if (category.parent_code) total.set(category.parent_code, (total.get(category.parent_code) ?? 0) + count);
    }
    return categories.map((category) => ({
      code: category.code,
      parentCode: category.parent_code,
      nameVi: category.name_vi,
      nameEn: category.name_en,
      productCount: total.get(category.code) ?? 0,
    }));
  }

  async listProducts(query: CatalogQueryDto): Promise<ProductPageDto> {
    if (query.priceMin !== undefined && query.priceMax !== undefined && query.priceMin > query.priceMax) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'priceMax', messages: ['priceMax must not be below priceMin'] },
      ]);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 24;
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const conditions = [PUBLIC_WHERE];
    if (query.category) {
      const code = param(query.category);
      conditions.push(
        `p.category_code IN (SELECT code FROM product_categories WHERE code = ${code} OR parent_code = ${code})`,
      );
    }
    if (query.stars?.length) {
      conditions.push(`oc.stars = ANY(${param(query.stars)}::int[]) AND oc.expires_on >= ${TODAY_IN_VIETNAM_SQL}`);
    }
    if (query.commune) conditions.push(`o.commune_code = ${param(query.commune)}`);
    if (query.seller) conditions.push(`o.slug = ${param(query.seller)}`);
    // Every word must appear, in any order, so "quyt bac son" finds "Quýt vàng Bắc Sơn".
    for (const word of (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
      conditions.push(`p.search_name LIKE '%' || fold_vi(${param(escapeLike(word))}) || '%'`);
    }
    if (query.priceMin !== undefined) conditions.push(`p.list_price >= ${param(query.priceMin)}`);
    if (query.priceMax !== undefined) conditions.push(`p.list_price <= ${param(query.priceMax)}`);
    const where = conditions.join(' AND ');

    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total ${PUBLIC_PRODUCTS} WHERE ${where}`,
      params,
    )) as [{ total: number }];
    const rows: SummaryRow[] =
      total === 0
        ? []
        : await this.db.query(
            `SELECT ${SUMMARY_COLUMNS} ${PUBLIC_PRODUCTS} WHERE ${where}
             ORDER BY ${ORDER_BY[query.sort ?? 'newest']}
             LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
            params,
          );
    return { items: rows.map((row) => this.toSummary(row)), total, page, pageSize };
  }

  async getProduct(slug: string): Promise<ProductDetailDto> {
    const [row] = (await this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, p.description_html, p.growing_area_code,
              oc.certificate_number, oc.issuing_level, oc.issuing_authority,
              oc.issued_on::text AS ocop_issued_on, oc.expires_on::text AS ocop_expires_on
       ${PUBLIC_PRODUCTS} WHERE ${PUBLIC_WHERE} AND p.slug = $1`,
      [slug],
    )) as (SummaryRow & {
      description_html: string;
      growing_area_code: string | null;
      certificate_number: string | null;
      issuing_level: OcopIssuingLevel | null;
      issuing_authority: string | null;
      ocop_issued_on: string | null;
      ocop_expires_on: string | null;
    })[];
    if (!row) throw new DomainError('product_not_found', 'No such product in the catalog', HttpStatus.NOT_FOUND);

    const [variants, images, certificates] = await Promise.all([
      this.db.query(
        `SELECT id, label, sku, price, gtin, weight_grams, stock FROM product_variants
         WHERE product_id = $1 AND active ORDER BY position, created_at`,
        [row.id],
      ) as Promise<
        {
          id: string;
          label: string;
          sku: string;
          price: string;
          gtin: string | null;
          weight_grams: number | null;
          stock: number;
        }[]
      >,
      this.db.query(
        'SELECT storage_key, alt_text FROM product_images WHERE product_id = $1 ORDER BY position, created_at',
        [row.id],
      ) as Promise<{ storage_key: string; alt_text: string }[]>,
      this.db.query(
        `SELECT kind, certificate_number, issuer, expires_on::text AS expires_on, expires_on < ${TODAY_IN_VIETNAM_SQL} AS expired
         FROM quality_certificates WHERE product_id = $1 ORDER BY expires_on DESC`,
        [row.id],
      ) as Promise<
        {
          kind: QualityCertificateKind;
          certificate_number: string;
          issuer: string;
          expires_on: string;
          expired: boolean;
        }[]
      >,
    ]);
    const summary = this.toSummary(row);
    return {
      slug: summary.slug,
      name: summary.name,
      descriptionHtml: row.description_html,
      categoryCode: summary.categoryCode,
      categoryName: summary.categoryName,
      listPrice: summary.listPrice,
      variants: variants.map((variant) => ({
        id: variant.id,
        label: variant.label,
        sku: variant.sku,
        price: dongFromSql(variant.price) as number,
        gtin: variant.gtin,
        weightGrams: variant.weight_grams,
        inStock: variant.stock > 0,
      })),
      images: images.map((image) => ({ url: this.storage.url(image.storage_key), altText: image.alt_text })),
      ocop:
        row.ocop_stars !== null && row.certificate_number !== null
          ? {
              stars: row.ocop_expired ? null : row.ocop_stars,
              expired: row.ocop_expired === true,
              certificateNumber: row.certificate_number,
              issuingLevel: row.issuing_level as OcopIssuingLevel,
              issuingAuthority: row.issuing_authority ?? '',
              issuedOn: row.ocop_issued_on as string,
              expiresOn: row.ocop_expires_on as string,
            }
          : null,
      qualityCertificates: certificates.map((certificate) => ({
        kind: certificate.kind,
        certificateNumber: certificate.certificate_number,
        issuer: certificate.issuer,
        expiresOn: certificate.expires_on,
        expired: certificate.expired,
      })),
      packagingMaterial: summary.packagingMaterial,
      growingAreaCode: row.growing_area_code,
      seller: summary.seller,
      publishedAt: summary.publishedAt,
    };
  }

  async getShop(slug: string): Promise<SellerShopDto> {
    const [organisation] = (await this.db.query(
      `SELECT o.slug, o.name, o.legal_type, o.story, o.website_url, o.commune_code, cm.name AS commune_name
       FROM organisations o LEFT JOIN communes cm ON cm.code = o.commune_code
       WHERE o.slug = $1 AND o.status = 'approved'`,
      [slug],
    )) as {
      slug: string;
      name: string;
      legal_type: LegalType;
      story: string;
      website_url: string | null;
      commune_code: string | null;
      commune_name: string | null;
    }[];
    if (!organisation) throw new DomainError('seller_not_found', 'No such shop', HttpStatus.NOT_FOUND);
    const products = await this.listProducts({ seller: slug, sort: 'newest', page: 1, pageSize: 48 });
    return {
      ...sellerSummary(organisation),
      story: organisation.story,
      websiteUrl: organisation.website_url,
      productCount: products.total,
      products: products.items,
    };
  }

  private toSummary(row: SummaryRow): ProductSummaryDto {
    return {
      slug: row.slug,
      name: row.name,
      categoryCode: row.category_code,
      categoryName: row.category_name,
      listPrice: dongFromSql(row.list_price) as number,
      imageUrl: row.image_key ? this.storage.url(row.image_key) : null,
      ocopStars: row.ocop_stars !== null && row.ocop_expired === false ? row.ocop_stars : null,
      ocopExpired: row.ocop_expired === true,
      packagingMaterial: row.packaging_material,
      seller: sellerSummary({
        slug: row.seller_slug,
        name: row.seller_name,
        legal_type: row.legal_type,
        commune_code: row.commune_code,
        commune_name: row.commune_name,
      }),
      publishedAt: row.published_at.toISOString(),
    };
  }
}

function sellerSummary(row: {
  slug: string | null;
  name: string;
  legal_type: LegalType;
  commune_code: string | null;
  commune_name: string | null;
}): SellerSummaryDto {
  return {
    slug: row.slug,
    name: row.name,
    legalType: row.legal_type,
    commune: row.commune_code && row.commune_name ? { code: row.commune_code, name: row.commune_name } : null,
  };
}
