import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataSourceToken } from '@nestjs/typeorm';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { KpiReportsService } from './kpi-reports.service.js';
import { KpisService } from './kpis.service.js';

/*
 * A small Lạng Sơn built for 2025, the year before the plan starts, so that the demo catalogue
 * (published "now", in 2026) stays out of every figure. Rows are written with SQL because their
 * dates must lie in the past; payments are inserted as succeeded rows (the capture flow has its own
 * tests), which is what the metrics read.
 *
 * Communes: A = 06046 Xã Tràng Định, B = 05977 Phường Đông Kinh, C = 05983 Phường Lương Văn Tri.
 *
 * Sellers (all approved 2025-01-10 unless said):
 *   E1 enterprise SME, A — product P1 published 2025-02-01: OCOP 4★, traced batch, plastic
 *   E2 enterprise, B     — no product; a seller order created 2025-05-10
 *   E3 enterprise SME, B — only product first published 2026-01-05 → not active in 2025
 *   C1 cooperative, A    — P2 published 2025-03-01: OCOP 3★, no batch, recyclable; P3 (no OCOP) recyclable
 *   C2 cooperative, C    — P4 published 2024-05-01, archived 2025-02-01 → active, not listed at year end; plastic
 *   C3 cooperative, C, suspended — P6 published 2025-03-01 OCOP 5★ → never counted
 *   H1 household business, C — P5 published 2025-06-01: OCOP 5★, traced batch, biodegradable
 * Active in 2025: E1, E2, C1, C2, H1 = 5 → enterprises 2 (E1, E2), SMEs 1 (E1), cooperatives 2 (C1, C2),
 * communes A, B, C = 3.
 */
const A = '06046';
const B = '05977';
const C = '05983';

