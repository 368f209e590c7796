import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { parseConfig } from '../core/config/app-config.js';
import { startEmbeddedDatabase } from '../core/database/embedded-database.js';
import { runMigrations } from '../core/database/run-migrations.js';

/**
 * Generates a large synthetic catalog for benchmarks: sellers spread over the home province's
 * communes, products in every category with one to three variants, OCOP and quality certificates,
 * and a realistic mix of statuses (some drafts, archived products, pending and suspended sellers) so
 * that the public catalog's filters do real work. Everything is set-based SQL over generate_series,
 * in one transaction: 100,000 products take seconds, not minutes.
 *
 * Randomness comes from a hash of (row number, seed), not random(), so the same --seed gives the
 * same catalog. Synthetic sellers' slugs start with `synthetic-`; `--replace` removes earlier ones.
 */

export interface LargeCatalogOptions {
  products: number;
  /** Defaults to one seller per 200 products, at least 10. */
  sellers?: number;
  seed?: number;
  /** Remove synthetic sellers (and so their products) from earlier runs first. */
  replace?: boolean;
  provinceCode?: string;
  log?: (line: string) => void;
}

export interface LargeCatalogResult {
  sellers: number;
  products: number;
  publiclyVisible: number;
  variants: number;
  ocopCertificates: number;
  qualityCertificates: number;
  seconds: number;
}

type UnitKind = 'weight' | 'volume' | 'item' | 'service';

/** Words the names are built from, per category: enough variety for search and sorting to mean something. */
const VOCABULARY: {
  category: string;
  nouns: string[];
  unit: UnitKind;
  priceMin: number;
  priceMax: number;
  packaging: boolean;
}[] = [
  {
    category: 'trai-cay',
    nouns: ['Quýt vàng', 'Na dai', 'Hồng không hạt', 'Mận hậu', 'Đào chuông', 'Bưởi', 'Ổi lê', 'Táo mèo'],
    unit: 'weight',
    priceMin: 40000,
    priceMax: 200000,
    packaging: true,
  },
  {
    category: 'rau-cu',
    nouns: ['Khoai môn', 'Khoai lang', 'Su su', 'Củ đậu', 'Bí đỏ', 'Măng tươi'],
    unit: 'weight',
    priceMin: 20000,
    priceMax: 90000,
    packaging: true,
  },
  {
    category: 'gia-vi',
    nouns: ['Hoa hồi', 'Quế thanh', 'Hạt mắc mật', 'Gừng khô', 'Ớt chỉ thiên', 'Hạt dổi'],
    unit: 'weight',
    priceMin: 40000,
    priceMax: 300000,
    packaging: true,
  },
  {
    category: 'che-tra',
    nouns: ['Chè shan tuyết', 'Trà hoa vàng', 'Trà giảo cổ lam', 'Chè xanh'],
    unit: 'weight',
    priceMin: 60000,
    priceMax: 600000,
    packaging: true,
  },
  {
    category: 'mat-ong',
    nouns: ['Mật ong hoa rừng', 'Mật ong hoa nhãn', 'Mật ong hoa bạc hà', 'Phấn hoa'],
    unit: 'volume',
    priceMin: 120000,
    priceMax: 500000,
    packaging: true,
  },
  {
    category: 'gao-ngu-coc',
    nouns: ['Gạo Bao thai', 'Gạo nếp cái hoa vàng', 'Lạc đỏ', 'Ngô nếp', 'Đậu tương'],
    unit: 'weight',
    priceMin: 30000,
    priceMax: 300000,
    packaging: true,
  },
  {
    category: 'thao-duoc',
    nouns: ['Tinh dầu hồi', 'Tinh dầu quế', 'Cao xương', 'Trà thảo mộc'],
    unit: 'volume',
    priceMin: 60000,
    priceMax: 600000,
    packaging: true,
  },
  {
    category: 'thit-che-bien',
    nouns: ['Lạp sườn', 'Thịt lợn hun khói', 'Vịt quay', 'Khâu nhục', 'Chả cuốn'],
    unit: 'weight',
    priceMin: 120000,
    priceMax: 450000,
    packaging: true,
  },
  {
    category: 'do-kho',
    nouns: ['Măng khô', 'Nấm hương', 'Miến dong', 'Mộc nhĩ', 'Hồng sấy', 'Na sấy'],
    unit: 'weight',
    priceMin: 40000,
    priceMax: 300000,
    packaging: true,
  },
  {
    category: 'banh-keo-thach',
    nouns: ['Bánh khảo', 'Thạch đen', 'Bánh chưng đen', 'Kẹo lạc', 'Bánh gai'],
    unit: 'item',
    priceMin: 25000,
    priceMax: 150000,
    packaging: true,
  },
  {
    category: 'ruou',
    nouns: ['Rượu Mẫu Sơn', 'Rượu men lá', 'Rượu na', 'Rượu mơ'],
    unit: 'volume',
    priceMin: 80000,
    priceMax: 500000,
    packaging: true,
  },
  {
    category: 'nuoc-giai-khat',
    nouns: ['Nước cốt quýt', 'Nước thạch đen', 'Trà gừng mật ong'],
    unit: 'volume',
    priceMin: 25000,
    priceMax: 90000,
    packaging: true,
  },
  {
    category: 'det-may-tho-cam',
    nouns: ['Túi thổ cẩm', 'Khăn chàm', 'Áo chàm', 'Váy thổ cẩm'],
    unit: 'item',
    priceMin: 90000,
    priceMax: 900000,
    packaging: true,
  },
  {
    category: 'luu-niem-trang-tri',
    nouns: ['Giỏ mây tre', 'Vỏ gối thổ cẩm', 'Tranh thổ cẩm', 'Đèn tre'],
    unit: 'item',
    priceMin: 60000,
    priceMax: 700000,
    packaging: true,
  },
  {
    category: 'du-lich-cong-dong',
    nouns: ['Nghỉ nhà sàn', 'Tour trải nghiệm', 'Mâm cơm Tày', 'Vé hái quả tại vườn'],
    unit: 'service',
    priceMin: 80000,
    priceMax: 1500000,
    packaging: false,
  },
];

