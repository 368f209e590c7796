import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Traceability: batches (lots) of a product, the events of each batch as a hash chain, their
 * photos, and every scan of a batch's QR code.
 *
 * The record is evidence, so the database keeps it intact whatever the application does:
 * - events can only be appended; UPDATE, DELETE and TRUNCATE are refused, and an insert must extend
 *   the chain exactly (next sequence number, previous hash = the batch's head);
 * - a batch's recorded facts are frozen at creation (its hash is the chain's first link); only the
 *   head kept by the event trigger moves, and the variant link may be cleared if the variant goes;
 * - batches can only be made for products that were once published, which the catalog never
 *   deletes, so no cascade ever needs to remove trace rows.
 */
export class Traceability1764000000450 implements MigrationInterface {
  name = 'Traceability1764000000450';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trace_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        variant_id uuid REFERENCES product_variants(id) ON DELETE SET NULL,
        code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
        lot text NOT NULL CHECK (lot ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,19}$'),
        gtin text CHECK (gtin ~ '^[0-9]{14}$'),
        harvested_on date,
        produced_on date,
        expires_on date,
        quantity numeric(14, 3) NOT NULL CHECK (quantity > 0),
        unit text NOT NULL CHECK (unit IN ('kg', 'g', 't', 'l', 'ml', 'piece', 'bag', 'box', 'bottle', 'jar')),
        origin_commune_code text NOT NULL REFERENCES communes(code),
        growing_area_code text CHECK (char_length(growing_area_code) BETWEEN 2 AND 40),
        standards jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(standards) = 'array'),
        notes text NOT NULL DEFAULT '',
        record_hash text NOT NULL CHECK (record_hash ~ '^[0-9a-f]{64}$'),
        head_hash text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
        event_count int NOT NULL DEFAULT 0 CHECK (event_count >= 0),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        FOREIGN KEY (product_id, organisation_id) REFERENCES products(id, organisation_id),
        CONSTRAINT trace_batches_id_organisation_key UNIQUE (id, organisation_id),
        CONSTRAINT trace_batches_product_lot_key UNIQUE (product_id, lot),
        CONSTRAINT trace_batches_has_date CHECK (harvested_on IS NOT NULL OR produced_on IS NOT NULL),
        CONSTRAINT trace_batches_expiry_after_date CHECK (expires_on IS NULL OR expires_on >= coalesce(produced_on, harvested_on))
      )`);
    // A Digital Link names a batch by (GTIN, lot) alone, so that pair must be unique platform-wide.
    await queryRunner.query(
      'CREATE UNIQUE INDEX trace_batches_digital_link_key ON trace_batches (gtin, lot) WHERE gtin IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX trace_batches_organisation_idx ON trace_batches (organisation_id, created_at DESC)',
    );
    await queryRunner.query('CREATE INDEX trace_batches_product_idx ON trace_batches (product_id, created_at DESC)');

    await queryRunner.query(`
      CREATE FUNCTION trace_batches_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'trace batches are kept for good: DELETE refused on batch %', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (NEW.id, NEW.product_id, NEW.organisation_id, NEW.code, NEW.lot, NEW.gtin, NEW.harvested_on, NEW.produced_on,
            NEW.expires_on, NEW.quantity, NEW.unit, NEW.origin_commune_code, NEW.growing_area_code, NEW.standards, NEW.notes,
            NEW.record_hash, NEW.created_by, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.product_id, OLD.organisation_id, OLD.code, OLD.lot, OLD.gtin, OLD.harvested_on, OLD.produced_on,
            OLD.expires_on, OLD.quantity, OLD.unit, OLD.origin_commune_code, OLD.growing_area_code, OLD.standards, OLD.notes,
            OLD.record_hash, OLD.created_by, OLD.created_at) THEN
          RAISE EXCEPTION 'the recorded facts of trace batch % cannot be changed', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.variant_id IS DISTINCT FROM OLD.variant_id AND NEW.variant_id IS NOT NULL THEN
          RAISE EXCEPTION 'the variant of trace batch % can only be cleared', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        -- The head moves only from trace_events_extend_chain, i.e. one trigger level down.
        IF (NEW.event_count, NEW.head_hash) IS DISTINCT FROM (OLD.event_count, OLD.head_hash) AND pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'the head of trace batch % moves only when an event is appended', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trace_batches_guard BEFORE UPDATE OR DELETE ON trace_batches
      FOR EACH ROW EXECUTE FUNCTION trace_batches_guard()`);

    await queryRunner.query(`
      CREATE TABLE trace_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('batch', 'evidence')),
        storage_key text NOT NULL UNIQUE,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
        byte_size int NOT NULL CHECK (byte_size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (batch_id, organisation_id) REFERENCES trace_batches(id, organisation_id)
      )`);
    await queryRunner.query('CREATE INDEX trace_photos_batch_idx ON trace_photos (batch_id, purpose, created_at)');
    // Evidence is cited (by hash) from events, so it stays; a batch's gallery photos may be removed.
    await queryRunner.query(`
      CREATE FUNCTION trace_photos_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' OR OLD.purpose = 'evidence' THEN
          RAISE EXCEPTION 'trace photo % cannot be % (evidence is kept as recorded)', OLD.id, lower(TG_OP) || 'd'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trace_photos_guard BEFORE UPDATE OR DELETE ON trace_photos
      FOR EACH ROW EXECUTE FUNCTION trace_photos_guard()`);

    await queryRunner.query(`
      CREATE TABLE trace_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        seq int NOT NULL CHECK (seq > 0),
        kind text NOT NULL CHECK (kind IN ('planting', 'harvesting', 'processing', 'packing', 'shipping', 'receiving', 'inspecting')),
        occurred_at timestamptz NOT NULL,
        commune_code text REFERENCES communes(code),
        place_name text NOT NULL DEFAULT '',
        actor_name text NOT NULL CHECK (char_length(actor_name) BETWEEN 2 AND 200),
        inputs jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(inputs) = 'array'),
        outputs jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(outputs) = 'array'),
        notes text NOT NULL DEFAULT '',
        evidence jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(evidence) = 'array'),
        corrects_event_id uuid,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        FOREIGN KEY (batch_id, organisation_id) REFERENCES trace_batches(id, organisation_id),
        CONSTRAINT trace_events_batch_seq_key UNIQUE (batch_id, seq),
        CONSTRAINT trace_events_id_batch_key UNIQUE (id, batch_id),
        -- A correction points at an earlier event of the same batch, never of another one.
        FOREIGN KEY (corrects_event_id, batch_id) REFERENCES trace_events(id, batch_id)
      )`);

    await queryRunner.query(`
      CREATE FUNCTION trace_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'trace events are append-only: % refused (record a correcting event instead)', TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trace_events_append_only BEFORE UPDATE OR DELETE ON trace_events
      FOR EACH ROW EXECUTE FUNCTION trace_events_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER trace_events_no_truncate BEFORE TRUNCATE ON trace_events
      FOR EACH STATEMENT EXECUTE FUNCTION trace_events_refuse_change()`);

    // The hash itself is computed by the application (canonical JSON); the database makes sure each
    // new event hangs off the current head and moves the head, under the batch's row lock.
    await queryRunner.query(`
      CREATE FUNCTION trace_events_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        batch record;
      BEGIN
        SELECT event_count, head_hash INTO batch FROM trace_batches WHERE id = NEW.batch_id FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no trace batch %', NEW.batch_id USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF NEW.seq <> batch.event_count + 1 OR NEW.prev_hash <> batch.head_hash THEN
          RAISE EXCEPTION 'event % does not extend the chain of batch % (expected sequence %)', NEW.seq, NEW.batch_id,
            batch.event_count + 1 USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        UPDATE trace_batches SET event_count = NEW.seq, head_hash = NEW.hash WHERE id = NEW.batch_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trace_events_extend_chain BEFORE INSERT ON trace_events
      FOR EACH ROW EXECUTE FUNCTION trace_events_extend_chain()`);

    // Scans are counted for the traceability KPI. No IP address or device id is kept; a location is
    // stored only when the visitor chose to share it, already rounded to about a kilometre.
    await queryRunner.query(`
      CREATE TABLE trace_scans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES trace_batches(id),
        product_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        via text NOT NULL CHECK (via IN ('short_link', 'digital_link', 'app')),
        scanned_at timestamptz NOT NULL DEFAULT now(),
        latitude numeric(5, 2) CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(6, 2) CHECK (longitude BETWEEN -180 AND 180),
        location_shared_at timestamptz,
        CONSTRAINT trace_scans_location_whole CHECK (
          (latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL) = (location_shared_at IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX trace_scans_time_idx ON trace_scans (scanned_at)');
    await queryRunner.query('CREATE INDEX trace_scans_batch_idx ON trace_scans (batch_id, scanned_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE trace_scans');
    await queryRunner.query('DROP TABLE trace_events');
    await queryRunner.query('DROP FUNCTION trace_events_extend_chain()');
    await queryRunner.query('DROP FUNCTION trace_events_refuse_change()');
    await queryRunner.query('DROP TABLE trace_photos');
    await queryRunner.query('DROP FUNCTION trace_photos_guard()');
    await queryRunner.query('DROP TABLE trace_batches');
    await queryRunner.query('DROP FUNCTION trace_batches_guard()');
  }
}
