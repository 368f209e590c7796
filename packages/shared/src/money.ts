/** Money is a whole number of đồng everywhere; these helpers refuse anything else. */
export type Dong = number;

export function assertDong(value: number): Dong {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of đồng: ${value}`);
  return value;
}

const vndFormat = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

/** `1250000` → `1.250.000 ₫` */
export function formatDong(value: Dong): string {
  return vndFormat.format(assertDong(value));
}