const PLACES = [
  'Văn Quan',
  'Bắc Sơn',
  'Chi Lăng',
  'Tràng Định',
  'Mẫu Sơn',
  'Hữu Lũng',
  'Lộc Bình',
  'Đình Lập',
  'Bình Gia',
  'Cao Lộc',
  'Văn Lãng',
  'Thất Khê',
  'Na Sầm',
  'Đồng Đăng',
];
const QUALIFIERS = [
  'loại 1',
  'đặc biệt',
  'hữu cơ',
  'truyền thống',
  'thượng hạng',
  'nhà làm',
  'vụ mới',
  'xuất khẩu',
  'túi quà',
  'nguyên chất',
];
const SELLER_WORDS = [
  'Hoa Mai',
  'Bình Minh',
  'Xứ Lạng',
  'Kỳ Cùng',
  'Nà Lay',
  'Phai Vệ',
  'Tân Thanh',
  'Nhị Thanh',
  'Tam Thanh',
  'Hồng Phong',
  'Khau Sao',
  'Bản Chắt',
];
const LABELS: Record<UnitKind, [string, string, string]> = {
  weight: ['Túi 500 g', 'Túi 1 kg', 'Thùng 3 kg'],
  volume: ['Chai 500 ml', 'Chai 1 lít', 'Bình 2 lít'],
  item: ['Cỡ nhỏ', 'Cỡ vừa', 'Cỡ lớn'],
  service: ['1 khách', 'Nhóm 4 khách', 'Nhóm 10 khách'],
};
/** Grams per variant position for weighed goods, and what a pack of that size costs relative to the first. */
const WEIGHTS = [520, 1030, 3100];
const PRICE_FACTORS = [1, 1.9, 5.2];

