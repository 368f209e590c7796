import { randomUUID } from 'node:crypto';
import { toSlug } from '@ocop/shared';
import { taxCodeWithCheckDigit } from '../../sellers/tax-code.js';
import { sql } from '../../testing/sql.js';
import type { TestApp } from '../../testing/test-app.js';

export const DEMO_ORGANISATION_SLUG = 'htx-nong-san-dong-kinh';

export async function organisationId(api: TestApp, slug: string): Promise<string> {
  const [row] = await sql<{ id: string }>(api.databaseUrl, 'SELECT id FROM organisations WHERE slug = $1', [slug]);
  if (!row) throw new Error(`no organisation ${slug}`);
  return row.id;
}

/** A second approved seller, in Xã Tràng Định, with its own seller member account. */
export async function secondSeller(api: TestApp): Promise<{ organisationId: string; token: string }> {
  const [org] = await sql<{ id: string }>(
    api.databaseUrl,
    `INSERT INTO organisations (name, slug, legal_type, commune_code, status, approved_at, contact_name, tax_code, tax_code_checksum_ok)
     VALUES ('Công ty TNHH Thạch Đen Tràng Định', 'thach-den-trang-dinh', 'enterprise', '06046', 'approved', now(), 'Nông Văn Đức', $1, true)
     RETURNING id`,
    [taxCodeWithCheckDigit('490020031')],
  );
  const signUp = await api.request('POST', '/api/auth/sign-up', {
    body: { email: 'duc@thachden.vn', fullName: 'Nông Văn Đức', password: 'thach-den-2026' },
  });
  await sql(api.databaseUrl, "UPDATE users SET role = 'seller_member', organisation_id = $2 WHERE id = $1", [
    signUp.body.account.id,
    org!.id,
  ]);
  await sql(api.databaseUrl, 'UPDATE organisations SET owner_user_id = $2 WHERE id = $1', [
    org!.id,
    signUp.body.account.id,
  ]);
  return { organisationId: org!.id, token: signUp.body.accessToken };
}

/** A published product with one variant; rows written directly because the catalog is not under test here. */
export async function publishedVariant(
  api: TestApp,
  input: { organisationId: string; name: string; price: number; stock: number; weightGrams?: number },
): Promise<{ productId: string; variantId: string }> {
  const slug = `${toSlug(input.name)}-${randomUUID().slice(0, 8)}`;
  const [product] = await sql<{ id: string }>(
    api.databaseUrl,
    `INSERT INTO products (organisation_id, category_code, name, slug, status, published_at, first_published_at)
     VALUES ($1, 'gia-vi', $2, $3, 'published', now(), now()) RETURNING id`,
    [input.organisationId, input.name, slug],
  );
  const [variant] = await sql<{ id: string }>(
    api.databaseUrl,
    `INSERT INTO product_variants (product_id, organisation_id, label, sku, price, stock, weight_grams)
     VALUES ($1, $2, '500 g', $3, $4, $5, $6) RETURNING id`,
    [
      product!.id,
      input.organisationId,
      `SKU-${randomUUID().slice(0, 8)}`,
      input.price,
      input.stock,
      input.weightGrams ?? 500,
    ],
  );
  return { productId: product!.id, variantId: variant!.id };
}

export const CHECKOUT_BODY = {
  buyer: { name: 'Nguyễn Thu Trang', phone: '0901000004', email: 'khach@ocop.demo' },
  delivery: {
    recipientName: 'Nguyễn Thu Trang',
    recipientPhone: '0901 000 004',
    streetAddress: 'Số 5 ngõ 12 phố Huế',
    communeCode: '00004',
  },
  invoice: { name: 'Nguyễn Thu Trang', email: 'khach@ocop.demo' },
  paymentMethod: 'cod',
};

export async function stockOf(api: TestApp, variantId: string): Promise<number> {
  const [row] = await sql<{ stock: number }>(api.databaseUrl, 'SELECT stock FROM product_variants WHERE id = $1', [
    variantId,
  ]);
  return row!.stock;
}
