import { assertDong } from '@ocop/shared';
import type { ValueTransformer } from 'typeorm';

/**
 * `bigint` đồng columns as JS numbers. node-postgres returns bigint as a string (it may exceed
 * 2^53); every amount on the platform is far below that, so the conversion is exact, and anything
 * that is not a safe whole number is refused in both directions rather than rounded.
 */
export const dongColumn: ValueTransformer = {
  to: (value: number | null | undefined) => (value === null || value === undefined ? value : assertDong(value)),
  from: (value: string | number | null) => (value === null ? null : assertDong(Number(value))),
};

/** The same conversion for rows read with raw SQL. */
export function dongFromSql(value: string | number | null): number | null {
  return dongColumn.from(value) as number | null;
}
