import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The taxonomy follows the product groups the provincial plans name ("nông sản tươi", "nông đặc
 * sản", "sản phẩm chế biến", "sản phẩm làng nghề", "thủ công mỹ nghệ", "dịch vụ du lịch cộng đồng
 * nông thôn"), split where the OCOP programme's own groups (food, beverages, herbal products,
 * textiles, souvenirs and decoration, community tourism) make a finer cut useful for browsing.
 * "Sản phẩm OCOP" is deliberately not a category: it is a certificate any product can hold, so it
 * is the stars filter, and a jar of honey is both "Mật ong" and "OCOP 4 sao".
 */
const CATEGORIES: [code: string, parent: string | null, nameVi: string, nameEn: string][] = [
  ['nong-san-tuoi', null, 'Nông sản tươi', 'Fresh farm produce'],
  ['trai-cay', 'nong-san-tuoi', 'Trái cây', 'Fruit'],
  ['rau-cu', 'nong-san-tuoi', 'Rau, củ', 'Vegetables and tubers'],
  ['nong-dac-san', null, 'Nông đặc sản', 'Agricultural specialties'],
  ['gia-vi', 'nong-dac-san', 'Gia vị', 'Spices'],
  ['che-tra', 'nong-dac-san', 'Chè, trà', 'Tea'],
  ['mat-ong', 'nong-dac-san', 'Mật ong', 'Honey'],
  ['gao-ngu-coc', 'nong-dac-san', 'Gạo, ngũ cốc', 'Rice and grains'],
  ['thao-duoc', 'nong-dac-san', 'Thảo dược, tinh dầu', 'Herbal products and essential oils'],
  ['thuc-pham-che-bien', null, 'Thực phẩm chế biến', 'Processed food'],
  ['thit-che-bien', 'thuc-pham-che-bien', 'Thịt chế biến', 'Cured and processed meat'],
  ['do-kho', 'thuc-pham-che-bien', 'Đồ khô, sấy', 'Dried food'],
  ['banh-keo-thach', 'thuc-pham-che-bien', 'Bánh, kẹo, thạch', 'Cakes, sweets and jellies'],
  ['do-uong', null, 'Đồ uống', 'Beverages'],
  ['ruou', 'do-uong', 'Rượu', 'Spirits'],
  ['nuoc-giai-khat', 'do-uong', 'Nước giải khát', 'Soft drinks and juices'],
  ['lang-nghe-thu-cong', null, 'Sản phẩm làng nghề, thủ công mỹ nghệ', 'Craft-village and handicraft products'],
  ['det-may-tho-cam', 'lang-nghe-thu-cong', 'Vải, thổ cẩm, may mặc', 'Textiles, brocade and garments'],
  ['luu-niem-trang-tri', 'lang-nghe-thu-cong', 'Lưu niệm, nội thất, trang trí', 'Souvenirs, furniture and decoration'],
  ['du-lich-cong-dong', null, 'Dịch vụ du lịch cộng đồng, nông thôn', 'Community and rural tourism services'],
];

/**
 * Products, their variants, images, OCOP and quality certificates.
 *
 * - Every seller-owned row carries `organisation_id`, and child rows reference the pair
 *   (product_id, organisation_id), so a variant or certificate can never sit under another
 *   organisation's product even if a service forgot a check.
 * - `products.list_price` (the cheapest active variant) is kept by statement-level triggers, so it is
 *   right however variants are written (the API, the demo seed, the bulk generator) and the public
 *   catalog can filter and sort on an indexed column.
 */
