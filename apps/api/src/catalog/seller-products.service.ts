import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { type PackagingMaterial } from './catalog.constants.js';
import {
  type FieldProblem,
  invalid,
  invalidField,
  isForeignKeyViolation,
  isUniqueViolation,
  isUuid,
  productNotFound,
} from './catalog-errors.js';
import { toImageDto, toOcopCertificateDto, toQualityCertificateDto, toVariantDto } from './catalog-mappers.js';
import { dongFromSql } from '../core/database/dong-column.js';
import type {
  CreateProductDto,
  SellerProductDto,
  SellerProductPageDto,
  SellerProductQueryDto,
  UpdateProductDto,
  VariantInputDto,
} from './dto/seller-product.dto.js';
import { OcopCertificate } from './ocop-certificate.entity.js';
import { Product } from './product.entity.js';
import { ProductImage } from './product-image.entity.js';
import { firstFreeSlug, slugify } from './product-slug.js';
import { ProductVariant } from './product-variant.entity.js';
import { QualityCertificate } from './quality-certificate.entity.js';
import { sanitiseDescription } from './sanitise-description.js';
import { todayInVietnam } from './vietnam-date.js';

/** The organisation a seller acts for; it comes from the account, never from the request. */
export function organisationOf(caller: AuthenticatedUser): string {
  if (!caller.organisationId) {
    throw new DomainError(
      'organisation_required',
      'Your account does not belong to an organisation',
      HttpStatus.FORBIDDEN,
    );
  }
  return caller.organisationId;
}

/**
 * Loads a product of the caller's organisation, locking it for the rest of the transaction when
 * asked. Another organisation's id, or an id that is not a UUID, is simply not found.
 */
