import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Order statuses whose lines count as sold for the best-selling sort. */
const SOLD_STATUSES = "('paid', 'cod_accepted', 'packed', 'shipped', 'delivered', 'completed')";
const TODAY_IN_VIETNAM = "(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date";
/** CERTIFICATE_KINDS of search-engine.ts, in order: bit i of `certificate_mask` is kind i. */
const CERTIFICATE_KINDS_SQL = "ARRAY['vietgap', 'globalgap', 'haccp', 'organic', 'food_safety']";
/** A certificate valid through `expires_on` stops counting at the next midnight in Vietnam. */
const END_OF_DAY = (date: string) => `((${date} + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;

/**
 * Product search (apps/api/src/search/README.md explains the design).
 *
 * - `search_documents`: one row per product the public may see, denormalised so that a query reads
 *   one table: card fields, facet columns and a weighted `tsvector` over folded text (name A,
 *   category B, seller and commune C, description D).
 * - Visibility is transactional: the triggers delete a product's document in the same transaction
 *   that unpublishes it or suspends its seller, so no search (nor the cache check) can return it
 *   after that commit. Everything else (a new product, a price, a certificate, sales) goes through
 *   `search_outbox` and is applied by the worker a moment later.
 * - `search_terms` and `search_term_variants` are the folded vocabulary and its one-deletion
 *   variants, for typo tolerance by exact B-tree lookups instead of similarity scans.
 */
export class Search1764000000900 implements MigrationInterface {
  name = 'Search1764000000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    // fold_vi() plus the i/y spelling variants (see foldForSearch in search-text.ts, its twin).
    await queryRunner.query(`
      CREATE FUNCTION search_fold(input text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT regexp_replace(fold_vi(input), '(^|[^a-z0-9])(qu|[bcdghklmnprstvx]{1,3})y(?![aeiou])', '\\1\\2i', 'g') $$`);
    await queryRunner.query(`
      CREATE FUNCTION search_html_text(html text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT regexp_replace(regexp_replace(html, '<[^>]*>', ' ', 'g'), '&#?[a-z0-9]+;', ' ', 'gi') $$`);
    // Same bands as PRICE_BANDS in search-engine.ts.
    await queryRunner.query(`
      CREATE FUNCTION search_price_band(price bigint) RETURNS smallint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT (CASE WHEN price < 100000 THEN 0 WHEN price < 200000 THEN 1 WHEN price < 500000 THEN 2
                          WHEN price < 1000000 THEN 3 ELSE 4 END)::smallint $$`);

    await queryRunner.query(`
      CREATE TABLE search_documents (
        product_id uuid PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        slug text NOT NULL,
        name text NOT NULL,
        name_folded text COLLATE "C" NOT NULL,
        name_words smallint NOT NULL,
        category_code text NOT NULL,
        category_parent text,
        category_top text NOT NULL,
        category_text text NOT NULL,
        seller_name text NOT NULL,
        seller_slug text,
        commune_code text,
        commune_name text,
        place_text text NOT NULL,
        stars smallint,
        list_price bigint NOT NULL,
        price_band smallint NOT NULL,
        certificates text[] NOT NULL,
        certificate_mask smallint NOT NULL,
        published_at timestamptz NOT NULL,
        sold_count int NOT NULL,
        image_key text,
        tsv tsvector NOT NULL,
        refresh_at timestamptz,
        indexed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // fastupdate off: a pending list would be scanned by every query until vacuum merges it, and
    // the worker's small batches gain little from it.
    await queryRunner.query(
      'CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv) WITH (fastupdate = off)',
    );
    await queryRunner.query('CREATE INDEX search_documents_organisation_idx ON search_documents (organisation_id)');
    // "C" collation: suggestions scan names by prefix in this index.
    await queryRunner.query('CREATE INDEX search_documents_name_idx ON search_documents (name_folded)');
    await queryRunner.query(
      'CREATE INDEX search_documents_refresh_idx ON search_documents (refresh_at) WHERE refresh_at IS NOT NULL',
    );
    // One per sort order (with the tie-breaker), so browsing without words reads a page off an index.
    await queryRunner.query('CREATE INDEX search_documents_price_idx ON search_documents (list_price, product_id)');
    await queryRunner.query(
      'CREATE INDEX search_documents_newest_idx ON search_documents (published_at DESC, product_id)',
    );
    await queryRunner.query(
      'CREATE INDEX search_documents_sales_idx ON search_documents (sold_count DESC, published_at DESC, product_id)',
    );
    // Every facet and filter column, category first: the counts for browsing (no words) are an
    // index-only scan of the category's range instead of a pass over the whole table (~10× less).
    await queryRunner.query(`
      CREATE INDEX search_documents_facets_idx ON search_documents
        (category_top, category_code, stars, commune_code, price_band, certificate_mask, list_price)`);

    await queryRunner.query(`
      CREATE TABLE search_outbox (
        id bigserial PRIMARY KEY,
        product_id uuid NOT NULL,
        enqueued_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Products whose rebuilt documents an engine with its own index (Meilisearch) has yet to copy.
    await queryRunner.query(`
      CREATE TABLE search_copy_queue (
        id bigserial PRIMARY KEY,
        product_id uuid NOT NULL
      )`);

    await queryRunner.query('CREATE TABLE search_terms (term text COLLATE "C" PRIMARY KEY)');
    await queryRunner.query(`
      CREATE TABLE search_term_variants (
        variant text COLLATE "C" NOT NULL,
        term text COLLATE "C" NOT NULL,
        PRIMARY KEY (variant, term)
      )`);

    // What a product's document is. Only public products appear: published, priced, and sold by an
    // organisation approved right now (the same rule as the public catalog).
    await queryRunner.query(`
      CREATE VIEW search_document_source AS
      SELECT
        p.id AS product_id,
        p.organisation_id,
        p.slug,
        p.name,
        search_fold(p.name) AS name_folded,
        length(to_tsvector('simple', search_fold(p.name)))::smallint AS name_words,
        p.category_code,
        pc.parent_code AS category_parent,
        coalesce(pc.parent_code, p.category_code) AS category_top,
        search_fold(concat_ws(' ', pc.name_vi, parent.name_vi)) AS category_text,
        o.name AS seller_name,
        o.slug AS seller_slug,
        o.commune_code,
        cm.name AS commune_name,
        search_fold(concat_ws(' ', o.name, cm.name)) AS place_text,
        CASE WHEN oc.expires_on >= ${TODAY_IN_VIETNAM} THEN oc.stars END AS stars,
        p.list_price,
        search_price_band(p.list_price) AS price_band,
        ARRAY(SELECT DISTINCT q.kind FROM quality_certificates q
              WHERE q.product_id = p.id AND q.expires_on >= ${TODAY_IN_VIETNAM} ORDER BY q.kind) AS certificates,
        -- The same kinds as bits (CERTIFICATE_KINDS order): facet counts and filters test a bit
        -- instead of searching an array on every matched row.
        (SELECT coalesce(bit_or(1 << (array_position(${CERTIFICATE_KINDS_SQL}, q.kind) - 1)), 0)::smallint FROM quality_certificates q
         WHERE q.product_id = p.id AND q.expires_on >= ${TODAY_IN_VIETNAM}) AS certificate_mask,
        p.published_at,
        (SELECT coalesce(sum(l.quantity), 0)::int
         FROM product_variants v
         JOIN seller_order_lines l ON l.variant_id = v.id
         JOIN seller_orders so ON so.id = l.seller_order_id AND so.status IN ${SOLD_STATUSES}
         WHERE v.product_id = p.id) AS sold_count,
        (SELECT i.storage_key FROM product_images i WHERE i.product_id = p.id ORDER BY i.position, i.created_at LIMIT 1) AS image_key,
        setweight(to_tsvector('simple', search_fold(p.name)), 'A')
          || setweight(to_tsvector('simple', search_fold(concat_ws(' ', pc.name_vi, parent.name_vi))), 'B')
          || setweight(to_tsvector('simple', search_fold(concat_ws(' ', o.name, cm.name))), 'C')
          || setweight(to_tsvector('simple', search_fold(left(search_html_text(p.description_html), 1000))), 'D') AS tsv,
        least(
          CASE WHEN oc.expires_on >= ${TODAY_IN_VIETNAM} THEN ${END_OF_DAY('oc.expires_on')} END,
          (SELECT min(${END_OF_DAY('q.expires_on')}) FROM quality_certificates q
           WHERE q.product_id = p.id AND q.expires_on >= ${TODAY_IN_VIETNAM})
        ) AS refresh_at
      FROM products p
      JOIN organisations o ON o.id = p.organisation_id AND o.status = 'approved'
      JOIN product_categories pc ON pc.code = p.category_code
      LEFT JOIN product_categories parent ON parent.code = pc.parent_code
      LEFT JOIN communes cm ON cm.code = o.commune_code
      LEFT JOIN ocop_certificates oc ON oc.product_id = p.id AND oc.status = 'verified'
      WHERE p.status = 'published' AND p.list_price IS NOT NULL`);

    const columns = `product_id, organisation_id, slug, name, name_folded, name_words, category_code, category_parent, category_top, category_text,
      seller_name, seller_slug, commune_code, commune_name, place_text, stars, list_price, price_band, certificates,
      certificate_mask, published_at, sold_count, image_key, tsv, refresh_at`;

    // Typo candidates come only from alphabetic words long enough to be one edit from a 5-letter word.
    await queryRunner.query(`
      CREATE FUNCTION search_add_terms(words text[]) RETURNS void LANGUAGE sql AS $$
        WITH added AS (
          INSERT INTO search_terms (term)
          SELECT DISTINCT w FROM unnest(words) AS w WHERE length(w) BETWEEN 4 AND 40 AND w ~ '^[a-z]+$'
          ON CONFLICT DO NOTHING
          RETURNING term
        )
        INSERT INTO search_term_variants (variant, term)
        SELECT DISTINCT v.variant, a.term
        FROM added a
        CROSS JOIN LATERAL (
          SELECT a.term AS variant
          UNION SELECT overlay(a.term PLACING '' FROM i FOR 1) FROM generate_series(1, length(a.term)) AS i
        ) AS v
        ON CONFLICT DO NOTHING
      $$`);

    // Called by the worker with the products it took from the outbox. Products or organisations
    // that another transaction is changing right now are skipped and handed back: that transaction
    // queues them again, and waiting here could deadlock with it. Holding FOR SHARE on the rest
    // makes a concurrent suspension wait for this commit, so its synchronous delete sees (and
    // removes) the rows written here instead of missing them.
    await queryRunner.query(`
      CREATE FUNCTION search_refresh_documents(ids uuid[]) RETURNS uuid[] LANGUAGE plpgsql AS $$
      DECLARE
        locked uuid[];
        skipped uuid[];
      BEGIN
        locked := ARRAY(
          SELECT p.id FROM products p
          WHERE p.id = ANY(ids)
            AND p.organisation_id IN (
              SELECT o.id FROM organisations o
              WHERE o.id IN (SELECT organisation_id FROM products WHERE id = ANY(ids))
              FOR SHARE SKIP LOCKED)
          FOR SHARE OF p SKIP LOCKED);
        skipped := ARRAY(SELECT p.id FROM products p WHERE p.id = ANY(ids) AND NOT (p.id = ANY(locked)));
        DELETE FROM search_documents WHERE product_id = ANY(ids) AND NOT (product_id = ANY(skipped));
        INSERT INTO search_documents (${columns})
        SELECT ${columns} FROM search_document_source WHERE product_id = ANY(locked);
        PERFORM search_add_terms(ARRAY(
          SELECT DISTINCT w FROM search_documents d, unnest(tsvector_to_array(d.tsv)) AS w WHERE d.product_id = ANY(locked)));
        RETURN skipped;
      END $$`);

    // The rebuild command: a new table filled in bulk and indexed after the fact (building a GIN
    // index at once is many times faster than inserting rows into one, and leaves no bloat), then
    // swapped in. Searches read the old table until the swap; queued changes committed before the
    // rebuild are covered by it, later ones stay in the outbox for the worker.
    await queryRunner.query(`
      CREATE FUNCTION search_rebuild_documents() RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        total int;
        index_row record;
      BEGIN
        DELETE FROM search_outbox;
        DELETE FROM search_copy_queue;
        DROP TABLE IF EXISTS search_documents_next;
        CREATE TABLE search_documents_next (LIKE search_documents INCLUDING DEFAULTS);
        INSERT INTO search_documents_next (${columns}) SELECT ${columns} FROM search_document_source;
        GET DIAGNOSTICS total = ROW_COUNT;
        ALTER TABLE search_documents_next
          ADD CONSTRAINT search_documents_next_pkey PRIMARY KEY (product_id),
          ADD CONSTRAINT search_documents_next_product_id_fkey FOREIGN KEY (product_id) REFERENCES products(id) ON DELETE CASCADE;
        FOR index_row IN
          SELECT pg_get_indexdef(x.indexrelid) AS definition FROM pg_index x
          WHERE x.indrelid = 'search_documents'::regclass AND NOT x.indisprimary
        LOOP
          EXECUTE regexp_replace(index_row.definition, '^CREATE INDEX (\\S+) ON \\S+ ', 'CREATE INDEX \\1_next ON search_documents_next ');
        END LOOP;

        -- The only moment searches wait: a few catalogue renames.
        LOCK TABLE search_documents IN ACCESS EXCLUSIVE MODE;
        DROP TABLE search_documents;
        ALTER TABLE search_documents_next RENAME TO search_documents;
        ALTER TABLE search_documents RENAME CONSTRAINT search_documents_next_pkey TO search_documents_pkey;
        ALTER TABLE search_documents RENAME CONSTRAINT search_documents_next_product_id_fkey TO search_documents_product_id_fkey;
        FOR index_row IN
          SELECT c.relname AS name FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
          WHERE x.indrelid = 'search_documents'::regclass AND c.relname LIKE '%\\_next'
        LOOP
          EXECUTE format('ALTER INDEX %I RENAME TO %I', index_row.name, left(index_row.name, -5));
        END LOOP;

        DELETE FROM search_term_variants;
        DELETE FROM search_terms;
        PERFORM search_add_terms(ARRAY(SELECT DISTINCT w FROM search_documents d, unnest(tsvector_to_array(d.tsv)) AS w));
        RETURN total;
      END $$`);

    // --- Triggers: statement-level with transition tables, so a bulk write costs one statement. ---

    await queryRunner.query(`
      CREATE FUNCTION search_products_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_outbox (product_id) SELECT id FROM new_rows WHERE status = 'published';
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION search_products_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM search_documents d USING new_rows n
        WHERE d.product_id = n.id AND (n.status <> 'published' OR n.list_price IS NULL);
        INSERT INTO search_outbox (product_id)
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.status = 'published' OR o.status = 'published')
          AND (n.name, n.slug, n.description_html, n.category_code, n.status, n.list_price, n.published_at, n.organisation_id)
              IS DISTINCT FROM (o.name, o.slug, o.description_html, o.category_code, o.status, o.list_price, o.published_at, o.organisation_id);
        RETURN NULL;
      END $$`);
    // A deleted product's document goes with it (ON DELETE CASCADE); the outbox tells Meilisearch.
    await queryRunner.query(`
      CREATE FUNCTION search_products_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_outbox (product_id) SELECT id FROM old_rows WHERE status = 'published';
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER search_products_insert AFTER INSERT ON products
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_products_inserted()`);
    await queryRunner.query(`
      CREATE TRIGGER search_products_update AFTER UPDATE ON products
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_products_updated()`);
    await queryRunner.query(`
      CREATE TRIGGER search_products_delete AFTER DELETE ON products
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_products_deleted()`);

    await queryRunner.query(`
      CREATE FUNCTION search_organisations_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM search_documents d USING new_rows n WHERE d.organisation_id = n.id AND n.status <> 'approved';
        INSERT INTO search_outbox (product_id)
        SELECT p.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN products p ON p.organisation_id = n.id AND p.status = 'published'
        WHERE (n.status, n.name, n.slug, n.commune_code) IS DISTINCT FROM (o.status, o.name, o.slug, o.commune_code);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER search_organisations_update AFTER UPDATE ON organisations
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_organisations_updated()`);

    // Certificates and images change a document but never whether it exists.
    for (const table of ['ocop_certificates', 'quality_certificates', 'product_images']) {
      for (const [event, transition, suffix] of [
        ['INSERT', 'NEW', 'inserted'],
        ['UPDATE', 'NEW', 'updated'],
        ['DELETE', 'OLD', 'deleted'],
      ] as const) {
        const fn = `search_${table}_${suffix}`;
        await queryRunner.query(`
          CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO search_outbox (product_id)
            SELECT DISTINCT r.product_id FROM changed_rows r JOIN products p ON p.id = r.product_id AND p.status = 'published';
            RETURN NULL;
          END $$`);
        await queryRunner.query(`
          CREATE TRIGGER ${fn} AFTER ${event} ON ${table}
          REFERENCING ${transition} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
    }

    // Sales feed the best-selling sort: a new line, or an order entering or leaving a sold status.
    await queryRunner.query(`
      CREATE FUNCTION search_order_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_outbox (product_id) SELECT DISTINCT product_id FROM new_rows;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER search_order_lines_insert AFTER INSERT ON seller_order_lines
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_order_lines_inserted()`);
    await queryRunner.query(`
      CREATE FUNCTION search_seller_orders_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_outbox (product_id)
        SELECT DISTINCT l.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN seller_order_lines l ON l.seller_order_id = n.id
        WHERE (n.status IN ${SOLD_STATUSES}) <> (o.status IN ${SOLD_STATUSES});
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER search_seller_orders_update AFTER UPDATE ON seller_orders
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_seller_orders_updated()`);

    // Products published before this migration.
    await queryRunner.query('SELECT search_rebuild_documents()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER search_seller_orders_update ON seller_orders');
    await queryRunner.query('DROP TRIGGER search_order_lines_insert ON seller_order_lines');
    for (const table of ['ocop_certificates', 'quality_certificates', 'product_images']) {
      for (const suffix of ['inserted', 'updated', 'deleted']) {
        await queryRunner.query(`DROP TRIGGER search_${table}_${suffix} ON ${table}`);
        await queryRunner.query(`DROP FUNCTION search_${table}_${suffix}()`);
      }
    }
    await queryRunner.query('DROP TRIGGER search_organisations_update ON organisations');
    await queryRunner.query('DROP TRIGGER search_products_delete ON products');
    await queryRunner.query('DROP TRIGGER search_products_update ON products');
    await queryRunner.query('DROP TRIGGER search_products_insert ON products');
    for (const fn of [
      'search_seller_orders_updated()',
      'search_order_lines_inserted()',
      'search_organisations_updated()',
      'search_products_deleted()',
      'search_products_updated()',
      'search_products_inserted()',
      'search_rebuild_documents()',
      'search_refresh_documents(uuid[])',
      'search_add_terms(text[])',
    ]) {
      await queryRunner.query(`DROP FUNCTION ${fn}`);
    }
    await queryRunner.query('DROP VIEW search_document_source');
    await queryRunner.query('DROP TABLE search_term_variants');
    await queryRunner.query('DROP TABLE search_terms');
    await queryRunner.query('DROP TABLE search_copy_queue');
    await queryRunner.query('DROP TABLE search_outbox');
    await queryRunner.query('DROP TABLE search_documents');
    await queryRunner.query('DROP FUNCTION search_price_band(bigint)');
    await queryRunner.query('DROP FUNCTION search_html_text(text)');
    await queryRunner.query('DROP FUNCTION search_fold(text)');
  }
}
