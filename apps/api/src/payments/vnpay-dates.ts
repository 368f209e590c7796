/**
 * VNPay dates are yyyyMMddHHmmss on the Vietnamese wall clock (GMT+7, no daylight saving). The
 * `vnpay` library's `dateFormat(getDateInGMT7(d))` is right only when the process runs in UTC; these
 * use UTC getters on a shifted instant, so the result is the same whatever TZ the server has.
 */
const GMT7_OFFSET_MS = 7 * 60 * 60 * 1000;

export function toVnpayDate(instant: Date): number {
  const shifted = new Date(instant.getTime() + GMT7_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return Number(
    `${shifted.getUTCFullYear()}${pad(shifted.getUTCMonth() + 1)}${pad(shifted.getUTCDate())}` +
      `${pad(shifted.getUTCHours())}${pad(shifted.getUTCMinutes())}${pad(shifted.getUTCSeconds())}`,
  );
}

/** The instant a VNPay date denotes, or null when the value is not one. */
export function fromVnpayDate(value: string | number | undefined | null): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(String(value ?? ''));
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - GMT7_OFFSET_MS;
  const date = new Date(utc);
  // Reject impossible dates such as 20261345…, which Date.UTC would silently roll over.
  return toVnpayDate(date) === Number(match[0]) ? date : null;
}