const FIXTURE = `
INSERT INTO organisations (name, slug, legal_type, is_sme, commune_code, status, approved_at, contact_name) VALUES
  ('Công ty TNHH Hồi Tràng Định', 'kpi-e1', 'enterprise', true, '${A}', 'approved', '2025-01-10 09:00+07', 'Nông Văn A'),
  ('Công ty CP Đông Kinh', 'kpi-e2', 'enterprise', false, '${B}', 'approved', '2025-01-10 09:00+07', 'Hoàng Thị B'),
  ('Công ty TNHH Na Chi Lăng', 'kpi-e3', 'enterprise', true, '${B}', 'approved', '2025-01-10 09:00+07', 'Lý Văn C'),
  ('HTX Trà Tràng Định', 'kpi-c1', 'cooperative', false, '${A}', 'approved', '2025-01-10 09:00+07', 'Vi Thị D'),
  ('HTX Miến Lương Văn Tri', 'kpi-c2', 'cooperative', false, '${C}', 'approved', '2025-01-10 09:00+07', 'Lương Văn E'),
  ('HTX Bị Đình Chỉ', 'kpi-c3', 'cooperative', false, '${C}', 'suspended', '2025-01-10 09:00+07', 'Chu Văn G'),
  ('Hộ kinh doanh Mật Ong Mẫu Sơn', 'kpi-h1', 'household_business', false, '${C}', 'approved', '2025-01-10 09:00+07', 'Đinh Văn H');

INSERT INTO products (organisation_id, category_code, name, slug, status, published_at, first_published_at, packaging_material, created_at, updated_at)
SELECT o.id, 'gia-vi', x.name, x.slug, x.status, x.published::timestamptz, x.first_published::timestamptz, x.packaging,
       '2024-01-01 00:00+07', x.updated::timestamptz
FROM (VALUES
  ('kpi-e1', 'Hoa hồi Tràng Định', 'kpi-p1', 'published', '2025-02-01 08:00+07', '2025-02-01 08:00+07', 'plastic', '2025-02-01 08:00+07'),
  ('kpi-c1', 'Trà hoa vàng', 'kpi-p2', 'published', '2025-03-01 08:00+07', '2025-03-01 08:00+07', 'recyclable', '2025-03-01 08:00+07'),
  ('kpi-c1', 'Trà xanh', 'kpi-p3', 'published', '2025-04-01 08:00+07', '2025-04-01 08:00+07', 'recyclable', '2025-04-01 08:00+07'),
  ('kpi-c2', 'Miến dong', 'kpi-p4', 'archived', NULL, '2024-05-01 08:00+07', 'plastic', '2025-02-01 08:00+07'),
  ('kpi-h1', 'Mật ong Mẫu Sơn', 'kpi-p5', 'published', '2025-06-01 08:00+07', '2025-06-01 08:00+07', 'biodegradable', '2025-06-01 08:00+07'),
  ('kpi-c3', 'Khâu nhục', 'kpi-p6', 'published', '2025-03-01 08:00+07', '2025-03-01 08:00+07', 'plastic', '2025-03-01 08:00+07'),
  ('kpi-e3', 'Na Chi Lăng', 'kpi-p7', 'published', '2026-01-05 08:00+07', '2026-01-05 08:00+07', 'other', '2026-01-05 08:00+07')
) AS x(seller, name, slug, status, published, first_published, packaging, updated)
JOIN organisations o ON o.slug = x.seller;

INSERT INTO ocop_certificates (product_id, organisation_id, stars, certificate_number, issuing_level, issued_on, expires_on, status)
SELECT p.id, p.organisation_id, x.stars, x.number, 'provincial', '2024-06-01', '2027-06-01', 'verified'
FROM (VALUES ('kpi-p1', 4, 'LS-OCOP-1'), ('kpi-p2', 3, 'LS-OCOP-2'), ('kpi-p5', 5, 'LS-OCOP-5'), ('kpi-p6', 5, 'LS-OCOP-6'))
  AS x(slug, stars, number)
JOIN products p ON p.slug = x.slug;

INSERT INTO trace_batches (product_id, organisation_id, code, lot, harvested_on, quantity, unit, origin_commune_code,
                           record_hash, head_hash, created_at)
SELECT p.id, p.organisation_id, x.code, x.lot, '2025-01-01', 100, 'kg', '${A}', repeat('a', 64), repeat('a', 64), x.created::timestamptz
FROM (VALUES ('kpi-p1', 'KPA0000001', 'LOT1', '2025-03-01 08:00+07'), ('kpi-p5', 'KPA0000005', 'LOT5', '2025-07-01 08:00+07'))
  AS x(slug, code, lot, created)
JOIN products p ON p.slug = x.slug;

-- Scans: 3 of P1 and 1 of P5 in 2025, 1 of P1 in 2024.
INSERT INTO trace_scans (batch_id, product_id, organisation_id, via, scanned_at)
SELECT b.id, b.product_id, b.organisation_id, 'short_link', x.at::timestamptz
FROM (VALUES ('KPA0000001', '2025-04-01 10:00+07'), ('KPA0000001', '2025-05-01 10:00+07'), ('KPA0000001', '2025-12-31 23:30+07'),
             ('KPA0000005', '2025-08-01 10:00+07'), ('KPA0000001', '2024-12-31 23:30+07')) AS x(code, at)
JOIN trace_batches b ON b.code = x.code;

/*
 * Orders (one seller order per customer order). Buyers X = 0901000001, Y = 0901000002.
 *   O1 E1 goods 200,000 ship 30,000, VNPay 230,000 paid 03-10, shipped 03-11 09:00, delivered 03-11 15:00 (same day), completed, invoice issued
 *   O2 C1 goods 100,000 ship 20,000, COD 120,000 paid 04-05, shipped 04-03, delivered 04-05, delivered, no invoice (buyer Y)
 *   O3 E2 goods 300,000 ship 30,000, VietQR 330,000 paid 05-10, shipped 05-11, delivered 05-12, completed, invoice issued, buyer tax code (B2B)
 *   O4 C2 goods 50,000 ship 10,000, COD, created 06-01, cancelled: no payment
 *   O5 H1 goods 150,000 ship 25,000, VNPay 175,000 paid 08-01, delivered 08-03 then refunded
 *   O6 E1 in 2024: goods 250,000 ship 20,000, VNPay 270,000 paid 2024-10-30, delivered 2024-11-01, completed
 *   plus a duplicate VNPay payment of O1 (flagged) that no KPI counts.
 */
INSERT INTO customer_orders (code, buyer_name, buyer_phone, recipient_name, recipient_phone, street_address, commune_code, province_code,
                             invoice_name, invoice_tax_code, payment_method, goods_total, shipping_total, grand_total, access_token_hash, created_at)
VALUES
  ('KPI-O1', 'Khách X', '0901000001', 'Khách X', '0901000001', 'Số 1', '${B}', '20', 'Khách X', NULL, 'vnpay', 200000, 30000, 230000, 'h1', '2025-03-10 10:00+07'),
  ('KPI-O2', 'Khách Y', '0901000002', 'Khách Y', '0901000002', 'Số 2', '${C}', '20', 'Khách Y', NULL, 'cod', 100000, 20000, 120000, 'h2', '2025-04-02 10:00+07'),
  ('KPI-O3', 'Khách X', '0901000001', 'Khách X', '0901000001', 'Số 1', '${B}', '20', 'Công ty X', '0100109106', 'vietqr', 300000, 30000, 330000, 'h3', '2025-05-10 10:00+07'),
  ('KPI-O4', 'Khách Y', '0901000002', 'Khách Y', '0901000002', 'Số 2', '${C}', '20', 'Khách Y', NULL, 'cod', 50000, 10000, 60000, 'h4', '2025-06-01 10:00+07'),
  ('KPI-O5', 'Khách Z', '0901000003', 'Khách Z', '0901000003', 'Số 3', '${A}', '20', 'Khách Z', NULL, 'vnpay', 150000, 25000, 175000, 'h5', '2025-08-01 10:00+07'),
  ('KPI-O6', 'Khách X', '0901000001', 'Khách X', '0901000001', 'Số 1', '${B}', '20', 'Khách X', NULL, 'vnpay', 250000, 20000, 270000, 'h6', '2024-10-30 10:00+07');

INSERT INTO seller_orders (customer_order_id, organisation_id, code, status, goods_total, shipping_fee, total, shipping_zone, weight_grams, created_at)
SELECT co.id, o.id, co.code || '-1', x.status, co.goods_total, co.shipping_total, co.grand_total, 'intra_province', 500, co.created_at
FROM (VALUES ('KPI-O1', 'kpi-e1', 'completed'), ('KPI-O2', 'kpi-c1', 'delivered'), ('KPI-O3', 'kpi-e2', 'completed'),
             ('KPI-O4', 'kpi-c2', 'cancelled'), ('KPI-O5', 'kpi-h1', 'refunded'), ('KPI-O6', 'kpi-e1', 'completed'))
  AS x(code, seller, status)
JOIN customer_orders co ON co.code = x.code JOIN organisations o ON o.slug = x.seller;

INSERT INTO seller_order_events (seller_order_id, action, to_status, actor_type, created_at)
SELECT so.id, x.action, x.to_status, 'seller', x.at::timestamptz
FROM (VALUES
  ('KPI-O1-1', 'ship', 'shipped', '2025-03-11 09:00+07'), ('KPI-O1-1', 'deliver', 'delivered', '2025-03-11 15:00+07'),
  ('KPI-O2-1', 'ship', 'shipped', '2025-04-03 09:00+07'), ('KPI-O2-1', 'deliver', 'delivered', '2025-04-05 09:00+07'),
  ('KPI-O3-1', 'ship', 'shipped', '2025-05-11 09:00+07'), ('KPI-O3-1', 'deliver', 'delivered', '2025-05-12 09:00+07'),
  ('KPI-O4-1', 'cancel', 'cancelled', '2025-06-02 09:00+07'),
  ('KPI-O5-1', 'ship', 'shipped', '2025-08-02 09:00+07'), ('KPI-O5-1', 'deliver', 'delivered', '2025-08-03 09:00+07'),
  ('KPI-O5-1', 'refund', 'refunded', '2025-08-10 09:00+07'),
  ('KPI-O6-1', 'ship', 'shipped', '2024-10-31 09:00+07'), ('KPI-O6-1', 'deliver', 'delivered', '2024-11-01 09:00+07')
) AS x(code, action, to_status, at)
JOIN seller_orders so ON so.code = x.code;

INSERT INTO payments (customer_order_id, method, amount, status, reference, access_token_hash, paid_at, amount_received, flags)
SELECT co.id, x.method, x.amount, 'succeeded', x.reference, 'h', x.paid::timestamptz, x.amount, x.flags::text[]
FROM (VALUES
  ('KPI-O1', 'vnpay', 230000, 'KPI-PAY-1', '2025-03-10 10:05+07', '{}'),
  ('KPI-O1', 'vnpay', 230000, 'KPI-PAY-1D', '2025-03-10 10:06+07', '{duplicate_order_payment}'),
  ('KPI-O2', 'cod', 120000, 'KPI-PAY-2', '2025-04-05 09:00+07', '{}'),
  ('KPI-O3', 'vietqr', 330000, 'KPI-PAY-3', '2025-05-10 10:05+07', '{}'),
  ('KPI-O5', 'vnpay', 175000, 'KPI-PAY-5', '2025-08-01 10:05+07', '{}'),
  ('KPI-O6', 'vnpay', 270000, 'KPI-PAY-6', '2024-10-30 10:05+07', '{}')
) AS x(code, method, amount, reference, paid, flags)
JOIN customer_orders co ON co.code = x.code;

INSERT INTO invoices (seller_organisation_id, source_type, source_id, kind, request_key, status, form_number, symbol, number, issue_date,
                      transaction_at, buyer, lines, payment_method, totals_by_rate, total_before_vat, total_vat, total_payable,
                      amount_in_words, lookup_code, issued_at)
SELECT so.organisation_id, 'seller_order', so.id, 'original', 'kpi-' || so.code, 'issued', 1, 'C25TAA', x.number, x.issued::date,
       x.issued::timestamptz, '{}'::jsonb, '[]'::jsonb, 'vnpay', '[]'::jsonb, so.goods_total, 0, so.goods_total, 'x', 'KPI' || x.number,
       x.issued::timestamptz
FROM (VALUES ('KPI-O1-1', 1, '2025-03-11 16:00+07'), ('KPI-O3-1', 2, '2025-05-12 10:00+07')) AS x(code, number, issued)
JOIN seller_orders so ON so.code = x.code;

/*
 * Training: T1 in A (audience official, 2025-09-10): 2 officials attended, 1 registered but absent.
 * T2 in B (audience enterprise_staff, student, 2025-10-01): 2 enterprise staff, 1 student, 1 farmer attended.
 * T0 in A in 2024: 1 official.
 */
INSERT INTO training_events (title, organiser, province_code, commune_code, starts_at, ends_at, format, topic, audience) VALUES
  ('Tập huấn pháp luật TMĐT', 'Sở Công Thương', '20', '${A}', '2025-09-10 08:00+07', '2025-09-10 17:00+07', 'offline', 'law', '{official}'),
  ('Bồi dưỡng bán hàng trực tuyến', 'Sở Công Thương', '20', '${B}', '2025-10-01 08:00+07', '2025-10-01 17:00+07', 'hybrid', 'sales', '{enterprise_staff,student}'),
  ('Tập huấn 2024', 'Sở Công Thương', '20', '${A}', '2024-09-10 08:00+07', '2024-09-10 17:00+07', 'offline', 'law', '{official}');

INSERT INTO training_participations (event_id, participant_name, name_key, participant_type, phone, attended, dedupe_key)
SELECT e.id, x.name, lower(x.name), x.type, x.phone, x.attended, x.phone
FROM (VALUES
  ('Tập huấn pháp luật TMĐT', 'Cán bộ Một', 'official', '0911000001', true),
  ('Tập huấn pháp luật TMĐT', 'Cán bộ Hai', 'official', '0911000002', true),
  ('Tập huấn pháp luật TMĐT', 'Cán bộ Ba', 'official', '0911000003', false),
  ('Bồi dưỡng bán hàng trực tuyến', 'Nhân viên Một', 'enterprise_staff', '0912000001', true),
  ('Bồi dưỡng bán hàng trực tuyến', 'Nhân viên Hai', 'enterprise_staff', '0912000002', true),
  ('Bồi dưỡng bán hàng trực tuyến', 'Sinh viên Một', 'student', '0912000003', true),
  ('Bồi dưỡng bán hàng trực tuyến', 'Nông dân Một', 'farmer', '0912000004', true),
  ('Tập huấn 2024', 'Cán bộ Bốn', 'official', '0911000004', true)
) AS x(title, name, type, phone, attended)
JOIN training_events e ON e.title = x.title;
`;

