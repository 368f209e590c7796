import { BUSINESS_TIME_ZONE, formatBusinessDateTime } from '@ocop/shared';
import type { Language } from './i18n/translator';

const englishDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: BUSINESS_TIME_ZONE,
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** In the platform's business time zone whatever the browser's, so everyone sees the same time. */
export function formatDateTime(language: Language, instant: string): string {
  return language === 'vi' ? formatBusinessDateTime(instant) : englishDateTime.format(new Date(instant));
}

/** The API stores E.164 (`+84912345678`); people here write `0912 345 678`. */
export function formatPhone(phone: string): string {
  const national = /^\+84(\d{9})$/.exec(phone);
  if (!national?.[1]) return phone;
  const digits = `0${national[1]}`;
  return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
}
