import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { gtinCheckDigit } from '../../catalog/gtin.js';
import { publishedVariant } from '../../orders/testing/order-fixtures.js';
import { sql } from '../../testing/sql.js';
import type { TestApp } from '../../testing/test-app.js';

export { DEMO_ORGANISATION_SLUG, organisationId, secondSeller } from '../../orders/testing/order-fixtures.js';

/** A GTIN-13 under the Vietnamese 893 prefix with its check digit, unique per call. */
export function testGtin13(): string {
  const body = `893${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  return body + String(gtinCheckDigit(body));
}

/**
 * A published product of the organisation, written directly (the catalog is not under test here),
 * optionally with a GTIN on its variant and a verified OCOP certificate.
 */
export async function tracedProduct(
  api: TestApp,
  input: { organisationId: string; name: string; gtin?: string; ocopStars?: 3 | 4 | 5; ocopExpired?: boolean },
): Promise<{ productId: string; variantId: string }> {
  const item = await publishedVariant(api, {
    organisationId: input.organisationId,
    name: input.name,
    price: 150_000,
    stock: 50,
  });
  if (input.gtin)
    await sql(api.databaseUrl, 'UPDATE product_variants SET gtin = $2 WHERE id = $1', [item.variantId, input.gtin]);
  if (input.ocopStars) {
    await sql(
      api.databaseUrl,
      `INSERT INTO ocop_certificates (product_id, organisation_id, stars, certificate_number, issuing_level, issuing_authority,
                                      issued_on, expires_on, status, reviewed_at)
       VALUES ($1, $2, $3, $4, 'provincial', 'UBND tỉnh Lạng Sơn', $5, $6, 'verified', now())`,
      [
        item.productId,
        input.organisationId,
        input.ocopStars,
        `${Math.floor(Math.random() * 9000) + 1000}/QĐ-UBND`,
        input.ocopExpired ? '2021-01-10' : '2025-01-10',
        input.ocopExpired ? '2024-01-10' : '2028-01-10',
      ],
    );
  }
  return item;
}

export function batchBody(productId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    productId,
    lot: `L-${randomUUID().slice(0, 6).toUpperCase()}`,
    harvestedOn: '2026-01-05',
    producedOn: '2026-01-12',
    expiresOn: '2027-01-12',
    quantity: 130.5,
    unit: 'kg',
    originCommuneCode: '06253',
    growingAreaCode: 'VN-LSSA-0102',
    standards: [{ code: 'vietgap', reference: 'VietGAP-TT-19-07-20-0012' }],
    notes: 'Hồi vụ thu, phơi nắng tự nhiên.',
    ...overrides,
  };
}

export const HARVEST_EVENT = {
  kind: 'harvesting',
  occurredAt: '2026-01-05T06:30:00+07:00',
  communeCode: '06253',
  placeName: 'Đồi hồi thôn Khòn Pát',
  actorName: 'Tổ thu hái Hợp tác xã',
  outputs: [{ name: 'Quả hồi tươi', quantity: 520, unit: 'kg' }],
  notes: 'Hái tay, quả đủ 8 cánh.',
};

export const DRYING_EVENT = {
  kind: 'processing',
  occurredAt: '2026-01-06T08:00:00+07:00',
  communeCode: '06253',
  placeName: 'Sân phơi Hợp tác xã',
  actorName: 'Xưởng sơ chế',
  inputs: [{ name: 'Quả hồi tươi', quantity: 520, unit: 'kg' }],
  outputs: [{ name: 'Hoa hồi khô', quantity: 130.5, unit: 'kg' }],
  notes: 'Phơi 6 nắng.',
};

/**
 * Runs one statement the way someone with direct database access could: in a session where
 * triggers do not fire (`session_replication_role = replica`), so the append-only guard is bypassed.
 */
export async function tamper(api: TestApp, statement: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: api.databaseUrl });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(statement, values);
  } finally {
    await client.end();
  }
}