interface Kpi {
  kpiId: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  expected: number | null;
  targetValue: number;
  missingFigures: string[];
  basis: string;
  breakdown?: Record<string, number>;
  trend: { period: string; value: number | null }[];
}

describe('KPI metrics engine', () => {
  let api: TestApp;
  let officer: string;
  let planId: string;

  const dashboard = async (query: string) => {
    const response = await api.request<{ kpis: Kpi[]; period: { label: string } }>(
      'GET',
      `/api/kpis/dashboard?${query}`,
      {
        token: officer,
      },
    );
    expect(response.status).toBe(200);
    return response.body;
  };
  const kpiOf = (body: { kpis: Kpi[] }, id: string) => {
    const kpi = body.kpis.find((k) => k.kpiId === id);
    if (!kpi) throw new Error(`no ${id} on the dashboard`);
    return kpi;
  };
  const figure = async (key: string, value: number) => {
    const response = await api.request('PUT', `/api/external-figures/2025/${key}`, {
      token: officer,
      body: { value, source: 'Cục Thống kê tỉnh Lạng Sơn', sourceDate: '2025-12-31' },
    });
    expect([200, 201]).toContain(response.status);
  };

  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.tokenFor('province_officer');
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      await client.query(FIXTURE);
    } finally {
      await client.end();
    }
    planId = (await api.request<{ id: string }>('GET', '/api/plans/active', { token: officer })).body.id;
    await figure('enterprises_registered', 40);
    await figure('cooperatives_registered', 8);
    await figure('adult_population', 1000);
  }, 120_000);
  afterAll(() => api.close());

  it('computes every plan KPI of Lạng Sơn for 2025 as worked out by hand', async () => {
    const body = await dashboard(`period=2025`);
    expect(body.period.label).toBe('2025');

    // Active enterprises E1, E2 = 2, over enterprises_registered 40 → 5 %.
    expect(kpiOf(body, 'sellers.active_share_enterprises')).toMatchObject({ value: 5, numerator: 2, denominator: 40 });
    // Active cooperatives C1, C2 (C3 is suspended) = 2, over 8 → 25 %.
    expect(kpiOf(body, 'sellers.active_share_cooperatives')).toMatchObject({ value: 25, numerator: 2, denominator: 8 });
    // Registered (approved before the end of 2025) and active sellers by type: E1 E2 E3 / C1 C2 (C3 suspended) / H1.
    expect(kpiOf(body, 'sellers.active_share_cooperatives').breakdown).toEqual({
      active_sme_enterprise: 1,
      active_enterprise: 2,
      registered_enterprise: 3,
      active_cooperative: 2,
      registered_cooperative: 2,
      active_household_business: 1,
      registered_household_business: 1,
      active_cooperative_group: 0,
      registered_cooperative_group: 0,
      active_individual_business: 0,
      registered_individual_business: 0,
    });
    // Active SMEs: E1 only (E3 first published in 2026); smes_registered was never entered.
    expect(kpiOf(body, 'sellers.active_share_smes')).toMatchObject({
      value: null,
      numerator: 1,
      denominator: null,
      missingFigures: ['smes_registered'],
      status: 'needs_figure',
    });

    // Communes A, B, C have an active seller; Lạng Sơn has 65 communes and wards → 3 / 65 = 4.615… → 4.62 %.
    const [communes] = await sql<{ n: number }>(
      api.databaseUrl,
      "SELECT count(*)::int AS n FROM communes WHERE province_code = '20'",
    );
    expect(communes!.n).toBe(65);
    expect(kpiOf(body, 'communes.with_active_seller')).toMatchObject({ value: 4.62, numerator: 3, denominator: 65 });

    // Payments of 2025 (duplicate left out): VNPay 230,000 + COD 120,000 + VietQR 330,000 + VNPay 175,000.
    // By count 3 non-cash / 4 = 75 % (target ≥ 80 → behind); by value 735,000 / 855,000 = 85.96 % (≥ 80 → on track).
    expect(kpiOf(body, 'payments.non_cash_share_by_count')).toMatchObject({
      value: 75,
      numerator: 3,
      denominator: 4,
      status: 'behind',
    });
    expect(kpiOf(body, 'payments.non_cash_share_by_value')).toMatchObject({
      value: 85.96,
      numerator: 735000,
      denominator: 855000,
      status: 'on_track',
    });

    // Delivered and not refunded in 2025: O1, O2, O3; invoiced O1, O3 → 2 / 3 = 66.67 %.
    expect(kpiOf(body, 'invoices.share_of_orders')).toMatchObject({
      value: 66.67,
      numerator: 2,
      denominator: 3,
      status: 'behind',
    });

    // Listed at the end of 2025 with a declared material: P1 plastic, P2 and P3 recyclable, P5 biodegradable
    // (P4 archived in February, P6's seller suspended, P7 first published in 2026).
    // Plastic 1 / 4 = 25 %, recyclable 2 / 4 = 50 %.
    expect(kpiOf(body, 'products.plastic_packaging_share')).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    expect(kpiOf(body, 'products.recyclable_packaging_share')).toMatchObject({
      value: 50,
      numerator: 2,
      denominator: 4,
    });
    expect(kpiOf(body, 'products.recyclable_packaging_share').breakdown).toEqual({
      plastic: 1,
      recyclable: 2,
      biodegradable: 1,
      other: 0,
    });

    // Unique buyers with an order delivered in the province in 2025: X (O1, O3) and Y (O2); O5 was refunded → 2 / 1000 = 0.2 %.
    expect(kpiOf(body, 'buyers.adult_population_share')).toMatchObject({ value: 0.2, numerator: 2, denominator: 1000 });

    // Training participations of events starting in 2025: T1 2 attended + T2 4 attended = 6. The target is cumulative
    // from 2026, so in 2025 the trajectory point is 0 and 6 is on track.
    expect(kpiOf(body, 'training.participations')).toMatchObject({ value: 6, expected: 0, status: 'on_track' });
    expect(kpiOf(body, 'training.participations').breakdown).toMatchObject({
      official: 2,
      enterprise_staff: 2,
      student: 1,
      farmer: 1,
    });

    // No calculator (no green-packaging attestation recorded): no data; recorded KPIs wait for their figure.
    expect(kpiOf(body, 'sellers.green_packaging_standard_share').status).toBe('no_data');
    expect(kpiOf(body, 'logistics.digital_border_gate_share')).toMatchObject({
      status: 'needs_figure',
      missingFigures: ['logistics.digital_border_gate_share'],
    });

    // Trend: the four previous years, oldest first.
    const trend = kpiOf(body, 'payments.non_cash_share_by_count').trend;
    expect(trend.map((point) => point.period)).toEqual(['2021', '2022', '2023', '2024']);
    // 2024: only O6's VNPay payment → 1 / 1 = 100 %.
    expect(trend[3]).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
  });

  it('computes the KPIs outside the plan through the engine', async () => {
    const { MetricsService } = await import('./metrics.service.js');
    const metrics = api.app.get(MetricsService);
    const { parsePeriod } = await import('./kpi-period.js');
    const year = parsePeriod('2025');
    const scope = { from: year.from, to: year.to, year: 2025 };
    const at = (id: string, extra = {}) => metrics.compute(id, { ...scope, ...extra });

    // OCOP products listed at the end of 2025: P1 4★, P2 3★, P5 5★ (P6's seller is suspended) = 3.
    expect(await at('products.priority_listings')).toMatchObject({
      value: 3,
      breakdown: { stars_3: 1, stars_4: 1, stars_5: 1 },
    });
    // With a batch: P1, P5 → 2 / 3 = 66.67 %.
    expect(await at('products.qr_traceability_share')).toMatchObject({ value: 66.67, numerator: 2, denominator: 3 });
    // Scans in 2025: 3 of P1 (one at 23:30 on 31 December, Vietnam time) + 1 of P5 = 4.
    expect(await at('traceability.scans')).toMatchObject({ value: 4 });
    // Shipping fees of O1, O2, O3 = 80,000 over goods 600,000 → 13.33 %.
    expect(await at('logistics.last_mile_cost_share')).toMatchObject({
      value: 13.33,
      numerator: 80000,
      denominator: 600000,
    });
    // Same day: O1 (shipped 09:00, delivered 15:00 on 11 March) → 1 / 3 = 33.33 %.
    expect(await at('logistics.same_day_delivery_share')).toMatchObject({ value: 33.33, numerator: 1, denominator: 3 });
    // GMV 2025 = 600,000; 2024 = 250,000 (O6) → 600 / 250 − 100 % = 140 %.
    expect(await at('sales.gmv_growth')).toMatchObject({ value: 140, numerator: 600000, denominator: 250000 });
    // Retail (no buyer tax code): 2025 O1 + O2 = 300,000; 2024 O6 250,000 → 20 %.
    expect(await at('sales.retail_gmv_growth')).toMatchObject({ value: 20, numerator: 300000, denominator: 250000 });
    // Training by participant type: officials 2; enterprise staff, youth, students 2 + 1 = 3; events 2; for officials 1.
    expect(await at('training.participations_officials')).toMatchObject({ value: 2 });
    expect(await at('training.participations_business_youth_students')).toMatchObject({ value: 3 });
    expect(await at('training.events')).toMatchObject({ value: 2 });
    expect(await at('training.events_for_officials')).toMatchObject({ value: 1 });
    // Per commune A: active sellers E1, C1 → communes 1 / 1; cooperatives numerator 1 (C1), no province ratio.
    expect(await at('communes.with_active_seller', { communeCode: A })).toMatchObject({
      value: 100,
      numerator: 1,
      denominator: 1,
    });
    expect(await at('sellers.active_share_cooperatives', { communeCode: A })).toMatchObject({
      value: null,
      numerator: 1,
    });
    // Per commune A, payments of orders from sellers in A: O1 VNPay and O2 COD → 1 / 2 = 50 %.
    expect(await at('payments.non_cash_share_by_count', { communeCode: A })).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
    });
  });

  it('filters the dashboard by commune', async () => {
    const body = await dashboard(`planId=${planId}&period=2025&commune=${C}`);
    // In C: C2 and H1 are active (C3 suspended) → the commune is covered; one cooperative (C2).
    expect(kpiOf(body, 'communes.with_active_seller')).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
    expect(kpiOf(body, 'sellers.active_share_cooperatives')).toMatchObject({ numerator: 1 });
    const unknown = await api.request('GET', '/api/kpis/dashboard?period=2025&commune=00004', { token: officer });
    expect(unknown.status).toBe(400);
    const badPeriod = await api.request('GET', '/api/kpis/dashboard?period=2025-Q5', { token: officer });
    expect(badPeriod.status).toBe(400);
  });

  it('reads quarters and months', async () => {
    // Q2 2025: payments COD 120,000 (04-05) and VietQR 330,000 (05-10) → 1 / 2 = 50 %; trend ends with 2025-Q1 (VNPay only).
    const q2 = await dashboard('period=2025-Q2');
    const count = kpiOf(q2, 'payments.non_cash_share_by_count');
    expect(count).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(count.trend.map((point) => point.period)).toEqual(['2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1']);
    expect(count.trend[3]).toMatchObject({ value: 100 });
    const march = await dashboard('period=2025-03');
    expect(kpiOf(march, 'payments.non_cash_share_by_value')).toMatchObject({
      value: 100,
      numerator: 230000,
      denominator: 230000,
    });
  });

  it('lists every commune with its active sellers', async () => {
    const response = await api.request<{
      communes: { code: string; activeSellers: number }[];
      withoutActiveSeller: { code: string }[];
    }>('GET', '/api/kpis/communes?period=2025', { token: officer });
    expect(response.status).toBe(200);
    expect(response.body.communes).toHaveLength(65);
    const count = (code: string) => response.body.communes.find((c) => c.code === code)?.activeSellers;
    // A: E1, C1; B: E2 (E3 inactive); C: C2, H1.
    expect([count(A), count(B), count(C)]).toEqual([2, 1, 2]);
    expect(response.body.withoutActiveSeller).toHaveLength(62);
    expect(response.body.withoutActiveSeller.map((c) => c.code)).not.toContain(A);
  });

  it('drills down to the records counted', async () => {
    const sellers = await api.request<{ rows: { name: string; legalType: string }[]; counted: number }>(
      'GET',
      '/api/kpis/sellers.active/records?period=2025',
      { token: officer },
    );
    expect(sellers.status).toBe(200);
    expect(sellers.body.rows.map((row) => row.name).sort()).toEqual(
      [
        'Công ty CP Đông Kinh',
        'Công ty TNHH Hồi Tràng Định',
        'HTX Miến Lương Văn Tri',
        'HTX Trà Tràng Định',
        'Hộ kinh doanh Mật Ong Mẫu Sơn',
      ].sort(),
    );
    const products = await api.request<{
      rows: { name: string; hasTraceability: boolean }[];
      total: number;
      counted: number;
    }>('GET', '/api/kpis/products.qr_traceability_share/records?period=2025', { token: officer });
    expect(products.body).toMatchObject({ total: 3, counted: 2 });
    expect(products.body.rows.find((row) => row.name === 'Trà hoa vàng')?.hasTraceability).toBe(false);
    const payments = await api.request<{
      rows: { method: string; isCash: boolean; amount: number }[];
      counted: number;
    }>('GET', '/api/kpis/payments.non_cash_share_by_value/records?period=2025', { token: officer });
    expect(payments.body.rows.map((row) => [row.method, row.isCash, row.amount])).toEqual([
      ['vnpay', false, 230000],
      ['cod', true, 120000],
      ['vietqr', false, 330000],
      ['vnpay', false, 175000],
    ]);
    const orders = await api.request<{ rows: { code: string; hasInvoice: boolean }[] }>(
      'GET',
      '/api/kpis/invoices.share_of_orders/records?period=2025',
      { token: officer },
    );
    expect(orders.body.rows.map((row) => [row.code, row.hasInvoice])).toEqual([
      ['KPI-O1-1', true],
      ['KPI-O2-1', false],
      ['KPI-O3-1', true],
    ]);
    const communes = await api.request<{ total: number; counted: number }>(
      'GET',
      '/api/kpis/communes.with_active_seller/records?period=2025',
      { token: officer },
    );
    expect(communes.body).toMatchObject({ total: 65, counted: 3 });
    const none = await api.request('GET', '/api/kpis/training.participations/records?period=2025', { token: officer });
    expect(none.status).toBe(404);
  });

  it('builds the yearly report in the background, as XLSX and CSV with the dashboard’s numbers', async () => {
    const started = await api.request<{ id: string; total: number }>('POST', '/api/kpis/reports', {
      token: officer,
      body: { planId, year: 2025 },
    });
    expect(started.status).toBe(202);
    let job = started.body as { id: string; status: string; processed: number; total: number };
    for (let attempt = 0; attempt < 200 && job.status !== 'succeeded' && job.status !== 'failed'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await api.request<typeof job>('GET', `/api/kpis/reports/${started.body.id}`, { token: officer })).body;
    }
    expect(job).toMatchObject({ status: 'succeeded', processed: job.total });
    expect(job.total).toBe(16);

    const download = await fetch(`${api.baseUrl}/api/kpis/reports/${job.id}/download.xlsx`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(download.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(2).getCell(2).value)).toContain('Lạng Sơn');
    expect(sheet.getRow(4).getCell(2).value).toBe(2025);
    const headerRow = 8;
    expect(sheet.getRow(headerRow).getCell(1).value).toBe('Mã chỉ tiêu');
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, index) => {
      if (index > headerRow) rows.set(String(row.getCell(1).value), row);
    });
    expect(rows.size).toBe(16);
    const board = await dashboard(`planId=${planId}&period=2025`);
    for (const kpi of board.kpis) {
      const row = rows.get(kpi.kpiId)!;
      expect([row.getCell(6).value ?? null, row.getCell(7).value ?? null, row.getCell(8).value ?? null]).toEqual([
        kpi.value,
        kpi.numerator,
        kpi.denominator,
      ]);
    }
    expect(rows.get('payments.non_cash_share_by_count')!.getCell(9).value).toBe('Chậm tiến độ');

    const csv = await fetch(`${api.baseUrl}/api/kpis/reports/${job.id}/download.csv`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    const text = await csv.text();
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(text).toContain('payments.non_cash_share_by_value,');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(17);

    // The job and its files are in the database: a service that never saw the job (another API
    // instance, or this one after a restart) reports it and serves the same files.
    const [stored] = await sql<{ status: string; requested_by: string | null; year: number; bytes: number }>(
      api.databaseUrl,
      `SELECT j.status, j.requested_by, j.year, octet_length(j.xlsx) AS bytes FROM kpi_report_jobs j WHERE j.id = $1`,
      [job.id],
    );
    expect(stored).toMatchObject({ status: 'succeeded', year: 2025 });
    expect(stored!.bytes).toBeGreaterThan(1000);
    const [officerUser] = await sql<{ id: string }>(
      api.databaseUrl,
      "SELECT id FROM users WHERE email = 'canbo@ocop.demo'",
    );
    expect(stored!.requested_by).toBe(officerUser!.id);
    const otherInstance = new KpiReportsService(api.app.get(getDataSourceToken()), api.app.get(KpisService));
    expect(await otherInstance.get(job.id)).toMatchObject({
      id: job.id,
      status: 'succeeded',
      processed: 16,
      total: 16,
    });
    // fetch's text() drops the byte-order mark the file starts with.
    expect(await otherInstance.csv(job.id)).toBe(`\uFEFF${text}`);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await otherInstance.xlsx(job.id)) as unknown as ExcelJS.Buffer);
    expect(again.worksheets[0]!.getRow(4).getCell(2).value).toBe(2025);

    // A job left running by a process that stopped is reported failed rather than running forever.
    await sql(
      api.databaseUrl,
      `INSERT INTO kpi_report_jobs (id, plan_id, year, status, total, plan_name, province_name, updated_at)
       VALUES ('6f1c0a52-8a7e-4c1e-9d35-0d7f4d0c2b11', $1, 2025, 'running', 16, 'x', 'x', now() - interval '1 hour')`,
      [planId],
    );
    const stale = await api.request<{ status: string; error: string }>(
      'GET',
      '/api/kpis/reports/6f1c0a52-8a7e-4c1e-9d35-0d7f4d0c2b11',
      { token: officer },
    );
    expect(stale.body).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
    const unknown = await api.request('GET', '/api/kpis/reports/0b4a3f5e-1111-4222-8333-944455556666', {
      token: officer,
    });
    expect(unknown.status).toBe(404);
  });

  it('refuses sellers and buyers', async () => {
    for (const role of ['seller_member', 'buyer'] as const) {
      const token = await api.tokenFor(role);
      for (const path of ['/api/kpis/dashboard', '/api/kpis/communes', '/api/kpis/sellers.active/records']) {
        expect((await api.request('GET', path, { token })).status).toBe(403);
      }
      expect((await api.request('POST', '/api/kpis/reports', { token, body: { planId, year: 2025 } })).status).toBe(
        403,
      );
    }
  });
});

