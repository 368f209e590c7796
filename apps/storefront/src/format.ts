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

// Calendar dates (a certificate's expiry) carry no time zone: formatted as the UTC day they name.
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium' }),
};

/** `2027-03-31` → `31/03/2027` or `31 Mar 2027`. */
export function formatDate(language: Language, date: string): string {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dateFormats[language].format(parsed);
}

/** The API stores E.164 (`+84912345678`); people here write `0912 345 678`. */
export function formatPhone(phone: string): string {
  const national = /^(?:\+84|0)(\d{9})$/.exec(phone);
  if (!national?.[1]) return phone;
  const digits = `0${national[1]}`;
  return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
}