export async function findOwnProduct(
  manager: EntityManager,
  caller: AuthenticatedUser,
  productId: string,
  lock = false,
): Promise<Product> {
  const organisationId = organisationOf(caller);
  if (!isUuid(productId)) throw productNotFound();
  const product = await manager.getRepository(Product).findOne({
    where: { id: productId, organisationId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!product) throw productNotFound();
  return product;
}

const SLUG_ATTEMPTS = 3;

@Injectable()
export class SellerProductsService {
  private readonly logger = new Logger(SellerProductsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async list(caller: AuthenticatedUser, query: SellerProductQueryDto): Promise<SellerProductPageDto> {
    const organisationId = organisationOf(caller);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const params: unknown[] = [organisationId];
    let where = 'p.organisation_id = $1';
    if (query.status) {
      params.push(query.status);
      where += ` AND p.status = $${params.length}`;
    }
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM products p WHERE ${where}`,
      params,
    )) as [{ total: number }];
    const rows: {
      id: string;
      slug: string;
      name: string;
      status: SellerProductDto['status'];
      category_code: string;
      list_price: string | null;
      updated_at: Date;
      variant_count: number;
      image_key: string | null;
    }[] = await this.db.query(
      `SELECT p.id, p.slug, p.name, p.status, p.category_code, p.list_price, p.updated_at,
              (SELECT count(*) FROM product_variants v WHERE v.product_id = p.id)::int AS variant_count,
              (SELECT i.storage_key FROM product_images i WHERE i.product_id = p.id
               ORDER BY i.position, i.created_at LIMIT 1) AS image_key
       FROM products p WHERE ${where}
       ORDER BY p.updated_at DESC, p.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        name: row.name,
        status: row.status,
        categoryCode: row.category_code,
        listPrice: dongFromSql(row.list_price),
        variantCount: row.variant_count,
        imageUrl: row.image_key ? this.storage.url(row.image_key) : null,
        updatedAt: row.updated_at.toISOString(),
      })),
      total,
      page,
      pageSize,
    };
  }

  async get(caller: AuthenticatedUser, productId: string): Promise<SellerProductDto> {
    const product = await findOwnProduct(this.db.manager, caller, productId);
    return this.toDto(this.db.manager, product);
  }

  async create(caller: AuthenticatedUser, input: CreateProductDto): Promise<SellerProductDto> {
    const organisationId = organisationOf(caller);
    return this.withSlugRetry(() =>
      this.db.transaction(async (manager) => {
        await this.checkCategory(manager, input.categoryCode);
        const products = manager.getRepository(Product);
        const product = await products.save(
          products.create({
            organisationId,
            categoryCode: input.categoryCode,
            name: input.name.trim(),
            slug: await this.freeSlug(manager, input.name),
            descriptionHtml: sanitiseDescription(input.descriptionHtml ?? ''),
            status: 'draft',
            packagingMaterial: input.packagingMaterial ?? null,
            growingAreaCode: normaliseGrowingAreaCode(input.growingAreaCode),
            publishedAt: null,
            firstPublishedAt: null,
          }),
        );
        await this.replaceVariants(manager, product, input.variants, []);
        return this.toDto(manager, await products.findOneByOrFail({ id: product.id }));
      }),
    );
  }

  async update(caller: AuthenticatedUser, productId: string, input: UpdateProductDto): Promise<SellerProductDto> {
    return this.withSlugRetry(() =>
      this.db.transaction(async (manager) => {
        const product = await findOwnProduct(manager, caller, productId, true);
        if (input.categoryCode !== undefined) {
          await this.checkCategory(manager, input.categoryCode);
          product.categoryCode = input.categoryCode;
        }
        if (input.name !== undefined && input.name.trim() !== product.name) {
          product.name = input.name.trim();
          // Once a product has been public its link is out in the world; the slug no longer follows the name.
          if (!product.firstPublishedAt) product.slug = await this.freeSlug(manager, product.name, product.id);
        }
        if (input.descriptionHtml !== undefined) product.descriptionHtml = sanitiseDescription(input.descriptionHtml);
        if (input.packagingMaterial !== undefined)
          product.packagingMaterial = (input.packagingMaterial ?? null) as PackagingMaterial | null;
        if (input.growingAreaCode !== undefined)
          product.growingAreaCode = normaliseGrowingAreaCode(input.growingAreaCode);
        await manager.getRepository(Product).save(product);

        if (input.variants !== undefined) {
          const existing = await manager.getRepository(ProductVariant).find({ where: { productId: product.id } });
          await this.replaceVariants(manager, product, input.variants, existing);
          if (product.status === 'published' && !input.variants.some((variant) => variant.active ?? true)) {
            throw new DomainError(
              'active_variant_required',
              'A published product needs at least one active variant; unpublish it first',
              HttpStatus.CONFLICT,
              [{ field: 'variants', messages: ['keep at least one active variant while the product is published'] }],
            );
          }
        }
        return this.toDto(manager, await manager.getRepository(Product).findOneByOrFail({ id: product.id }));
      }),
    );
  }

  async publish(caller: AuthenticatedUser, productId: string): Promise<SellerProductDto> {
    return this.db.transaction(async (manager) => {
      const product = await findOwnProduct(manager, caller, productId, true);
      const [organisation] = (await manager.query('SELECT status FROM organisations WHERE id = $1 FOR SHARE', [
        product.organisationId,
      ])) as { status: string }[];
      if (organisation?.status !== 'approved') {
        throw new DomainError(
          'organisation_not_approved',
          `Your organisation is ${organisation?.status ?? 'unknown'}: only approved organisations can publish products`,
          HttpStatus.FORBIDDEN,
        );
      }
      if (product.listPrice === null) {
        throw new DomainError(
          'active_variant_required',
          'Add an active variant with a price before publishing',
          HttpStatus.CONFLICT,
          [{ field: 'variants', messages: ['at least one active variant is needed to publish'] }],
        );
      }
      if (product.status !== 'published') {
        const now = new Date();
        product.status = 'published';
        product.publishedAt = now;
        product.firstPublishedAt ??= now;
        await manager.getRepository(Product).save(product);
      }
      return this.toDto(manager, product);
    });
  }

  async unpublish(caller: AuthenticatedUser, productId: string): Promise<SellerProductDto> {
    return this.setStatus(caller, productId, 'draft');
  }

  async archive(caller: AuthenticatedUser, productId: string): Promise<SellerProductDto> {
    return this.setStatus(caller, productId, 'archived');
  }

  /**
   * Only a product that was never public can be deleted; one that was may be referenced by orders,
   * reviews or printed QR labels, so it is archived instead.
   */
  async remove(caller: AuthenticatedUser, productId: string): Promise<void> {
    const keys = await this.db.transaction(async (manager) => {
      const product = await findOwnProduct(manager, caller, productId, true);
      if (product.firstPublishedAt) {
        throw new DomainError(
          'product_was_published',
          'A product that has been published cannot be deleted; archive it',
          HttpStatus.CONFLICT,
        );
      }
      const images = await manager.getRepository(ProductImage).find({ where: { productId: product.id } });
      const documents = await manager.getRepository(OcopCertificate).find({ where: { productId: product.id } });
      try {
        await manager.getRepository(Product).delete({ id: product.id });
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new DomainError(
            'product_in_use',
            'Other records (batches, orders) refer to this product; archive it instead',
            HttpStatus.CONFLICT,
          );
        }
        throw error;
      }
      return [
        ...images.map((image) => image.storageKey),
        ...documents.flatMap((c) => (c.documentKey ? [c.documentKey] : [])),
      ];
    });
    // Files go after the commit: a failed delete leaves an orphan file, never a row without its file.
    await Promise.all(
      keys.map((key) =>
        this.storage.delete(key).catch((error: unknown) => this.logger.warn({ err: error, key }, 'Orphan file left')),
      ),
    );
  }

  private async setStatus(
    caller: AuthenticatedUser,
    productId: string,
    status: 'draft' | 'archived',
  ): Promise<SellerProductDto> {
    return this.db.transaction(async (manager) => {
      const product = await findOwnProduct(manager, caller, productId, true);
      if (product.status !== status) {
        product.status = status;
        product.publishedAt = null;
        await manager.getRepository(Product).save(product);
      }
      return this.toDto(manager, product);
    });
  }

  async toDto(manager: EntityManager, product: Product): Promise<SellerProductDto> {
    // One after another: inside a transaction all queries share one connection.
    const variants = await manager
      .getRepository(ProductVariant)
      .find({ where: { productId: product.id }, order: { position: 'ASC', createdAt: 'ASC' } });
    const images = await manager
      .getRepository(ProductImage)
      .find({ where: { productId: product.id }, order: { position: 'ASC', createdAt: 'ASC' } });
    const ocop = await manager.getRepository(OcopCertificate).find({
      where: { productId: product.id, status: Not('superseded') },
      order: { createdAt: 'DESC' },
    });
    const quality = await manager
      .getRepository(QualityCertificate)
      .find({ where: { productId: product.id }, order: { expiresOn: 'DESC' } });
    const today = todayInVietnam();
    return {
      id: product.id,
      slug: product.slug,
      name: product.name,
      categoryCode: product.categoryCode,
      descriptionHtml: product.descriptionHtml,
      status: product.status,
      packagingMaterial: product.packagingMaterial,
      growingAreaCode: product.growingAreaCode,
      // Read from the variants rather than the column: the trigger's update is not in this entity.
      listPrice: variants
        .filter((v) => v.active)
        .reduce<number | null>((min, v) => (min === null || v.price < min ? v.price : min), null),
      publishedAt: product.publishedAt?.toISOString() ?? null,
      createdAt: product.createdAt.toISOString(),
      updatedAt: product.updatedAt.toISOString(),
      variants: variants.map(toVariantDto),
      images: images.map((image) => toImageDto(image, this.storage)),
      ocopCertificates: ocop.map((certificate) => toOcopCertificateDto(certificate, today)),
      qualityCertificates: quality.map((certificate) => toQualityCertificateDto(certificate, today)),
    };
  }

  private async checkCategory(manager: EntityManager, code: string): Promise<void> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM product_categories WHERE code = $1', [code]);
    if (rows.length === 0)
      throw invalidField('categoryCode', `unknown category "${code}"; see GET /api/catalog/categories`);
  }

  private async freeSlug(manager: EntityManager, name: string, exceptProductId?: string): Promise<string> {
    const base = slugify(name);
    const rows: { slug: string }[] = await manager.query(
      `SELECT slug FROM products WHERE (slug = $1 OR slug LIKE $1 || '-%') AND id IS DISTINCT FROM $2`,
      [base || 'san-pham', exceptProductId ?? null],
    );
    return firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
  }

  /** Two products created at once with the same name can pick the same slug; the loser picks again. */
  private async withSlugRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (isUniqueViolation(error, 'products_slug_key') && attempt < SLUG_ATTEMPTS) continue;
        if (isUniqueViolation(error, 'product_variants_sku_key')) throw skuTaken([]);
        throw error;
      }
    }
  }

  /**
   * Makes the product's variants exactly `inputs`: kept ones (by id) updated, new ones added, the
   * rest removed. Every problem is reported at once, before anything is written.
   */
  private async replaceVariants(
    manager: EntityManager,
    product: Product,
    inputs: VariantInputDto[],
    existing: ProductVariant[],
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    const existingById = new Map(existing.map((variant) => [variant.id, variant]));
    const seenIds = new Set<string>();
    const seenSkus = new Map<string, number>();
    inputs.forEach((input, index) => {
      if (input.id !== undefined) {
        if (!existingById.has(input.id))
          problems.push({ field: `variants.${index}.id`, messages: ['not a variant of this product'] });
        else if (seenIds.has(input.id))
          problems.push({ field: `variants.${index}.id`, messages: ['the same variant appears twice'] });
        seenIds.add(input.id);
      }
      const sku = input.sku.toUpperCase();
      const first = seenSkus.get(sku);
      if (first !== undefined)
        problems.push({ field: `variants.${index}.sku`, messages: [`same SKU as variants.${first}.sku`] });
      else seenSkus.set(sku, index);
    });
    if (problems.length > 0) throw invalid(problems);

    const skus = inputs.map((input) => input.sku);
    const clashes: { sku: string }[] = await manager.query(
      `SELECT sku FROM product_variants WHERE organisation_id = $1 AND upper(sku) = ANY($2::text[]) AND product_id <> $3`,
      [product.organisationId, skus.map((sku) => sku.toUpperCase()), product.id],
    );
    if (clashes.length > 0) {
      const taken = new Set(clashes.map((clash) => clash.sku.toUpperCase()));
      throw skuTaken(
        inputs.flatMap((input, index) =>
          taken.has(input.sku.toUpperCase())
            ? [
                {
                  field: `variants.${index}.sku`,
                  messages: [`SKU ${input.sku} is already used by another of your products`],
                },
              ]
            : [],
        ),
      );
    }

    const repository = manager.getRepository(ProductVariant);
    const removed = existing.filter((variant) => !seenIds.has(variant.id)).map((variant) => variant.id);
    if (removed.length > 0) {
      try {
        await repository.delete({ id: In(removed), productId: product.id });
      } catch (error) {
        // Order lines keep pointing at the variant they sold; history is not rewritten.
        if (isForeignKeyViolation(error)) {
          throw new DomainError(
            'variant_in_use',
            'A variant that has been ordered cannot be removed; keep it and set active to false instead',
            HttpStatus.CONFLICT,
            [{ field: 'variants', messages: ['keep ordered variants in the list, with active: false'] }],
          );
        }
        throw error;
      }
    }
    await repository.save(
      inputs.map((input, position) => {
        const current = input.id ? existingById.get(input.id) : undefined;
        return repository.create({
          ...(current ? { id: current.id, createdAt: current.createdAt } : {}),
          productId: product.id,
          organisationId: product.organisationId,
          label: input.label.trim(),
          sku: input.sku,
          price: input.price,
          gtin: input.gtin ?? null,
          weightGrams: input.weightGrams ?? null,
          stock: input.stock,
          active: input.active ?? true,
          position,
        });
      }),
    );
  }
}

function skuTaken(fields: FieldProblem[]): DomainError {
  return new DomainError(
    'sku_taken',
    'A SKU is already used by another of your products',
    HttpStatus.CONFLICT,
    fields.length > 0 ? fields : undefined,
  );
}

function normaliseGrowingAreaCode(code: string | null | undefined): string | null {
  return code ? code.trim().toUpperCase() : null;
}