describe('KPI dashboard cache (KPI_CACHE_TTL_MS)', () => {
  let api: TestApp;
  let officer: string;
  interface Board {
    computedAt: string;
    kpis: Kpi[];
  }
  const board = async () => {
    const response = await api.request<Board>('GET', '/api/kpis/dashboard?period=2025', { token: officer });
    expect(response.status).toBe(200);
    return response.body;
  };
  const pick = (body: Board, id: string) => body.kpis.find((kpi) => kpi.kpiId === id)!;
  const figure = async (value: number) => {
    const response = await api.request('PUT', '/api/external-figures/2025/enterprises_registered', {
      token: officer,
      body: { value, source: 'Cục Thống kê tỉnh Lạng Sơn', sourceDate: '2025-12-31' },
    });
    expect([200, 201]).toContain(response.status);
  };

  beforeAll(async () => {
    api = await startTestApp({ env: { KPI_CACHE_TTL_MS: '60000' } });
    officer = await api.tokenFor('province_officer');
    await sql(api.databaseUrl, FIXTURE);
    await figure(40);
  }, 120_000);
  afterAll(() => api.close());

  it('reuses platform figures for the TTL, says since when, and always reads external figures fresh', async () => {
    const first = await board();
    expect(pick(first, 'payments.non_cash_share_by_count')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(Date.parse(first.computedAt)).toBeLessThanOrEqual(Date.now());

    // A cash payment recorded after the dashboard was computed: not seen until the figures expire.
    await sql(
      api.databaseUrl,
      `INSERT INTO payments (customer_order_id, method, amount, status, reference, access_token_hash, paid_at, amount_received)
       SELECT id, 'cod', 1000, 'succeeded', 'KPI-PAY-CACHE', 'h', '2025-06-01 10:00+07', 1000 FROM customer_orders WHERE code = 'KPI-O2'`,
    );
    const second = await board();
    expect(second.computedAt).toBe(first.computedAt);
    expect(pick(second, 'payments.non_cash_share_by_count')).toMatchObject({ numerator: 3, denominator: 4 });

    // An external figure entered by an officer shows at once, over the cached platform count.
    await figure(50);
    const third = await board();
    expect(pick(third, 'sellers.active_share_enterprises')).toMatchObject({ value: 4, numerator: 2, denominator: 50 });
    expect(pick(third, 'payments.non_cash_share_by_count')).toMatchObject({ denominator: 4 });

    api.app.get(KpisService).clearCache();
    const fourth = await board();
    expect(pick(fourth, 'payments.non_cash_share_by_count')).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    expect(Date.parse(fourth.computedAt)).toBeGreaterThan(Date.parse(first.computedAt));
  });
});
