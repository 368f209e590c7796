import { BUSINESS_TIME_ZONE } from '@ocop/shared';

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Ho_Chi_Minh, as `YYYY-MM-DD` (the format of `NLap`). */
export function businessDate(instant: Date): string {
  return dateParts.format(instant);
}

/** `YYYY-MM-DDThh:mm:ss` in Asia/Ho_Chi_Minh, the XML's date-time format (signing time). */
export function businessDateTime(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: BUSINESS_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

/** `15/03/2026` */
export function displayDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** `15/03/2026 10:21:05` in Asia/Ho_Chi_Minh, as printed on the copy. */
export function displayDateTime(instant: Date): string {
  const [date, time] = businessDateTime(instant).split('T');
  return `${displayDate(date ?? '')} ${time ?? ''}`;
}
