/** Vietnamese mobile numbers: 10 digits starting 03, 05, 07, 08 or 09, written with 0 or +84. */
const VIETNAMESE_MOBILE = /^(?:\+?84|0)([35789]\d{8})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type LoginIdentifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** Normalises phone numbers to E.164 (+84…) and emails to lower case; null when neither. */
export function parseLoginIdentifier(raw: string): LoginIdentifier | null {
  const trimmed = raw.trim();
  const phone = VIETNAMESE_MOBILE.exec(trimmed.replace(/[\s.-]/g, ''));
  if (phone) return { kind: 'phone', value: `+84${phone[1]}` };
  if (EMAIL.test(trimmed)) return { kind: 'email', value: trimmed.toLowerCase() };
  return null;
}

export function normalisePhone(raw: string): string | null {
  const parsed = parseLoginIdentifier(raw);
  return parsed?.kind === 'phone' ? parsed.value : null;
}
