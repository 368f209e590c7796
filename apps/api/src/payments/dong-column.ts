import { assertDong } from '@ocop/shared';
import type { ValueTransformer } from 'typeorm';

/**
 * `bigint` columns come back from pg as strings; money is a whole number of đồng in JS, and a value
 * that is not one (a fraction, beyond 2^53) is refused in both directions rather than rounded.
 */
export const dongColumn: ValueTransformer = {
  to: (value: number | null | undefined) => (value === null || value === undefined ? value : assertDong(value)),
  from: (value: string | number | null) => (value === null ? null : assertDong(Number(value))),
};
