import { BUSINESS_TIME_ZONE, formatBusinessDateTime } from '@ocop/shared';
import type { Language } from './i18n/translator';

export { formatDong } from '@ocop/shared';

const englishDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: BUSINESS_TIME_ZONE,
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** In the platform's business time zone whatever the browser's, so everyone sees the same time. */
export function formatDateTime(language: Language, instant: string): string {
  return language === 'vi' ? formatBusinessDateTime(instant) : englishDateTime.format(new Date(instant));
}

// Calendar dates (YYYY-MM-DD) are days, not instants: formatted at noon UTC so no zone moves them.
const calendarFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }),
};

export function formatCalendarDate(language: Language, date: string): string {
  return calendarFormats[language].format(new Date(`${date}T12:00:00Z`));
}

const businessDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day (YYYY-MM-DD) an instant falls on in Vietnam. */
export function businessDate(instant: Date | string): string {
  return businessDay.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** Today in Vietnam, YYYY-MM-DD. */
export function todayInVietnam(): string {
  return businessDate(new Date());
}

/** The API stores E.164 (`+84912345678`); people here write `0912 345 678`. */
export function formatPhone(phone: string): string {
  const national = /^\+84(\d{9})$/.exec(phone);
  if (!national?.[1]) return phone;
  const digits = `0${national[1]}`;
  return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
}

/** `datetime-local` inputs are in the browser's zone; the marketplace's times are Vietnam's (UTC+7, no DST). */
export function vietnamLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  return new Date(`${local}:00+07:00`).toISOString();
}

export function formatBytes(language: Language, bytes: number): string {
  const format = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${format.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format.format(bytes / 1024)} KB`;
  return `${format.format(bytes / (1024 * 1024))} MB`;
}
