import { randomUUID } from 'node:crypto';
import { IdentityService } from '../../identity/identity.service.js';
import { sql } from '../../testing/sql.js';
import type { ApiResponse, TestApp } from '../../testing/test-app.js';

/** A real 1×1 PNG, a JPEG header and a WebP header: enough for the content check, small enough to inline. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(200, 1),
]);
export const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(40, 2),
]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export function productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  return {
    name: 'Hoa hồi khô Văn Quan',
    categoryCode: 'gia-vi',
    descriptionHtml: '<p>Hồi <strong>vụ thu</strong>, phơi nắng tự nhiên.</p>',
    packagingMaterial: 'recyclable',
    variants: [
      {
        label: 'Túi 500 g',
        sku: `HOI-500-${suffix}`,
        price: 185000,
        gtin: '8934563138165',
        weightGrams: 500,
        stock: 40,
      },
      { label: 'Túi 1 kg', sku: `HOI-1000-${suffix}`, price: 350000, weightGrams: 1000, stock: 20 },
    ],
    ...overrides,
  };
}

export interface Seller {
  organisationId: string;
  slug: string;
  token: string;
}

/**
 * Another organisation with its own seller member, inserted directly because onboarding is not
 * under test here. Its status is whatever the test needs.
 */
export async function createSeller(
  api: TestApp,
  options: { status?: 'pending' | 'approved' | 'rejected' | 'suspended'; communeCode?: string; name?: string } = {},
): Promise<Seller> {
  const tag = randomUUID().slice(0, 8);
  const slug = `hkd-thu-nghiem-${tag}`;
  const [organisation] = await sql<{ id: string }>(
    api.databaseUrl,
    `INSERT INTO organisations (name, slug, legal_type, street_address, commune_code, contact_name, status, approved_at, story)
     VALUES ($1, $2, 'household_business', 'Thôn Nà Làng', $3, 'Hoàng Thị Thu', $4, CASE WHEN $4 = 'approved' THEN now() END,
             'Hộ kinh doanh trồng hồi ba đời ở Văn Quan.')
     RETURNING id`,
    [
      options.name ?? `Hộ kinh doanh Hoàng Thu ${tag}`,
      slug,
      options.communeCode ?? '06253',
      options.status ?? 'approved',
    ],
  );
  const email = `seller-${tag}@example.vn`;
  const password = `mat-khau-${tag}-2026`;
  await api.app.get(IdentityService).createAccount({
    email,
    fullName: 'Hoàng Thị Thu',
    password,
    role: 'seller_member',
    organisationId: organisation!.id,
  });
  const session = await api.request('POST', '/api/auth/sign-in', { body: { login: email, password } });
  if (session.status !== 200) throw new Error(`sign-in failed: ${session.status}`);
  return { organisationId: organisation!.id, slug, token: session.body.accessToken as string };
}

export async function setOrganisationStatus(api: TestApp, organisationId: string, status: string): Promise<void> {
  await sql(api.databaseUrl, 'UPDATE organisations SET status = $2 WHERE id = $1', [organisationId, status]);
}

export async function upload(
  api: TestApp,
  path: string,
  token: string,
  file: { bytes: Buffer; filename: string; contentType: string; field?: string },
  fields: Record<string, string> = {},
): Promise<Pick<ApiResponse, 'status' | 'body'>> {
  const form = new FormData();
  form.append(file.field ?? 'file', new Blob([file.bytes], { type: file.contentType }), file.filename);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function countRows(api: TestApp, table: string, where = 'true', values: unknown[] = []): Promise<number> {
  const [row] = await sql<{ count: number }>(
    api.databaseUrl,
    `SELECT count(*)::int AS count FROM ${table} WHERE ${where}`,
    values,
  );
  return row!.count;
}

/** A product created and published through the API by the given seller. */
export async function publishedProduct(
  api: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<ApiResponse['body']> {
  const created = await api.request('POST', '/api/seller/products', { token, body: productBody(overrides) });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await api.request('POST', `/api/seller/products/${created.body.id}/publish`, { token });
  if (published.status !== 200)
    throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/** Dates relative to today, as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
