import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U: nothing a buyer reading a code over the phone can confuse.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const ymd = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: '2-digit',
  month: '2-digit',
  day: '2-digit',
});

/** `DH261123-7KQ4M`: "đơn hàng", the business day in Vietnam, and 5 random characters (33 million a day). */
export function newOrderCode(now = new Date()): string {
  const day = ymd.format(now).replace(/-/g, '');
  let suffix = '';
  for (let i = 0; i < 5; i += 1) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `DH${day}-${suffix}`;
}
