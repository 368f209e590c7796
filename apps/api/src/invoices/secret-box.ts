import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for what sellers hand us in confidence (provider passwords, signing keys). Each
 * value gets a fresh IV; the GCM tag makes a tampered or wrongly-keyed value fail loudly instead of
 * decrypting to garbage. `context` is bound as associated data, so a ciphertext copied from one
 * organisation's row to another's does not decrypt.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** From INVOICE_CREDENTIALS_KEY: 32 bytes as 64 hex characters or base64. */
  static fromKey(encoded: string): SecretBox {
    const key = /^[0-9a-f]{64}$/i.test(encoded) ? Buffer.from(encoded, 'hex') : Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error('INVOICE_CREDENTIALS_KEY must be 32 bytes (64 hex characters or base64)');
    return new SecretBox(key);
  }

  /** Development fallback: a key derived from the JWT secret, so a demo install needs no extra setting. */
  static derivedFrom(secret: string): SecretBox {
    return new SecretBox(Buffer.from(hkdfSync('sha256', secret, 'ocop-invoices', 'invoice-credentials-v1', 32)));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string, context: string): string {
    const [version, payload] = sealed.split('.');
    if (version !== VERSION || !payload) throw new Error('Unknown sealed value format');
    const raw = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
