import { createHmac } from 'node:crypto';

/**
 * VNPay's signing rule written out independently of the `vnpay` library, so that tests prove the
 * library's signatures rather than compare it with itself: drop the hash fields and empty values,
 * sort the keys, form-encode (spaces as '+'), HMAC-SHA512, lower-case hex.
 */
export function signVnpayParams(params: Record<string, string | number>, secret: string): string {
  const query = new URLSearchParams(
    Object.entries(params)
      .filter(([key, value]) => key !== 'vnp_SecureHash' && key !== 'vnp_SecureHashType' && value !== '')
      .map(([key, value]) => [key, String(value)] as [string, string])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ).toString();
  return createHmac('sha512', secret).update(Buffer.from(query, 'utf8')).digest('hex');
}

/** The query string VNPay appends to the IPN URL and the return URL, signed. */
export function signedVnpayQuery(params: Record<string, string | number>, secret: string): Record<string, string> {
  const strings = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));
  return { ...strings, vnp_SecureHash: signVnpayParams(params, secret) };
}

/** QueryDR signs a pipe-joined list of fields in a fixed order, not the sorted query. */
export function signVnpayPipe(fields: (string | number | undefined | null)[], secret: string): string {
  const data = fields.map((field) => (field === undefined || field === null ? '' : String(field))).join('|');
  return createHmac('sha512', secret).update(Buffer.from(data, 'utf8')).digest('hex');
}
