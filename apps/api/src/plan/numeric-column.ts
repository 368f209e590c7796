import type { ValueTransformer } from 'typeorm';

/**
 * `numeric` columns as JS numbers. node-postgres returns numeric as a string so as not to lose
 * precision; targets and province figures are far inside the range a double holds exactly enough
 * (shares to a few decimals, counts and đồng below 2^53).
 */
export const numericTransformer: ValueTransformer = {
  to(value: number | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    return String(value);
  },
  from(value: string | null): number | null {
    return value === null ? null : Number(value);
  },
};

export function numberFromSql(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}
