import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../testing/sql.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import {
  createSeller,
  daysFromToday,
  productBody,
  publishedProduct,
  type Seller,
  setOrganisationStatus,
} from './testing/catalog-fixtures.js';

const variant = (sku: string, price: number, extra: Record<string, unknown> = {}) => ({
  label: '1 kg',
  sku,
  price,
  stock: 10,
  ...extra,
});

async function verifiedStars(api: TestApp, productId: string, organisationId: string, stars: number): Promise<void> {
  await sql(
    api.databaseUrl,
    `INSERT INTO ocop_certificates (product_id, organisation_id, stars, certificate_number, issuing_level, issued_on, expires_on, status, document_key)
     VALUES ($1, $2, $3, $4, $5, current_date - 100, current_date + 900, 'verified', 'private/ocop/x/y.pdf')`,
    [productId, organisationId, stars, `${stars}/QĐ`, stars === 5 ? 'central' : 'provincial'],
  );
}

describe('public catalog', () => {
  let api: TestApp;
  let demo: string;
  let vanQuan: Seller;
  let pendingSeller: Seller;
  let suspendedSeller: Seller;
  const slugs: Record<string, string> = {};
  const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

  beforeAll(async () => {
    api = await startTestApp();
    // Start from an empty catalog (the demo data may have loaded one) so that counts and orders are exact.
    await sql(api.databaseUrl, 'DELETE FROM products');
    demo = await api.tokenFor('seller_member');
    vanQuan = await createSeller(api, { communeCode: '06253', name: 'Hợp tác xã Hồi Văn Quan' });
    pendingSeller = await createSeller(api, { communeCode: '06253' });
    suspendedSeller = await createSeller(api, { communeCode: '06325' });

    const [demoOrg] = await sql<{ id: string }>(
      api.databaseUrl,
      "SELECT id FROM organisations WHERE slug = 'htx-nong-san-dong-kinh'",
    );
    const anise = await publishedProduct(api, vanQuan.token, {
      name: 'Hoa hồi khô',
      categoryCode: 'gia-vi',
      variants: [variant('P-HOI', 180000)],
    });
    const cinnamon = await publishedProduct(api, vanQuan.token, {
      name: 'Quế thanh',
      categoryCode: 'gia-vi',
      variants: [variant('P-QUE', 95000)],
    });
    const mandarin = await publishedProduct(api, demo, {
      name: 'Quýt vàng Bắc Sơn',
      categoryCode: 'trai-cay',
      variants: [
        variant('P-QUYT-5', 250000),
        variant('P-QUYT-1', 60000),
        variant('P-QUYT-X', 10000, { active: false }),
      ],
    });
    const jelly = await publishedProduct(api, demo, {
      name: 'Đậu phụ Đông Kinh',
      categoryCode: 'do-kho',
      variants: [variant('P-DP', 30000)],
    });
    await verifiedStars(api, anise.id, vanQuan.organisationId, 4);
    await verifiedStars(api, mandarin.id, demoOrg!.id, 3);
    Object.assign(slugs, { anise: anise.slug, cinnamon: cinnamon.slug, mandarin: mandarin.slug, jelly: jelly.slug });

    // Drafts, archived products and products of sellers that are not approved must never show.
    await api.request('POST', '/api/seller/products', {
      token: demo,
      body: productBody({ name: 'Bản nháp chưa đăng' }),
    });
    const archived = await publishedProduct(api, demo, { name: 'Sản phẩm đã lưu trữ' });
    await api.request('POST', `/api/seller/products/${archived.id}/archive`, { token: demo });
    await setOrganisationStatus(api, pendingSeller.organisationId, 'approved');
    slugs.pending = (await publishedProduct(api, pendingSeller.token, { name: 'Hàng của người chờ duyệt' })).slug;
    await setOrganisationStatus(api, pendingSeller.organisationId, 'pending');
    slugs.suspended = (await publishedProduct(api, suspendedSeller.token, { name: 'Hàng của người bị đình chỉ' })).slug;
    await setOrganisationStatus(api, suspendedSeller.organisationId, 'suspended');
  });
  afterAll(() => api.close());

  it('lists only published products of approved sellers, newest first, with the cheapest active price', async () => {
    const response = await api.request('GET', '/api/catalog/products');
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(4);
    expect(names(response.body)).toEqual(['Đậu phụ Đông Kinh', 'Quýt vàng Bắc Sơn', 'Quế thanh', 'Hoa hồi khô']);
    const mandarin = response.body.items[1];
    expect(mandarin).toMatchObject({
      slug: slugs.mandarin,
      listPrice: 60000,
      categoryCode: 'trai-cay',
      categoryName: 'Trái cây',
      ocopStars: 3,
      ocopExpired: false,
      seller: {
        slug: 'htx-nong-san-dong-kinh',
        name: 'Hợp tác xã Nông sản Đông Kinh',
        commune: { code: '05977', name: 'Phường Đông Kinh' },
      },
    });
  });

  it('never shows a product of a pending or suspended seller, nor drafts, anywhere', async () => {
    for (const slug of [slugs.pending, slugs.suspended]) {
      expect((await api.request('GET', `/api/catalog/products/${slug}`)).status).toBe(404);
    }
    expect((await api.request('GET', `/api/catalog/sellers/${pendingSeller.slug}`)).status).toBe(404);
    expect((await api.request('GET', `/api/catalog/sellers/${suspendedSeller.slug}`)).status).toBe(404);
    expect((await api.request('GET', `/api/catalog/products?seller=${suspendedSeller.slug}`)).body.total).toBe(0);
    const all = await api.request('GET', '/api/catalog/products?pageSize=100&q=hang');
    expect(all.body.total).toBe(0);
    const categories = await api.request('GET', '/api/catalog/categories');
    const total = categories.body
      .filter((c: { parentCode: string | null }) => c.parentCode === null)
      .reduce((sum: number, c: { productCount: number }) => sum + c.productCount, 0);
    expect(total).toBe(4);
  });

  it('hides a seller’s products the moment it is suspended, and shows them again when reinstated', async () => {
    await setOrganisationStatus(api, vanQuan.organisationId, 'suspended');
    try {
      expect((await api.request('GET', `/api/catalog/products/${slugs.anise}`)).status).toBe(404);
      expect(names((await api.request('GET', '/api/catalog/products')).body)).toEqual([
        'Đậu phụ Đông Kinh',
        'Quýt vàng Bắc Sơn',
      ]);
      expect((await api.request('GET', `/api/catalog/sellers/${vanQuan.slug}`)).status).toBe(404);
    } finally {
      await setOrganisationStatus(api, vanQuan.organisationId, 'approved');
    }
    expect((await api.request('GET', `/api/catalog/products/${slugs.anise}`)).status).toBe(200);
  });

  it('filters by category (a parent includes its subcategories), stars, commune, price and name', async () => {
    const query = async (qs: string) => names((await api.request('GET', `/api/catalog/products?sort=name&${qs}`)).body);
    expect(await query('category=gia-vi')).toEqual(['Hoa hồi khô', 'Quế thanh']);
    expect(await query('category=nong-dac-san')).toEqual(['Hoa hồi khô', 'Quế thanh']);
    expect(await query('category=thuc-pham-che-bien')).toEqual(['Đậu phụ Đông Kinh']);
    expect(await query('category=khong-co')).toEqual([]);
    expect(await query('stars=4')).toEqual(['Hoa hồi khô']);
    expect(await query('stars=3,4,5')).toEqual(['Hoa hồi khô', 'Quýt vàng Bắc Sơn']);
    expect(await query('stars=3&stars=4')).toEqual(['Hoa hồi khô', 'Quýt vàng Bắc Sơn']);
    expect(await query('commune=06253')).toEqual(['Hoa hồi khô', 'Quế thanh']);
    expect(await query('priceMin=60000&priceMax=100000')).toEqual(['Quế thanh', 'Quýt vàng Bắc Sơn']);
    expect(await query('priceMax=59999')).toEqual(['Đậu phụ Đông Kinh']);
    expect(await query(`q=${encodeURIComponent('quyt bac son')}`)).toEqual(['Quýt vàng Bắc Sơn']);
    expect(await query(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await query(`seller=${vanQuan.slug}&stars=4`)).toEqual(['Hoa hồi khô']);
  });

  it('sorts by price, by name (đ with d) and newest, and pages with a total', async () => {
    const order = async (sort: string) => names((await api.request('GET', `/api/catalog/products?sort=${sort}`)).body);
    expect(await order('price_asc')).toEqual(['Đậu phụ Đông Kinh', 'Quýt vàng Bắc Sơn', 'Quế thanh', 'Hoa hồi khô']);
    expect(await order('price_desc')).toEqual(['Hoa hồi khô', 'Quế thanh', 'Quýt vàng Bắc Sơn', 'Đậu phụ Đông Kinh']);
    expect(await order('name')).toEqual(['Đậu phụ Đông Kinh', 'Hoa hồi khô', 'Quế thanh', 'Quýt vàng Bắc Sơn']);
    const second = await api.request('GET', '/api/catalog/products?sort=price_asc&page=2&pageSize=3');
    expect(second.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(names(second.body)).toEqual(['Hoa hồi khô']);
    const beyond = await api.request('GET', '/api/catalog/products?page=9');
    expect(beyond.body).toMatchObject({ total: 4, items: [] });
  });

  it('answers a bad query with a 400 per field', async () => {
    for (const [qs, field] of [
      ['stars=2', 'stars'],
      ['stars=four', 'stars'],
      ['priceMin=-1', 'priceMin'],
      ['priceMin=10.5', 'priceMin'],
      ['priceMin=500&priceMax=100', 'priceMax'],
      ['sort=cheapest', 'sort'],
      ['commune=123', 'commune'],
      ['pageSize=1000', 'pageSize'],
      ['page=0', 'page'],
      ['category=Gia%20Vi', 'category'],
    ]) {
      const response = await api.request('GET', `/api/catalog/products?${qs}`);
      expect(response.status, qs).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(
        response.body.fields.map((f: { field: string }) => f.field),
        qs,
      ).toContain(field);
    }
  });

  it('shows a product’s detail: active variants, verified stars, seller with commune name', async () => {
    const response = await api.request('GET', `/api/catalog/products/${slugs.mandarin}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Quýt vàng Bắc Sơn',
      listPrice: 60000,
      descriptionHtml: '<p>Hồi <strong>vụ thu</strong>, phơi nắng tự nhiên.</p>',
      ocop: { stars: 3, expired: false, issuingLevel: 'provincial', expiresOn: daysFromToday(900) },
      seller: {
        slug: 'htx-nong-san-dong-kinh',
        legalType: 'cooperative',
        commune: { code: '05977', name: 'Phường Đông Kinh' },
      },
      images: [],
      qualityCertificates: [],
    });
    expect(
      response.body.variants.map((v: { sku: string; price: number; inStock: boolean }) => [v.sku, v.price, v.inStock]),
    ).toEqual([
      ['P-QUYT-5', 250000, true],
      ['P-QUYT-1', 60000, true],
    ]);
    expect(response.body).not.toHaveProperty('organisationId');
    expect((await api.request('GET', '/api/catalog/products/khong-ton-tai')).status).toBe(404);
  });

  it('shows a seller’s shop page with its story, commune and products', async () => {
    const response = await api.request('GET', `/api/catalog/sellers/${vanQuan.slug}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Hợp tác xã Hồi Văn Quan',
      legalType: 'household_business',
      story: 'Hộ kinh doanh trồng hồi ba đời ở Văn Quan.',
      commune: { code: '06253', name: 'Xã Văn Quan' },
      productCount: 2,
    });
    expect(response.body.products.map((p: { name: string }) => p.name)).toEqual(['Quế thanh', 'Hoa hồi khô']);
  });

  it('lists the taxonomy in Vietnamese and English with public counts', async () => {
    const response = await api.request('GET', '/api/catalog/categories');
    expect(response.status).toBe(200);
    const byCode = new Map(response.body.map((c: { code: string }) => [c.code, c]));
    expect(byCode.get('nong-dac-san')).toEqual({
      code: 'nong-dac-san',
      parentCode: null,
      nameVi: 'Nông đặc sản',
      nameEn: 'Agricultural specialties',
      productCount: 2,
    });
    expect(byCode.get('trai-cay')).toMatchObject({ parentCode: 'nong-san-tuoi', nameVi: 'Trái cây', productCount: 1 });
    expect(byCode.get('du-lich-cong-dong')).toMatchObject({
      nameEn: 'Community and rural tourism services',
      productCount: 0,
    });
  });
});
