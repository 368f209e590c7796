import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * A small catalogue written with SQL, so that every search test knows exactly what should match:
 * ten public products from four sellers in four communes of Lạng Sơn, and five that must never be
 * found (a draft, an archived product, one without an active variant, one of a pending seller and
 * one of a suspended seller).
 */

export const COMMUNES = { bacSon: '06325', vanQuan: '06253', chiLang: '06463', trangDinh: '06046' } as const;

type Seller = 'honey' | 'anise' | 'custard' | 'jelly' | 'pending' | 'suspended';

const SELLERS: Record<Seller, { name: string; commune: string; status: string }> = {
  honey: { name: 'Hợp tác xã Ong mật Bắc Sơn', commune: COMMUNES.bacSon, status: 'approved' },
  anise: { name: 'Hộ kinh doanh Hồi Văn Quan', commune: COMMUNES.vanQuan, status: 'approved' },
  custard: { name: 'Hợp tác xã Na Chi Lăng', commune: COMMUNES.chiLang, status: 'approved' },
  jelly: { name: 'Công ty TNHH Thạch đen Tràng Định', commune: COMMUNES.trangDinh, status: 'approved' },
  pending: { name: 'Hộ kinh doanh Chờ duyệt', commune: COMMUNES.bacSon, status: 'pending' },
  suspended: { name: 'Hợp tác xã Bị đình chỉ', commune: COMMUNES.bacSon, status: 'suspended' },
};

export interface FixtureProduct {
  key: string;
  seller: Seller;
  name: string;
  category: string;
  price: number | null;
  status?: 'published' | 'draft' | 'archived';
  /** Verified OCOP stars; `expired` makes the certificate lapse yesterday. */
  stars?: { stars: 3 | 4 | 5; expired?: boolean };
  certificates?: { kind: string; expired?: boolean }[];
  publishedDaysAgo: number;
  sold?: number;
  description?: string;
}

export const PUBLIC_PRODUCTS: FixtureProduct[] = [
  {
    key: 'honey',
    seller: 'honey',
    name: 'Mật ong rừng Bắc Sơn',
    category: 'mat-ong',
    price: 250_000,
    stars: { stars: 4 },
    certificates: [{ kind: 'organic' }],
    publishedDaysAgo: 10,
    sold: 30,
    description: '<p>Mật ong hoa rừng, khai thác <strong>tự nhiên</strong>.</p>',
  },
  {
    key: 'mintHoney',
    seller: 'honey',
    name: 'Mật ong hoa bạc hà',
    category: 'mat-ong',
    price: 320_000,
    publishedDaysAgo: 9,
    sold: 5,
  },
  {
    key: 'tangerine',
    seller: 'honey',
    name: 'Quýt vàng Bắc Sơn',
    category: 'trai-cay',
    price: 60_000,
    stars: { stars: 3 },
    certificates: [{ kind: 'vietgap' }],
    publishedDaysAgo: 8,
    sold: 50,
  },
  {
    key: 'anise',
    seller: 'anise',
    name: 'Hoa hồi khô Văn Quan',
    category: 'gia-vi',
    price: 185_000,
    stars: { stars: 5 },
    certificates: [{ kind: 'organic' }, { kind: 'food_safety' }],
    publishedDaysAgo: 7,
    sold: 20,
  },
  {
    key: 'aniseOil',
    seller: 'anise',
    name: 'Tinh dầu hồi nguyên chất',
    category: 'thao-duoc',
    price: 450_000,
    stars: { stars: 4 },
    publishedDaysAgo: 6,
    sold: 2,
  },
  {
    key: 'candy',
    seller: 'anise',
    name: 'Kẹo lạc mật ong',
    category: 'banh-keo-thach',
    price: 45_000,
    publishedDaysAgo: 5,
    sold: 0,
  },
  {
    key: 'custard',
    seller: 'custard',
    name: 'Na Chi Lăng',
    category: 'trai-cay',
    price: 90_000,
    stars: { stars: 4 },
    certificates: [{ kind: 'vietgap' }],
    publishedDaysAgo: 4,
    sold: 80,
  },
  {
    key: 'pork',
    seller: 'custard',
    name: 'Đặc sản khâu nhục Lạng Sơn',
    category: 'thit-che-bien',
    price: 1_200_000,
    publishedDaysAgo: 3,
    sold: 8,
    description: '<p>Món ăn ngày Tết của người Tày, Nùng.</p>',
  },
  {
    key: 'jelly',
    seller: 'jelly',
    name: 'Thạch đen Tràng Định',
    category: 'banh-keo-thach',
    price: 35_000,
    stars: { stars: 5, expired: true },
    certificates: [{ kind: 'food_safety', expired: true }],
    publishedDaysAgo: 2,
    sold: 15,
  },
  {
    key: 'coffee',
    seller: 'jelly',
    name: 'Cà phê rang xay',
    category: 'nuoc-giai-khat',
    price: 150_000,
    certificates: [{ kind: 'haccp' }],
    publishedDaysAgo: 1,
    sold: 0,
    description: '<p>Cà phê rang mộc, xay mịn &amp; đóng gói.</p>',
  },
];

