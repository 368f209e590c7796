import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-invoices per seller order, the sellers' invoice settings, gap-free numbering, and a general
 * outbox that carries side effects (issuing an invoice first) out of the transaction that caused them.
 */
export class Invoices1764000000700 implements MigrationInterface {
  name = 'Invoices1764000000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Written in the caller's transaction, done later by a worker with retries; the idempotency key
    // makes "write it again" harmless.
    await queryRunner.query(`
      CREATE TABLE outbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        topic text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        idempotency_key text NOT NULL UNIQUE,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        done_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at) WHERE done_at IS NULL AND failed_at IS NULL',
    );

    await queryRunner.query(`
      CREATE TABLE invoice_settings (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
        provider text NOT NULL CHECK (provider IN ('builtin', 'viettel', 'vnpt')),
        form_number smallint NOT NULL CHECK (form_number IN (1, 2)),
        symbol text NOT NULL CHECK (symbol ~ '^[CK][0-9]{2}[TDLMNBGH][A-Z]{2}$'),
        issue_trigger text NOT NULL CHECK (issue_trigger IN ('on_payment', 'on_delivery')),
        provider_base_url text,
        provider_template_code text,
        credentials_sealed text,
        certificate_sealed text,
        certificate_subject text,
        certificate_serial text,
        certificate_valid_from timestamptz,
        certificate_valid_to timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // One row per seller, form, symbol and year; incremented under its row lock in the transaction
    // that issues, so a rolled-back issue gives its number back and two issues never share one.
    await queryRunner.query(`
      CREATE TABLE invoice_number_sequences (
        seller_organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        form_number smallint NOT NULL,
        symbol text NOT NULL,
        year smallint NOT NULL,
        last_number integer NOT NULL CHECK (last_number BETWEEN 1 AND 99999999),
        last_issue_date date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (seller_organisation_id, form_number, symbol, year)
      )`);

    await queryRunner.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_organisation_id uuid NOT NULL REFERENCES organisations(id),
        source_type text NOT NULL CHECK (source_type IN ('seller_order')),
        source_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('original', 'adjustment', 'replacement')),
        request_key text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('queued', 'issuing', 'issued', 'failed', 'replaced', 'adjusted', 'cancelled')),
        form_number smallint CHECK (form_number IN (1, 2)),
        symbol text,
        number integer CHECK (number BETWEEN 1 AND 99999999),
        issue_date date,
        transaction_at timestamptz NOT NULL,
        seller jsonb,
        buyer jsonb NOT NULL,
        lines jsonb NOT NULL,
        payment_method text NOT NULL,
        totals_by_rate jsonb NOT NULL,
        total_before_vat bigint NOT NULL,
        total_vat bigint NOT NULL,
        total_payable bigint NOT NULL,
        amount_in_words text NOT NULL,
        lookup_code text NOT NULL UNIQUE,
        xml text,
        signed boolean NOT NULL DEFAULT false,
        signed_by text,
        provider text CHECK (provider IN ('builtin', 'viettel', 'vnpt')),
        provider_transaction_id text,
        provider_reference text,
        related_invoice_id uuid REFERENCES invoices(id),
        relation_type text CHECK (relation_type IN ('adjusts', 'replaces')),
        note text,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text,
        issued_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'original') = (related_invoice_id IS NULL)),
        CHECK ((relation_type IS NULL) = (related_invoice_id IS NULL)),
        CHECK ((number IS NOT NULL) = (status IN ('issued', 'replaced', 'adjusted')))
      )`);
    // One invoice per seller order; adjustments and replacements hang off it through related_invoice_id.
    await queryRunner.query(
      "CREATE UNIQUE INDEX invoices_source_key ON invoices (source_type, source_id) WHERE kind = 'original'",
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX invoices_number_key ON invoices (seller_organisation_id, form_number, symbol, number) WHERE number IS NOT NULL',
    );
    await queryRunner.query('CREATE INDEX invoices_seller_idx ON invoices (seller_organisation_id, created_at DESC)');
    await queryRunner.query('CREATE INDEX invoices_created_idx ON invoices (created_at)');
    await queryRunner.query(
      'CREATE INDEX invoices_related_idx ON invoices (related_invoice_id) WHERE related_invoice_id IS NOT NULL',
    );

    // What the KPI module joins with seller orders: one row per order that asked for an invoice.
    await queryRunner.query(`
      CREATE VIEW invoice_coverage AS
      SELECT source_type, source_id, seller_organisation_id, status, created_at AS requested_at, issued_at,
             CASE WHEN status IN ('issued', 'replaced', 'adjusted') THEN 'issued'
                  WHEN status = 'cancelled' THEN 'cancelled'
                  ELSE 'waiting' END AS coverage
      FROM invoices WHERE kind = 'original'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW invoice_coverage');
    await queryRunner.query('DROP TABLE invoices');
    await queryRunner.query('DROP TABLE invoice_number_sequences');
    await queryRunner.query('DROP TABLE invoice_settings');
    await queryRunner.query('DROP TABLE outbox_messages');
  }
}
