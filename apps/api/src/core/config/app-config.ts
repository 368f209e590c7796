import { z } from 'zod';

/**
 * Every setting the API reads from the environment. Parsing happens once at start-up so that a
 * wrong value stops the process with a message naming the variable, instead of failing later.
 */
const portSchema = z.coerce.number().int().min(0).max(65_535);

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_DB_PORT: portSchema.default(54329),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  SIGN_IN_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  HOME_PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}$/, 'must be a two-digit province code')
    .default('20'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO_DATA: booleanFlag.default(true),
  WEB_ROOT: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Sàn OCOP <no-reply@ocop.local>'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.default(true),
  S3_PUBLIC_URL: z.url().optional(),
  // Payments. A method is offered only when its credentials are set (cash on delivery always is).
  VNPAY_TMN_CODE: z
    .string()
    .regex(/^[A-Z0-9]{8}$/, 'must be the 8-character VNPay terminal code')
    .optional(),
  VNPAY_SECURE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  VNPAY_HOST: z.url().default('https://sandbox.vnpayment.vn'),
  /** Host of the QueryDR/refund API when it differs from VNPAY_HOST. */
  VNPAY_API_HOST: z.url().optional(),
  VIETQR_BANK_BIN: z
    .string()
    .regex(/^\d{6}$/, 'must be the 6-digit bank identification number')
    .optional(),
  VIETQR_ACCOUNT_NUMBER: z
    .string()
    .regex(/^[0-9A-Z]{4,19}$/, 'must be 4 to 19 letters or digits')
    .optional(),
  VIETQR_ACCOUNT_NAME: z.string().min(2).max(70).optional(),
  BANK_WEBHOOK_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key')
    .optional(),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, 'must be a Stripe publishable key')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a Stripe webhook signing secret')
    .optional(),
  /** Points the Stripe client elsewhere, e.g. at the in-repo mock: http://127.0.0.1:12111 */
  STRIPE_API_BASE: z.url().optional(),
  PAYMENT_EXPIRY_MINUTES: z.coerce.number().int().min(5).max(1440).default(15),
  VIETQR_EXPIRY_MINUTES: z.coerce.number().int().min(5).max(10_080).default(60),
  /** Reconciliation and expiry sweeps; off by default under NODE_ENV=test. */
  PAYMENT_JOBS_ENABLED: booleanFlag.optional(),
  PAYMENT_JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
  VNPAY_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(1).default(10),
  // E-invoices and the outbox that issues them.
  /** AES-256-GCM key for sellers' provider credentials and signing keys: 64 hex characters or base64 of 32 bytes. */
  INVOICE_CREDENTIALS_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes: 64 hex characters or base64')
    .optional(),
  /** `MSTTCGP`: tax code of whoever operates this invoicing software; the seller's own when unset. */
  INVOICE_SOLUTION_TAX_CODE: z
    .string()
    .regex(/^\d{10}(?:-?\d{3})?$/, 'must be a 10- or 13-digit tax code')
    .optional(),
  INVOICE_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Polls `outbox_messages`; off by default under NODE_ENV=test, where tests call `runOnce()`. */
  OUTBOX_WORKER_ENABLED: booleanFlag.optional(),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
  OUTBOX_BACKOFF_BASE_SECONDS: z.coerce.number().int().positive().default(30),
  OUTBOX_BACKOFF_MAX_SECONDS: z.coerce.number().int().positive().default(3_600),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(40),
  // Product search: PostgreSQL unless MEILI_URL is set (or SEARCH_ENGINE says otherwise).
  SEARCH_ENGINE: z.enum(['postgres', 'meilisearch']).optional(),
  MEILI_URL: z.url().optional(),
  MEILI_API_KEY: z.string().min(1).optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, 'must be a Meilisearch index uid')
    .default('products'),
  /** How often the search outbox is applied; 0 turns the worker off (the default under NODE_ENV=test). */
  SEARCH_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  /** How long a search answer is reused (its items are re-checked on every use); 0 turns the cache off. */
  SEARCH_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  /** How long the KPI dashboard reuses platform figures (30 s; 0, the default under NODE_ENV=test, turns it off). */
  KPI_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
});

export type ParsedConfig = z.infer<typeof configSchema>;

/** The configuration after start-up has filled in what it derives (the database URL, the token secret). */
export type AppConfig = ParsedConfig & { DATABASE_URL: string; JWT_SECRET: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: NodeJS.ProcessEnv): ParsedConfig {
  // Empty strings are treated as "not set" so that `FOO= pnpm start` behaves like leaving FOO out.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  if (result.data.NODE_ENV === 'production' && !result.data.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required when NODE_ENV=production']);
  }
  const paymentProblems = incompletePaymentSettings(result.data);
  if (paymentProblems.length > 0) throw new ConfigError(paymentProblems);
  return result.data;
}

/** A payment method half configured would take money that nothing can confirm; say so at start-up. */
function incompletePaymentSettings(config: ParsedConfig): string[] {
  const groups: [string, (keyof ParsedConfig)[]][] = [
    ['VNPay', ['VNPAY_TMN_CODE', 'VNPAY_SECURE_SECRET']],
    ['VietQR', ['VIETQR_BANK_BIN', 'VIETQR_ACCOUNT_NUMBER', 'VIETQR_ACCOUNT_NAME', 'BANK_WEBHOOK_API_KEY']],
    ['Stripe', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']],
  ];
  return groups.flatMap(([name, keys]) => {
    const missing = keys.filter((key) => config[key] === undefined);
    return missing.length > 0 && missing.length < keys.length
      ? [`${missing.join(', ')}: required with the other ${name} settings`]
      : [];
  });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
