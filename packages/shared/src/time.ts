/** Business time zone of the platform: times are stored in UTC and shown in this zone. */
export const BUSINESS_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: BUSINESS_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});

export function formatBusinessDateTime(instant: Date | string): string {
  return dateTimeFormat.format(typeof instant === 'string' ? new Date(instant) : instant);
}