function sqlArray(values: string[]): string {
  return `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
}

export async function generateLargeCatalog(
  client: pg.ClientBase,
  options: LargeCatalogOptions,
): Promise<LargeCatalogResult> {
  const log = options.log ?? (() => undefined);
  const products = options.products;
  const sellers = options.sellers ?? Math.max(10, Math.ceil(products / 200));
  const seed = options.seed ?? 20_260_101;
  const provinceCode = options.provinceCode ?? '20';
  if (!Number.isInteger(products) || products < 1) throw new Error('--products must be a positive whole number');
  if (!Number.isInteger(sellers) || sellers < 1) throw new Error('--sellers must be a positive whole number');
  // A short tag per run keeps slugs and SKUs unique when runs are added on top of each other.
  const tag = `${seed.toString(36)}${Date.now().toString(36).slice(-4)}`;
  const started = Date.now();
  const step = async (what: string, text: string, values: unknown[] = []) => {
    const at = Date.now();
    const result = await client.query(text, values);
    log(
      `  ${what.padEnd(28)} ${String(result.rowCount ?? '').padStart(9)} rows  ${((Date.now() - at) / 1000).toFixed(1)} s`,
    );
    return result;
  };

  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL synchronous_commit = off');
    if (options.replace) {
      // Child rows go first, one statement per table: a cascade from organisations would delete them
      // product by product and fire every statement-level trigger once per product.
      const synthetic =
        "SELECT p.id FROM products p JOIN organisations o ON o.id = p.organisation_id WHERE o.slug LIKE 'synthetic-%'";
      for (const table of ['quality_certificates', 'ocop_certificates', 'product_images', 'product_variants']) {
        await step(`remove earlier ${table}`, `DELETE FROM ${table} WHERE product_id IN (${synthetic})`);
      }
      await step('remove earlier products', `DELETE FROM products WHERE id IN (${synthetic})`);
      await step('remove earlier sellers', "DELETE FROM organisations WHERE slug LIKE 'synthetic-%'");
    }

    const communes = (
      await client.query<{ codes: string[] | null }>(
        'SELECT array_agg(code ORDER BY code) AS codes FROM communes WHERE province_code = $1',
        [provinceCode],
      )
    ).rows[0]?.codes;
    if (!communes?.length) throw new Error(`No communes for province ${provinceCode}: are the migrations applied?`);

    // A uniform number in [0, 1) from (row, salt, seed): deterministic, and cheap enough for millions of rows.
    await client.query(`
      CREATE FUNCTION pg_temp.rnd(n bigint, salt int) RETURNS double precision
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (hashint8(n * 1000003 + salt * 7919 + ${Number(seed)}) & 2147483647)::double precision / 2147483648 $$`);

    await client.query('CREATE TEMP TABLE syn_sellers (idx serial PRIMARY KEY, id uuid NOT NULL) ON COMMIT DROP');
    await step(
      'sellers',
      `WITH created AS (
         INSERT INTO organisations (name, slug, legal_type, is_sme, women_owned, street_address, commune_code, contact_name,
                                    story, status, approved_at, created_at)
         SELECT (ARRAY['Hợp tác xã', 'Công ty TNHH', 'Hộ kinh doanh', 'Tổ hợp tác', 'Công ty Cổ phần'])[t.kind]
                  || ' ' || (${sqlArray(SELLER_WORDS)})[1 + (g % ${SELLER_WORDS.length})] || ' ' || g,
                'synthetic-' || $2 || '-s' || g,
                (ARRAY['cooperative', 'enterprise', 'household_business', 'cooperative_group', 'enterprise'])[t.kind],
                t.kind IN (2, 5), pg_temp.rnd(g, 2) < 0.3,
                'Thôn ' || (${sqlArray(SELLER_WORDS)})[1 + ((g / 3) % ${SELLER_WORDS.length})],
                ($3::text[])[1 + floor(pg_temp.rnd(g, 3) * array_length($3::text[], 1))::int],
                'Người liên hệ ' || g,
                'Cơ sở sản xuất dữ liệu mẫu số ' || g || ' dùng để đo hiệu năng.',
                CASE WHEN pg_temp.rnd(g, 4) < 0.95 THEN 'approved' WHEN pg_temp.rnd(g, 4) < 0.98 THEN 'pending' ELSE 'suspended' END,
                now() - make_interval(days => 1 + floor(pg_temp.rnd(g, 5) * 700)::int),
                now() - make_interval(days => 720)
         FROM generate_series(1, $1::int) AS g,
              LATERAL (SELECT 1 + floor(pg_temp.rnd(g, 1) * 5)::int AS kind) AS t
         RETURNING id)
       INSERT INTO syn_sellers (id) SELECT id FROM created`,
      [sellers, tag, communes],
    );

    await client.query(
      `
      CREATE TEMP TABLE syn_vocabulary ON COMMIT DROP AS
      SELECT * FROM jsonb_to_recordset($1::jsonb)
        AS v(idx int, category text, nouns text[], unit text, price_min int, price_max int, packaging boolean)`,
      [
        JSON.stringify(
          VOCABULARY.map((v, idx) => ({
            idx,
            category: v.category,
            nouns: v.nouns,
            unit: v.unit,
            price_min: v.priceMin,
            price_max: v.priceMax,
            packaging: v.packaging,
          })),
        ),
      ],
    );
    // The whole plan is computed first, ids included, so that products can be inserted with their
    // listed price already right: the list-price trigger then finds nothing to change, instead of
    // rewriting (and re-indexing) every product a second time.
    await step(
      'plan products',
      `CREATE TEMP TABLE syn_products ON COMMIT DROP AS
       SELECT g, gen_random_uuid() AS id, s.id AS organisation_id, v.idx AS vocabulary, v.category, v.packaging,
              v.nouns[1 + floor(pg_temp.rnd(g, 11) * array_length(v.nouns, 1))::int]
                || ' ' || (${sqlArray(PLACES)})[1 + floor(pg_temp.rnd(g, 12) * ${PLACES.length})::int]
                || ' ' || (${sqlArray(QUALIFIERS)})[1 + floor(pg_temp.rnd(g, 13) * ${QUALIFIERS.length})::int] AS name,
              pg_temp.rnd(g, 14) AS status_roll, floor(pg_temp.rnd(g, 15) * 365 * 24)::int AS age_hours
       FROM generate_series(1, $1::int) AS g
       JOIN syn_sellers s ON s.idx = 1 + (g % $2::int)
       JOIN syn_vocabulary v ON v.idx = floor(pg_temp.rnd(g, 10) * ${VOCABULARY.length})::int`,
      [products, sellers],
    );
    await step(
      'plan variants',
      `CREATE TEMP TABLE syn_variants ON COMMIT DROP AS
       SELECT sp.id AS product_id, sp.organisation_id, k,
              (CASE v.unit WHEN 'weight' THEN $2::text[] WHEN 'volume' THEN $3::text[] WHEN 'item' THEN $4::text[] ELSE $5::text[] END)[k] AS label,
              'SYN-' || $1 || '-' || sp.g || '-' || k AS sku,
              greatest(1000, round((v.price_min + pg_temp.rnd(sp.g, 20) * (v.price_max - v.price_min)) * ($6::float8[])[k] / 1000) * 1000)::bigint AS price,
              CASE WHEN v.unit = 'service' THEN NULL ELSE ($7::int[])[k] END AS weight_grams,
              floor(pg_temp.rnd(sp.g * 3 + k, 21) * 400)::int AS stock,
              pg_temp.rnd(sp.g * 3 + k, 22) < 0.97 OR k = 1 AS active
       FROM syn_products sp
       JOIN syn_vocabulary v ON v.idx = sp.vocabulary
       JOIN generate_series(1, 3) AS k ON k <= 1 + floor(pg_temp.rnd(sp.g, 23) * 3)::int`,
      [tag, LABELS.weight, LABELS.volume, LABELS.item, LABELS.service, PRICE_FACTORS, WEIGHTS],
    );
    await step(
      'products',
      `INSERT INTO products (id, organisation_id, category_code, name, slug, description_html, status, packaging_material,
                             growing_area_code, list_price, published_at, first_published_at, created_at, updated_at)
       SELECT sp.id, sp.organisation_id, sp.category, sp.name,
              trim(both '-' from regexp_replace(fold_vi(sp.name), '[^a-z0-9]+', '-', 'g')) || '-' || $1 || '-' || sp.g,
              '<p>' || sp.name || ': sản phẩm mẫu để đo hiệu năng của danh mục.</p>',
              CASE WHEN sp.status_roll < 0.90 THEN 'published' WHEN sp.status_roll < 0.97 THEN 'draft' ELSE 'archived' END,
              CASE WHEN NOT sp.packaging THEN NULL
                   ELSE (ARRAY['plastic', 'plastic', 'recyclable', 'recyclable', 'biodegradable', 'other'])[1 + (sp.g % 6)] END,
              CASE WHEN sp.g % 5 = 0 THEN 'VN-LSOR-' || lpad((sp.g % 9973)::text, 4, '0') END,
              m.list_price,
              CASE WHEN sp.status_roll < 0.90 THEN now() - make_interval(hours => sp.age_hours) END,
              -- Archived products were public once; drafts never were.
              CASE WHEN sp.status_roll < 0.90 OR sp.status_roll >= 0.97 THEN now() - make_interval(hours => sp.age_hours) END,
              now() - make_interval(hours => sp.age_hours + 24), now() - make_interval(hours => sp.age_hours)
       FROM syn_products sp
       JOIN (SELECT product_id, min(price) FILTER (WHERE active) AS list_price FROM syn_variants GROUP BY product_id) m
         ON m.product_id = sp.id`,
      [tag],
    );
    const variantsResult = await step(
      'variants',
      `INSERT INTO product_variants (product_id, organisation_id, label, sku, price, weight_grams, stock, active, position)
       SELECT product_id, organisation_id, label, sku, price, weight_grams, stock, active, k - 1 FROM syn_variants`,
    );

    // A quarter of products hold a verified OCOP rating: mostly 3 stars, some 4, a few 5 (central);
    // issue dates up to 40 months back, so about one in ten has expired.
    const ocopResult = await step(
      'OCOP certificates',
      `INSERT INTO ocop_certificates (product_id, organisation_id, stars, certificate_number, issuing_level, issuing_authority,
                                      issued_on, expires_on, status, reviewed_at)
       SELECT sp.id, sp.organisation_id, r.stars,
              (100 + sp.g % 2900) || CASE WHEN r.stars = 5 THEN '/QĐ-BNN-KTHT' ELSE '/QĐ-UBND' END,
              CASE WHEN r.stars = 5 THEN 'central' ELSE 'provincial' END,
              CASE WHEN r.stars = 5 THEN 'Bộ Nông nghiệp và Môi trường' ELSE 'UBND tỉnh Lạng Sơn' END,
              current_date - r.age_days, current_date - r.age_days + 1095, 'verified', now() - make_interval(days => r.age_days - 20)
       FROM syn_products sp,
            LATERAL (SELECT CASE WHEN pg_temp.rnd(sp.g, 31) < 0.60 THEN 3 WHEN pg_temp.rnd(sp.g, 31) < 0.95 THEN 4 ELSE 5 END AS stars,
                            30 + floor(pg_temp.rnd(sp.g, 32) * 1200)::int AS age_days) AS r
       WHERE pg_temp.rnd(sp.g, 30) < 0.25`,
    );

    const qualityResult = await step(
      'quality certificates',
      `INSERT INTO quality_certificates (product_id, organisation_id, kind, certificate_number, issuer, issued_on, expires_on)
       SELECT sp.id, sp.organisation_id, k.kind, upper(k.kind) || '-' || $1 || '-' || sp.g, 'Tổ chức chứng nhận mẫu',
              current_date - k.age_days, current_date - k.age_days + 1094
       FROM syn_products sp,
            LATERAL (SELECT (ARRAY['vietgap', 'vietgap', 'food_safety', 'haccp', 'organic', 'globalgap'])[1 + floor(pg_temp.rnd(sp.g, 41) * 6)::int] AS kind,
                            30 + floor(pg_temp.rnd(sp.g, 42) * 1200)::int AS age_days) AS k
       WHERE pg_temp.rnd(sp.g, 40) < 0.15`,
      [tag],
    );

    const visible = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM syn_products sp JOIN products p ON p.id = sp.id
       JOIN organisations o ON o.id = p.organisation_id AND o.status = 'approved'
       WHERE p.status = 'published' AND p.list_price IS NOT NULL`,
    );
    await client.query('COMMIT');
    // Fresh statistics, or the planner goes on believing the tables are as small as before.
    await step('analyze', 'ANALYZE organisations, products, product_variants, ocop_certificates, quality_certificates');
    return {
      sellers,
      products,
      publiclyVisible: visible.rows[0]?.count ?? 0,
      variants: variantsResult.rowCount ?? 0,
      ocopCertificates: ocopResult.rowCount ?? 0,
      qualityCertificates: qualityResult.rowCount ?? 0,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const USAGE = `Generates a large synthetic catalog for benchmarks.

Usage: node apps/api/dist/demo/large-catalog.js --products 100000 [--sellers 500] [--seed 42] [--replace]

  --products N   products to create (required)
  --sellers N    sellers to spread them over (default: one per 200 products, at least 10)
  --seed N       the same seed gives the same catalog (default 20260101)
  --replace      first remove synthetic sellers and products from earlier runs

Uses DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR (default .data), the one
\`pnpm start\` uses, whether or not the marketplace is running.`;

export function parseArguments(argv: string[]): LargeCatalogOptions | 'help' {
  const options: Partial<LargeCatalogOptions> = {};
  const number = (name: string, value: string | undefined) => {
    const parsed = Number(value?.replace(/_/g, ''));
    if (!value || !Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} needs a positive whole number`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--products') options.products = number(flag, value());
    else if (flag === '--sellers') options.sellers = number(flag, value());
    else if (flag === '--seed') options.seed = number(flag, value());
    else if (flag === '--replace') options.replace = true;
    else throw new Error(`Unknown option ${flag}`);
  }
  if (options.products === undefined) throw new Error('--products is required');
  return options as LargeCatalogOptions;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  let options: LargeCatalogOptions | 'help';
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const config = parseConfig(process.env);
  let url = config.DATABASE_URL;
  let stop = async () => undefined as void;
  if (!url) {
    const dataDir = resolve(config.DATA_DIR, 'postgres');
    // Same credentials and database name as main.ts gives the embedded server.
    const runningUrl = `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_DB_PORT}/ocop`;
    if (existsSync(join(dataDir, 'postmaster.pid')) && (await canConnect(runningUrl))) {
      console.log(`Using the embedded PostgreSQL the marketplace is running on port ${config.EMBEDDED_DB_PORT}`);
      url = runningUrl;
    } else {
      console.log(`Starting the embedded PostgreSQL in ${dataDir} …`);
      const embedded = await startEmbeddedDatabase({
        dataDir,
        port: config.EMBEDDED_DB_PORT,
        persistent: true,
        databaseName: 'ocop',
      });
      url = embedded.url;
      stop = () => embedded.stop();
    }
  }
  try {
    await runMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      console.log(`Generating ${options.products.toLocaleString('en')} products …`);
      const result = await generateLargeCatalog(client, {
        ...options,
        provinceCode: config.HOME_PROVINCE_CODE,
        log: console.log,
      });
      console.log(
        `Done in ${result.seconds.toFixed(1)} s: ${result.sellers} sellers, ${result.products} products ` +
          `(${result.publiclyVisible} public), ${result.variants} variants, ${result.ocopCertificates} OCOP and ` +
          `${result.qualityCertificates} quality certificates.`,
      );
    } finally {
      await client.end();
    }
  } finally {
    await stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error('The catalog could not be generated:', error);
    process.exit(1);
  });
}
