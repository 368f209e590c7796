import type { ShippingZone } from './regions.js';

export interface ZoneRate {
  /** Fee for a parcel up to `includedGrams`, in đồng. */
  baseFee: number;
  /** Fee for each started kilogram above `includedGrams`, in đồng. */
  perKgFee: number;
  includedGrams: number;
}

export interface ShippingRule {
  rates: Record<ShippingZone, ZoneRate>;
  /** Order value (đồng) from which shipping is free; null = never free. */
  freeShippingThreshold: number | null;
}

/** What a seller charges until it sets its own rule: close to the common carriers' public tariffs. */
export const DEFAULT_SHIPPING_RULE: ShippingRule = {
  rates: {
    same_province: { baseFee: 22_000, perKgFee: 3_000, includedGrams: 1_000 },
    same_region: { baseFee: 30_000, perKgFee: 5_000, includedGrams: 1_000 },
    other_region: { baseFee: 38_000, perKgFee: 8_000, includedGrams: 1_000 },
  },
  freeShippingThreshold: null,
};

export interface ShippingQuoteInput {
  zone: ShippingZone;
  weightGrams: number;
  /** Value of the goods the seller ships in this order, in đồng. */
  subtotal: number;
}

/** The fee for one seller's parcel: base fee, plus each started kilogram above what is included. */
export function shippingFee(rule: ShippingRule, input: ShippingQuoteInput): number {
  if (rule.freeShippingThreshold !== null && input.subtotal >= rule.freeShippingThreshold) return 0;
  const rate = rule.rates[input.zone];
  const extraKilograms = Math.ceil(Math.max(0, input.weightGrams - rate.includedGrams) / 1_000);
  return rate.baseFee + extraKilograms * rate.perKgFee;
}
