import type { EntityManager } from 'typeorm';
import { TODAY_IN_VIETNAM_SQL } from '../catalog/catalog.constants.js';
import { gtinCheckDigit } from '../catalog/gtin.js';
import { slugify } from '../catalog/product-slug.js';
import { sanitiseDescription } from '../catalog/sanitise-description.js';
import { taxCodeWithCheckDigit } from '../sellers/tax-code.js';
import type { FileStorage } from '../storage/file-storage.js';
import { DEMO_ORGANISATION_SLUG, DEMO_PRODUCTS, DEMO_SELLERS, type DemoProduct } from './demo-catalog.data.js';

/** GTIN-13 under an invented GS1 Vietnam (893) company prefix per seller. */
function demoGtin(sellerIndex: number, item: string): string {
  const body = `893${String(6040 + sellerIndex).padStart(4, '0')}${item}`;
  return body + String(gtinCheckDigit(body));
}

const HOME_STORY =
  'Hợp tác xã gom nông sản sạch từ các xã vùng cao về cửa hàng ở phường Đông Kinh: gạo Bao thai Hồng Phong, măng khô Đình Lập, nấm hương, mắc mật. Mỗi lô hàng đều ghi rõ hộ sản xuất và ngày thu hoạch.';

const CATEGORY_COLOURS: Record<string, [string, string]> = {
  'nong-san-tuoi': ['#f6a623', '#e8590c'],
  'nong-dac-san': ['#8d6e3f', '#5b3a1a'],
  'thuc-pham-che-bien': ['#c0392b', '#7b241c'],
  'do-uong': ['#6c3483', '#3b1f4f'],
  'lang-nghe-thu-cong': ['#1f618d', '#17202a'],
  'du-lich-cong-dong': ['#27ae60', '#145a32'],
};

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

