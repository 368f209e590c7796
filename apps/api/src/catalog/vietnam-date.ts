const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's date in Vietnam as YYYY-MM-DD. Certificates expire at the end of a Vietnamese calendar
 * day, so "expired" must not depend on the server's time zone (UTC is 7 hours behind).
 */
export function todayInVietnam(now: Date = new Date()): string {
  return formatter.format(now);
}

/** A certificate is valid through its expiry date, inclusive. */
export function isExpired(expiresOn: string, today: string = todayInVietnam()): boolean {
  return expiresOn < today;
}
