import type { ValueTransformer } from 'typeorm';

/** bigint đồng ↔ JS number; a value that is not a safe whole number is a bug, so it throws. */
export const dongColumn: ValueTransformer = {
  to: (value: number | null | undefined) => {
    if (value === null || value === undefined) return value;
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of đồng: ${value}`);
    return value;
  },
  from: (value: string | null) => (value === null ? null : Number(value)),
};