/** A plain placeholder picture (name on a colour of its category), so the demo shop is not a wall of grey boxes. */
export function placeholderSvg(name: string, sellerName: string, topCategory: string): string {
  const [from, to] = CATEGORY_COLOURS[topCategory] ?? ['#7f8c8d', '#2c3e50'];
  const words = name.split(' ');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= 22) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const text = lines
    .slice(0, 3)
    .map(
      (line, i) =>
        `<text x="400" y="${270 + i * 64 - (Math.min(lines.length, 3) - 1) * 32}" font-size="54">${escapeXml(line)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    `<rect width="800" height="600" fill="url(#g)"/>` +
    `<g fill="#fff" font-family="'Be Vietnam Pro', 'Noto Sans', Arial, sans-serif" text-anchor="middle" font-weight="700">${text}</g>` +
    `<text x="400" y="540" fill="#fff" fill-opacity="0.85" font-family="'Noto Sans', Arial, sans-serif" font-size="26" text-anchor="middle">${escapeXml(sellerName)}</text>` +
    `</svg>`
  );
}

export interface DemoCatalogSummary {
  organisations: number;
  products: number;
}

/**
 * Loads the demo catalog: ten approved sellers across Lạng Sơn and about sixty products with
 * variants, verified OCOP ratings (one of them expired), quality certificates and packaging. Runs
 * inside the caller's transaction; set-based inserts keep it to a few dozen milliseconds, since
 * every test database that loads the demo pays for it. Does nothing if it has run before.
 *
 * With a `storage`, each product also gets a placeholder picture.
 */
export async function seedDemoCatalog(
  manager: EntityManager,
  options: { storage?: FileStorage } = {},
): Promise<DemoCatalogSummary> {
  const already: unknown[] = await manager.query('SELECT 1 FROM organisations WHERE slug = $1', [
    DEMO_SELLERS[0]!.slug,
  ]);
  if (already.length > 0) return { organisations: 0, products: 0 };
  const [home] = (await manager.query('SELECT id FROM organisations WHERE slug = $1', [DEMO_ORGANISATION_SLUG])) as {
    id: string;
  }[];
  if (!home)
    throw new Error(`The demo organisation ${DEMO_ORGANISATION_SLUG} must exist before the demo catalog is loaded`);
  await manager.query("UPDATE organisations SET story = $2 WHERE id = $1 AND story = ''", [home.id, HOME_STORY]);
  const [officer] = (await manager.query(
    "SELECT id FROM users WHERE role = 'province_officer' ORDER BY created_at LIMIT 1",
  )) as { id: string }[];

  await manager.query(
    `INSERT INTO organisations (name, slug, legal_type, is_sme, women_owned, tax_code, tax_code_checksum_ok, street_address,
                                commune_code, contact_name, contact_phone, story, status, approved_at, created_at)
     SELECT s.name, s.slug, s.legal_type, s.is_sme, s.women_owned, s.tax_code, true, s.street_address,
            s.commune_code, s.contact_name, s.contact_phone, s.story, 'approved',
            now() - make_interval(days => s.age_days), now() - make_interval(days => s.age_days + 14)
     FROM jsonb_to_recordset($1::jsonb) AS s(name text, slug text, legal_type text, is_sme boolean, women_owned boolean,
          tax_code text, street_address text, commune_code text, contact_name text, contact_phone text, story text, age_days int)`,
    [
      JSON.stringify(
        DEMO_SELLERS.map((seller, index) => ({
          name: seller.name,
          slug: seller.slug,
          legal_type: seller.legalType,
          is_sme: seller.isSme,
          women_owned: seller.womenOwned,
          tax_code: taxCodeWithCheckDigit(seller.taxCodeBase),
          street_address: seller.streetAddress,
          commune_code: seller.communeCode,
          contact_name: seller.contactName,
          contact_phone: seller.contactPhone,
          story: seller.story,
          age_days: 200 - index * 12,
        })),
      ),
    ],
  );

  const sellerIndex = new Map<string, number>([
    [DEMO_ORGANISATION_SLUG, 0],
    ...DEMO_SELLERS.map((s, i) => [s.slug, i + 1] as [string, number]),
  ]);
  const skuPrefix = new Map<string, string>([
    [DEMO_ORGANISATION_SLUG, ''],
    ...DEMO_SELLERS.map((s) => [s.slug, `${s.skuPrefix}-`] as [string, string]),
  ]);
  const slugs = new Set<string>();
  const products = DEMO_PRODUCTS.map((product, index) => {
    const slug = slugify(product.name);
    if (slugs.has(slug)) throw new Error(`Two demo products share the slug ${slug}`);
    slugs.add(slug);
    // Spread publication over the past weeks, interleaving sellers, so "newest" shows a mix.
    return { ...product, slug, ageHours: ((index * 37) % DEMO_PRODUCTS.length) * 9 + 2 };
  });

  await manager.query(
    `INSERT INTO products (organisation_id, category_code, name, slug, description_html, status, packaging_material,
                           growing_area_code, published_at, first_published_at, created_at, updated_at)
     SELECT o.id, x.category_code, x.name, x.slug, x.description_html, x.status, x.packaging_material, x.growing_area_code,
            CASE WHEN x.status = 'published' THEN now() - make_interval(hours => x.age_hours) END,
            CASE WHEN x.status = 'published' THEN now() - make_interval(hours => x.age_hours) END,
            now() - make_interval(hours => x.age_hours + 48), now() - make_interval(hours => x.age_hours)
     FROM jsonb_to_recordset($1::jsonb) AS x(seller text, category_code text, name text, slug text, description_html text,
          status text, packaging_material text, growing_area_code text, age_hours int)
     JOIN organisations o ON o.slug = x.seller`,
    [
      JSON.stringify(
        products.map((product) => ({
          seller: product.seller,
          category_code: product.categoryCode,
          name: product.name,
          slug: product.slug,
          description_html: sanitiseDescription(product.description),
          status: product.draft ? 'draft' : 'published',
          packaging_material: product.packagingMaterial,
          growing_area_code: product.growingAreaCode ?? null,
          age_hours: product.ageHours,
        })),
      ),
    ],
  );

  await manager.query(
    `INSERT INTO product_variants (product_id, organisation_id, label, sku, price, gtin, weight_grams, stock, position)
     SELECT p.id, p.organisation_id, v.label, v.sku, v.price, v.gtin, v.weight_grams, v.stock, v.position
     FROM jsonb_to_recordset($1::jsonb) AS v(product_slug text, label text, sku text, price bigint, gtin text,
          weight_grams int, stock int, position int)
     JOIN products p ON p.slug = v.product_slug`,
    [
      JSON.stringify(
        products.flatMap((product) =>
          product.variants.map((variant, position) => ({
            product_slug: product.slug,
            label: variant.label,
            sku: `${skuPrefix.get(product.seller) ?? ''}${variant.sku}`,
            price: variant.price,
            gtin: variant.gtinItem ? demoGtin(sellerIndex.get(product.seller) ?? 99, variant.gtinItem) : null,
            weight_grams: variant.weightGrams,
            stock: variant.stock,
            position,
          })),
        ),
      ),
    ],
  );

  await manager.query(
    `INSERT INTO ocop_certificates (product_id, organisation_id, stars, certificate_number, issuing_level, issuing_authority,
                                    issued_on, expires_on, status, reviewed_by, reviewed_at)
     SELECT p.id, p.organisation_id, c.stars, c.certificate_number, c.issuing_level, c.issuing_authority,
            (${TODAY_IN_VIETNAM_SQL} - make_interval(months => c.months_ago))::date,
            (${TODAY_IN_VIETNAM_SQL} - make_interval(months => c.months_ago) + interval '36 months')::date,
            'verified', $2::uuid, now() - make_interval(days => c.months_ago * 30 - 20)
     FROM jsonb_to_recordset($1::jsonb) AS c(product_slug text, stars int, certificate_number text, issuing_level text,
          issuing_authority text, months_ago int)
     JOIN products p ON p.slug = c.product_slug`,
    [
      JSON.stringify(
        products.flatMap((product) =>
          product.ocop
            ? [
                {
                  product_slug: product.slug,
                  stars: product.ocop.stars,
                  certificate_number: product.ocop.certificateNumber,
                  issuing_level: product.ocop.issuingLevel,
                  issuing_authority: product.ocop.issuingAuthority,
                  months_ago: product.ocop.issuedMonthsAgo,
                },
              ]
            : [],
        ),
      ),
      officer?.id ?? null,
    ],
  );

  await manager.query(
    `INSERT INTO quality_certificates (product_id, organisation_id, kind, certificate_number, issuer, issued_on, expires_on)
     SELECT p.id, p.organisation_id, q.kind, q.certificate_number, q.issuer,
            (${TODAY_IN_VIETNAM_SQL} - make_interval(months => q.months_ago))::date,
            (${TODAY_IN_VIETNAM_SQL} - make_interval(months => q.months_ago) + interval '36 months' - interval '1 day')::date
     FROM jsonb_to_recordset($1::jsonb) AS q(product_slug text, kind text, certificate_number text, issuer text, months_ago int)
     JOIN products p ON p.slug = q.product_slug`,
    [
      JSON.stringify(
        products.flatMap((product) =>
          (product.quality ?? []).map((certificate) => ({
            product_slug: product.slug,
            kind: certificate.kind,
            certificate_number: certificate.certificateNumber,
            issuer: certificate.issuer,
            months_ago: certificate.issuedMonthsAgo,
          })),
        ),
      ),
    ],
  );

  if (options.storage) await addPlaceholderImages(manager, options.storage, products);
  return { organisations: DEMO_SELLERS.length, products: products.length };
}

async function addPlaceholderImages(
  manager: EntityManager,
  storage: FileStorage,
  products: (DemoProduct & { slug: string })[],
): Promise<void> {
  const rows: {
    id: string;
    organisation_id: string;
    slug: string;
    name: string;
    seller_name: string;
    top_category: string;
  }[] = await manager.query(
    `SELECT p.id, p.organisation_id, p.slug, p.name, o.name AS seller_name, coalesce(c.parent_code, c.code) AS top_category
       FROM products p JOIN organisations o ON o.id = p.organisation_id JOIN product_categories c ON c.code = p.category_code
       WHERE p.slug = ANY($1::text[])`,
    [products.map((product) => product.slug)],
  );
  const images = [];
  for (const row of rows) {
    // Keyed by slug, not by product id: every fresh demo database (each test file has one) rewrites
    // the same few dozen files instead of adding new ones to the uploads directory.
    const key = `public/demo/products/${row.slug}.svg`;
    const data = Buffer.from(placeholderSvg(row.name, row.seller_name, row.top_category), 'utf8');
    await storage.put(key, data, 'image/svg+xml');
    images.push({
      product_id: row.id,
      organisation_id: row.organisation_id,
      storage_key: key,
      byte_size: data.length,
      alt_text: row.name,
    });
  }
  await manager.query(
    `INSERT INTO product_images (product_id, organisation_id, storage_key, content_type, byte_size, alt_text, position)
     SELECT i.product_id, i.organisation_id, i.storage_key, 'image/svg+xml', i.byte_size, i.alt_text, 0
     FROM jsonb_to_recordset($1::jsonb) AS i(product_id uuid, organisation_id uuid, storage_key text, byte_size int, alt_text text)`,
    [JSON.stringify(images)],
  );
}