export class Catalog1764000000400 implements MigrationInterface {
  name = 'Catalog1764000000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE product_categories (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        parent_code text REFERENCES product_categories(code),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        sort_order int NOT NULL
      )`);
    await queryRunner.query(
      `INSERT INTO product_categories (code, parent_code, name_vi, name_en, sort_order)
       SELECT c->>0, c->>1, c->>2, c->>3, ordinality::int * 10
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(c, ordinality)`,
      [JSON.stringify(CATEGORIES)],
    );

    await queryRunner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        category_code text NOT NULL REFERENCES product_categories(code),
        name text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 200),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        search_name text GENERATED ALWAYS AS (fold_vi(name)) STORED,
        description_html text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
        packaging_material text CHECK (packaging_material IN ('plastic', 'recyclable', 'biodegradable', 'other')),
        growing_area_code text,
        list_price bigint,
        published_at timestamptz,
        first_published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT products_id_organisation_key UNIQUE (id, organisation_id),
        CONSTRAINT products_published_has_date CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX products_slug_key ON products (slug)');
    await queryRunner.query('CREATE INDEX products_organisation_idx ON products (organisation_id, created_at DESC)');
    // The public catalog reads only published rows; partial indexes keep drafts out of its way.
    await queryRunner.query(
      "CREATE INDEX products_public_newest_idx ON products (published_at DESC, id) WHERE status = 'published'",
    );
    await queryRunner.query(
      "CREATE INDEX products_public_price_idx ON products (list_price, id) WHERE status = 'published'",
    );
    await queryRunner.query(
      "CREATE INDEX products_public_name_idx ON products (search_name, id) WHERE status = 'published'",
    );
    await queryRunner.query(
      "CREATE INDEX products_public_category_idx ON products (category_code) WHERE status = 'published'",
    );
    await queryRunner.query('CREATE INDEX products_search_trgm_idx ON products USING gin (search_name gin_trgm_ops)');

    await queryRunner.query(`
      CREATE TABLE product_variants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 60),
        sku text NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
        price bigint NOT NULL CHECK (price > 0),
        gtin text CHECK (gtin ~ '^([0-9]{8}|[0-9]{12,14})$'),
        weight_grams int CHECK (weight_grams > 0),
        stock int NOT NULL DEFAULT 0 CHECK (stock >= 0),
        active boolean NOT NULL DEFAULT true,
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (product_id, organisation_id) REFERENCES products(id, organisation_id) ON DELETE CASCADE,
        -- Deferred so that one save may swap SKUs between two variants of the same organisation.
        CONSTRAINT product_variants_sku_key UNIQUE (organisation_id, sku) DEFERRABLE INITIALLY DEFERRED
      )`);
    await queryRunner.query('CREATE INDEX product_variants_product_idx ON product_variants (product_id, position)');

    await queryRunner.query(`
      CREATE FUNCTION refresh_product_list_price() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE products p
        SET list_price = (SELECT min(v.price) FROM product_variants v WHERE v.product_id = p.id AND v.active)
        WHERE p.id IN (SELECT DISTINCT product_id FROM changed_variants);
        RETURN NULL;
      END $$`);
    // Transition tables allow one event per trigger, hence three triggers on one function.
    await queryRunner.query(`
      CREATE TRIGGER product_variants_list_price_insert AFTER INSERT ON product_variants
      REFERENCING NEW TABLE AS changed_variants FOR EACH STATEMENT EXECUTE FUNCTION refresh_product_list_price()`);
    await queryRunner.query(`
      CREATE TRIGGER product_variants_list_price_update AFTER UPDATE ON product_variants
      REFERENCING NEW TABLE AS changed_variants FOR EACH STATEMENT EXECUTE FUNCTION refresh_product_list_price()`);
    await queryRunner.query(`
      CREATE TRIGGER product_variants_list_price_delete AFTER DELETE ON product_variants
      REFERENCING OLD TABLE AS changed_variants FOR EACH STATEMENT EXECUTE FUNCTION refresh_product_list_price()`);

    await queryRunner.query(`
      CREATE TABLE product_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        storage_key text NOT NULL UNIQUE,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'image/svg+xml')),
        byte_size int NOT NULL CHECK (byte_size > 0),
        alt_text text NOT NULL DEFAULT '',
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (product_id, organisation_id) REFERENCES products(id, organisation_id) ON DELETE CASCADE
      )`);
    await queryRunner.query('CREATE INDEX product_images_product_idx ON product_images (product_id, position)');

    await queryRunner.query(`
      CREATE TABLE ocop_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        stars smallint NOT NULL CHECK (stars IN (3, 4, 5)),
        certificate_number text NOT NULL,
        issuing_level text NOT NULL CHECK (issuing_level IN ('central', 'provincial')),
        issuing_authority text NOT NULL DEFAULT '',
        issued_on date NOT NULL,
        expires_on date NOT NULL,
        document_key text,
        document_content_type text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected', 'superseded')),
        rejection_reason text,
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (product_id, organisation_id) REFERENCES products(id, organisation_id) ON DELETE CASCADE,
        CONSTRAINT ocop_certificates_dates CHECK (expires_on > issued_on),
        CONSTRAINT ocop_certificates_rejection_has_reason CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL)
      )`);
    // At most one submission awaiting review (or being corrected) and one verified certificate per product.
    await queryRunner.query(
      "CREATE UNIQUE INDEX ocop_certificates_open_key ON ocop_certificates (product_id) WHERE status IN ('pending', 'rejected')",
    );
    await queryRunner.query(
      "CREATE UNIQUE INDEX ocop_certificates_verified_key ON ocop_certificates (product_id) WHERE status = 'verified'",
    );
    await queryRunner.query('CREATE INDEX ocop_certificates_queue_idx ON ocop_certificates (status, updated_at)');

    await queryRunner.query(`
      CREATE TABLE quality_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('vietgap', 'globalgap', 'haccp', 'organic', 'food_safety')),
        certificate_number text NOT NULL,
        issuer text NOT NULL DEFAULT '',
        issued_on date,
        expires_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (product_id, organisation_id) REFERENCES products(id, organisation_id) ON DELETE CASCADE,
        CONSTRAINT quality_certificates_dates CHECK (issued_on IS NULL OR expires_on > issued_on)
      )`);
    await queryRunner.query('CREATE INDEX quality_certificates_product_idx ON quality_certificates (product_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE quality_certificates');
    await queryRunner.query('DROP TABLE ocop_certificates');
    await queryRunner.query('DROP TABLE product_images');
    await queryRunner.query('DROP TABLE product_variants');
    await queryRunner.query('DROP FUNCTION refresh_product_list_price()');
    await queryRunner.query('DROP TABLE products');
    await queryRunner.query('DROP TABLE product_categories');
  }
}
