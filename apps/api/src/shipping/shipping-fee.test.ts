import { describe, expect, it } from 'vitest';
import { regionOfProvince, shippingZone } from './regions.js';
import { DEFAULT_SHIPPING_RULE, type ShippingRule, shippingFee } from './shipping-fee.js';

const rule: ShippingRule = {
  rates: {
    same_province: { baseFee: 20_000, perKgFee: 2_000, includedGrams: 1_000 },
    same_region: { baseFee: 30_000, perKgFee: 5_000, includedGrams: 2_000 },
    other_region: { baseFee: 40_000, perKgFee: 10_000, includedGrams: 500 },
  },
  freeShippingThreshold: 500_000,
};

describe('shipping zones', () => {
  it('puts provinces in the carriers’ three regions', () => {
    expect(regionOfProvince('20')).toBe('north'); // Lạng Sơn
    expect(regionOfProvince('38')).toBe('central'); // Thanh Hóa
    expect(regionOfProvince('68')).toBe('central'); // Lâm Đồng
    expect(regionOfProvince('79')).toBe('south'); // TP. Hồ Chí Minh
  });

  it('tells the zone between two provinces', () => {
    expect(shippingZone('20', '20')).toBe('same_province');
    expect(shippingZone('20', '01')).toBe('same_region');
    expect(shippingZone('20', '79')).toBe('other_region');
  });
});

describe('shippingFee', () => {
  it('charges the base fee up to the included weight', () => {
    expect(shippingFee(rule, { zone: 'same_province', weightGrams: 1_000, subtotal: 100_000 })).toBe(20_000);
  });

  it('adds each started kilogram above it', () => {
    expect(shippingFee(rule, { zone: 'same_province', weightGrams: 1_001, subtotal: 100_000 })).toBe(22_000);
    expect(shippingFee(rule, { zone: 'same_region', weightGrams: 4_500, subtotal: 100_000 })).toBe(30_000 + 3 * 5_000);
    expect(shippingFee(rule, { zone: 'other_region', weightGrams: 2_000, subtotal: 100_000 })).toBe(
      40_000 + 2 * 10_000,
    );
  });

  it('is free from the threshold on', () => {
    expect(shippingFee(rule, { zone: 'other_region', weightGrams: 9_000, subtotal: 500_000 })).toBe(0);
    expect(shippingFee(rule, { zone: 'other_region', weightGrams: 9_000, subtotal: 499_999 })).toBeGreaterThan(0);
  });

  it('never makes shipping free without a threshold', () => {
    expect(shippingFee(DEFAULT_SHIPPING_RULE, { zone: 'same_province', weightGrams: 0, subtotal: 10_000_000 })).toBe(
      22_000,
    );
  });
});
