import type { ValueTransformer } from 'typeorm';

/**
 * `bigint` đồng columns as JS numbers. node-postgres returns bigint as a string (it may exceed
 * 2^53); every price on the platform is far below that, so the conversion is exact, and it refuses
 * rather than rounds anything that is not a safe integer.
 */
export const dongTransformer: ValueTransformer = {
  to(value: number | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of đồng: ${value}`);
    return String(value);
  },
  from(value: string | null): number | null {
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`Stored amount is not a safe integer: ${value}`);
    return parsed;
  },
};

/** The same conversion for rows read with raw SQL. */
export function dongFromSql(value: string | number | null): number | null {
  return dongTransformer.from(value === null ? null : String(value)) as number | null;
}
