/** The three regions carriers price by. Province codes are the post-2025 official ones. */
export type Region = 'north' | 'central' | 'south';

/**
 * Vietnamese carriers quote by "nội tỉnh / nội miền / liên miền". Codes up to 37 (Ninh Bình) are the
 * north, 38 (Thanh Hóa) to 68 (Lâm Đồng) the central coast and highlands, 75 (Đồng Nai) onwards the south.
 */
export function regionOfProvince(provinceCode: string): Region {
  const code = Number(provinceCode);
  if (!Number.isInteger(code) || code <= 0) throw new RangeError(`Not a province code: ${provinceCode}`);
  if (code <= 37) return 'north';
  if (code <= 68) return 'central';
  return 'south';
}

export const SHIPPING_ZONES = ['same_province', 'same_region', 'other_region'] as const;
export type ShippingZone = (typeof SHIPPING_ZONES)[number];

export function shippingZone(originProvinceCode: string, destinationProvinceCode: string): ShippingZone {
  if (originProvinceCode === destinationProvinceCode) return 'same_province';
  return regionOfProvince(originProvinceCode) === regionOfProvince(destinationProvinceCode)
    ? 'same_region'
    : 'other_region';
}
