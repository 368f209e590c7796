import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money given back for a refunded seller order. One refund per seller order (a repeated hook or a
 * retried request finds the first). `payments.refund_owed` is what was promised back and not yet
 * confirmed by the provider, `payments.amount_refunded` what was; the check on payments keeps their
 * sum within what was captured, so no refund can ever exceed the money received. No foreign key to
 * seller_orders, like payments: the money record outlives a purged order.
 */
export class PaymentRefunds1764000005000 implements MigrationInterface {
  name = 'PaymentRefunds1764000005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE payments
        ADD COLUMN refund_owed bigint NOT NULL DEFAULT 0 CHECK (refund_owed >= 0),
        ADD COLUMN amount_refunded bigint NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0),
        ADD CONSTRAINT payments_refunds_within_received CHECK (refund_owed + amount_refunded <= amount_received)`);
    await queryRunner.query(`
      CREATE TABLE payment_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments(id),
        seller_order_id uuid NOT NULL UNIQUE,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'succeeded', 'failed', 'manual')),
        provider_reference text,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        requested_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT payment_refunds_done_has_time CHECK (status <> 'succeeded' OR completed_at IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id, requested_at)');
    // The retry sweep reads only refunds still waiting for their provider.
    await queryRunner.query(
      "CREATE INDEX payment_refunds_due_idx ON payment_refunds (next_attempt_at) WHERE status = 'requested'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payment_refunds');
    await queryRunner.query(
      'ALTER TABLE payments DROP CONSTRAINT payments_refunds_within_received, DROP COLUMN refund_owed, DROP COLUMN amount_refunded',
    );
  }
}