export const HIDDEN_PRODUCTS: FixtureProduct[] = [
  {
    key: 'draft',
    seller: 'honey',
    name: 'Mật ong hoa nhãn Bắc Sơn',
    category: 'mat-ong',
    price: 200_000,
    status: 'draft',
    publishedDaysAgo: 0,
  },
  {
    key: 'archived',
    seller: 'honey',
    name: 'Mật ong Bắc Sơn vụ cũ',
    category: 'mat-ong',
    price: 150_000,
    status: 'archived',
    publishedDaysAgo: 30,
  },
  {
    key: 'noPrice',
    seller: 'honey',
    name: 'Mật ong Bắc Sơn hết hàng',
    category: 'mat-ong',
    price: null,
    publishedDaysAgo: 3,
  },
  {
    key: 'pending',
    seller: 'pending',
    name: 'Mật ong Bắc Sơn chờ duyệt',
    category: 'mat-ong',
    price: 210_000,
    publishedDaysAgo: 2,
  },
  {
    key: 'suspended',
    seller: 'suspended',
    name: 'Mật ong Bắc Sơn đình chỉ',
    category: 'mat-ong',
    price: 220_000,
    publishedDaysAgo: 2,
  },
];

export interface SearchFixtures {
  /** Product ids by key. */
  ids: Record<string, string>;
  /** Organisation ids by seller. */
  sellers: Record<Seller, string>;
  /** Public product keys by id, to read results as keys. */
  keyOf(id: string): string;
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Writes the catalogue; the caller then applies the search outbox. */
export async function loadSearchFixtures(databaseUrl: string): Promise<SearchFixtures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const sellers = {} as Record<Seller, string>;
    for (const [key, seller] of Object.entries(SELLERS) as [Seller, (typeof SELLERS)[Seller]][]) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO organisations (name, slug, legal_type, commune_code, contact_name, status, approved_at)
         VALUES ($1, $2, 'cooperative', $3, 'Người liên hệ', 'approved', now()) RETURNING id`,
        [seller.name, `search-${key}-${randomUUID().slice(0, 6)}`, seller.commune],
      );
      sellers[key] = rows[0]!.id;
    }

    const ids: Record<string, string> = {};
    for (const product of [...PUBLIC_PRODUCTS, ...HIDDEN_PRODUCTS]) {
      const organisationId = sellers[product.seller];
      const status = product.status ?? 'published';
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO products (organisation_id, category_code, name, slug, description_html, status, published_at, first_published_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 = 'draft' THEN NULL ELSE now() - make_interval(days => $7) END,
                 CASE WHEN $6 = 'draft' THEN NULL ELSE now() - make_interval(days => $7) END)
         RETURNING id`,
        [
          organisationId,
          product.category,
          product.name,
          `${product.key.toLowerCase()}-${randomUUID().slice(0, 8)}`,
          product.description ?? '',
          status,
          product.publishedDaysAgo,
        ],
      );
      const productId = rows[0]!.id;
      ids[product.key] = productId;
      // A dearer second variant checks that the listed price is the cheapest active one.
      await client.query(
        `INSERT INTO product_variants (product_id, organisation_id, label, sku, price, stock, active)
         VALUES ($1, $2, 'Loại nhỏ', $3, $4, 10, $5), ($1, $2, 'Loại lớn', $6, $4 * 2, 10, $5)`,
        [
          productId,
          organisationId,
          `S-${randomUUID().slice(0, 8)}`,
          product.price ?? 1000,
          product.price !== null,
          `L-${randomUUID().slice(0, 8)}`,
        ],
      );
      if (product.stars) {
        await client.query(
          `INSERT INTO ocop_certificates (product_id, organisation_id, stars, certificate_number, issuing_level, issued_on, expires_on, status)
           VALUES ($1, $2, $3, $4, 'provincial', $5, $6, 'verified')`,
          [
            productId,
            organisationId,
            product.stars.stars,
            `OCOP-${randomUUID().slice(0, 6)}`,
            day(-800),
            day(product.stars.expired ? -1 : 400),
          ],
        );
      }
      for (const certificate of product.certificates ?? []) {
        await client.query(
          `INSERT INTO quality_certificates (product_id, organisation_id, kind, certificate_number, issued_on, expires_on)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            productId,
            organisationId,
            certificate.kind,
            `QC-${randomUUID().slice(0, 6)}`,
            day(-800),
            day(certificate.expired ? -1 : 400),
          ],
        );
      }
    }

    // Sellers are suspended or left pending after their products exist, as happens in real life.
    await client.query("UPDATE organisations SET status = 'pending', approved_at = NULL WHERE id = $1", [
      sellers.pending,
    ]);
    await client.query("UPDATE organisations SET status = 'suspended' WHERE id = $1", [sellers.suspended]);

    await recordSales(client, sellers, ids);
    const keys = new Map(Object.entries(ids).map(([key, id]) => [id, key]));
    return { ids, sellers, keyOf: (id) => keys.get(id) ?? `unknown:${id}` };
  } finally {
    await client.end();
  }
}

/** One completed order per product sold, and a cancelled one that must not count. */
async function recordSales(
  client: pg.Client,
  sellers: Record<Seller, string>,
  ids: Record<string, string>,
): Promise<void> {
  const sales = PUBLIC_PRODUCTS.filter((product) => (product.sold ?? 0) > 0).map((product) => ({
    product,
    quantity: product.sold!,
    status: 'completed',
  }));
  sales.push({
    product: PUBLIC_PRODUCTS.find((product) => product.key === 'candy')!,
    quantity: 500,
    status: 'cancelled',
  });
  for (const { product, quantity, status } of sales) {
    const productId = ids[product.key]!;
    const { rows: variants } = await client.query<{ id: string; price: string; organisation_id: string }>(
      'SELECT id, price, organisation_id FROM product_variants WHERE product_id = $1 ORDER BY price LIMIT 1',
      [productId],
    );
    const variant = variants[0]!;
    const total = Number(variant.price) * quantity;
    const code = randomUUID().slice(0, 12).toUpperCase();
    const { rows: orders } = await client.query<{ id: string }>(
      `INSERT INTO customer_orders (code, buyer_name, buyer_phone, recipient_name, recipient_phone, street_address, commune_code,
         province_code, invoice_name, payment_method, goods_total, shipping_total, grand_total, access_token_hash)
       VALUES ($1, 'Khách', '0901000004', 'Khách', '0901000004', 'Số 1', '00004', '01', 'Khách', 'cod', $2, 0, $2, 'x') RETURNING id`,
      [`DH${code}`, total],
    );
    const { rows: sellerOrders } = await client.query<{ id: string }>(
      `INSERT INTO seller_orders (customer_order_id, organisation_id, code, status, goods_total, shipping_fee, total, shipping_zone, weight_grams)
       VALUES ($1, $2, $3, $4, $5, 0, $5, 'intra_province', 0) RETURNING id`,
      [orders[0]!.id, sellers[product.seller], `DH${code}-1`, status, total],
    );
    await client.query(
      `INSERT INTO seller_order_lines (seller_order_id, product_id, variant_id, product_name, variant_label, sku, unit_price, quantity, line_total, weight_grams)
       VALUES ($1, $2, $3, $4, 'Loại nhỏ', 'SKU', $5, $6, $7, 0)`,
      [sellerOrders[0]!.id, productId, variant.id, product.name, variant.price, quantity, total],
    );
  }
}

/** Public product keys in the order a sort should return them. */
export function expectedOrder(sort: 'price_asc' | 'price_desc' | 'newest' | 'best_selling'): string[] {
  const products = [...PUBLIC_PRODUCTS];
  switch (sort) {
    case 'price_asc':
      return products.sort((a, b) => a.price! - b.price!).map((product) => product.key);
    case 'price_desc':
      return products.sort((a, b) => b.price! - a.price!).map((product) => product.key);
    case 'newest':
      return products.sort((a, b) => a.publishedDaysAgo - b.publishedDaysAgo).map((product) => product.key);
    case 'best_selling':
      return products
        .sort((a, b) => (b.sold ?? 0) - (a.sold ?? 0) || a.publishedDaysAgo - b.publishedDaysAgo)
        .map((product) => product.key);
  }
}
