import { sql } from '../../testing/sql.js';

export { sql };
import { randomUUID } from 'node:crypto';

/** Test credentials. Tests assert that none of them ever shows up in a response or a stored payload. */
export const TEST_SECRETS = {
  vnpaySecret: 'VNPAYTESTSECRET0123456789ABCDEFG',
  bankWebhookKey: 'bank-feed-key-9f8e7d6c5b4a3210',
  stripeSecretKey: 'sk_test_51MockKey0123456789',
  stripeWebhookSecret: 'whsec_mockSigningSecret0123456789',
} as const;

export const TEST_TMN_CODE = 'OCOPTEST';
export const COLLECTION_ACCOUNT = { bin: '970436', number: '0011004123456', name: 'SAN OCOP TINH LANG SON' } as const;

/** Environment that turns on every payment method, pointed at local stand-ins. */
export function paymentTestEnv(
  options: { vnpayApiHost?: string; stripeApiBase?: string } = {},
): Record<string, string> {
  return {
    VNPAY_TMN_CODE: TEST_TMN_CODE,
    VNPAY_SECURE_SECRET: TEST_SECRETS.vnpaySecret,
    // Nothing must ever be sent to VNPay's real host from a test: QueryDR goes to the stub or nowhere.
    VNPAY_API_HOST: options.vnpayApiHost ?? 'http://127.0.0.1:9',
    VIETQR_BANK_BIN: COLLECTION_ACCOUNT.bin,
    VIETQR_ACCOUNT_NUMBER: COLLECTION_ACCOUNT.number,
    VIETQR_ACCOUNT_NAME: COLLECTION_ACCOUNT.name,
    BANK_WEBHOOK_API_KEY: TEST_SECRETS.bankWebhookKey,
    STRIPE_SECRET_KEY: TEST_SECRETS.stripeSecretKey,
    STRIPE_WEBHOOK_SECRET: TEST_SECRETS.stripeWebhookSecret,
    STRIPE_PUBLISHABLE_KEY: 'pk_test_51MockPublishable',
    STRIPE_API_BASE: options.stripeApiBase ?? 'http://127.0.0.1:9',
  };
}

export const newOrderId = (): string => randomUUID();

/** Fails when any test secret appears in the text (a response, a stored payload, a log). */
export function leakedSecrets(text: string): string[] {
  return Object.values(TEST_SECRETS).filter((secret) => text.includes(secret));
}
