import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments and every provider callback received. `customer_order_id` has no foreign key yet: the
 * orders capability adds it once its table exists. Capturing happens only from `pending`, under a
 * row lock, so a repeated or concurrent callback can never count the money twice.
 */
export class Payments1764000000600 implements MigrationInterface {
  name = 'Payments1764000000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_order_id uuid NOT NULL,
        method text NOT NULL CHECK (method IN ('vnpay', 'vietqr', 'card', 'cod')),
        is_cash boolean GENERATED ALWAYS AS (method = 'cod') STORED,
        amount bigint NOT NULL CHECK (amount > 0),
        currency text NOT NULL DEFAULT 'VND' CHECK (currency = 'VND'),
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'succeeded', 'failed', 'expired', 'cancelled')),
        reference text NOT NULL UNIQUE,
        provider_reference text UNIQUE,
        provider_transaction_id text,
        amount_received bigint NOT NULL DEFAULT 0 CHECK (amount_received >= 0),
        flags text[] NOT NULL DEFAULT '{}',
        failure_code text,
        failure_message text,
        instructions jsonb,
        access_token_hash text NOT NULL,
        paid_at timestamptz,
        expires_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_paid_has_time CHECK (status <> 'succeeded' OR paid_at IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX payments_order_idx ON payments (customer_order_id, created_at)');
    // The reconciliation and expiry sweeps read only pending rows.
    await queryRunner.query(
      "CREATE INDEX payments_pending_idx ON payments (method, created_at) WHERE status = 'pending'",
    );
    // The non-cash share is computed over succeeded payments by the day they were paid.
    await queryRunner.query("CREATE INDEX payments_paid_idx ON payments (paid_at) WHERE status = 'succeeded'");
    await queryRunner.query("CREATE INDEX payments_flagged_idx ON payments (updated_at) WHERE flags <> '{}'");

    await queryRunner.query(`
      CREATE TABLE payment_callbacks (
        id bigserial PRIMARY KEY,
        source text NOT NULL CHECK (source IN ('vnpay_ipn', 'vnpay_querydr', 'bank_transfer', 'stripe')),
        payment_id uuid REFERENCES payments(id) ON DELETE SET NULL,
        payload jsonb NOT NULL,
        signature_valid boolean NOT NULL,
        outcome text NOT NULL,
        amount bigint,
        dedupe_key text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX payment_callbacks_dedupe_key ON payment_callbacks (dedupe_key) WHERE dedupe_key IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX payment_callbacks_payment_idx ON payment_callbacks (payment_id, received_at)',
    );
    await queryRunner.query(
      'CREATE INDEX payment_callbacks_outcome_idx ON payment_callbacks (source, outcome, received_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payment_callbacks');
    await queryRunner.query('DROP TABLE payments');
  }
}
