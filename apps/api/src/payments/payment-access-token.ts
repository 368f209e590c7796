import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A buyer may read a payment (status, QR code) without an account — guest checkout — by holding
 * the token returned when the payment was created. Only its SHA-256 is stored, so a database
 * leak does not reveal working tokens.
 */
export function newAccessToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashAccessToken(token) };
}

export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function accessTokenMatches(token: string | undefined, storedHash: string): boolean {
  if (!token) return false;
  const given = Buffer.from(hashAccessToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
