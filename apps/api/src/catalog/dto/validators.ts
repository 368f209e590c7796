import { Type } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { IsInt, isISO8601, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { gtinProblem } from '../gtin.js';

/** A GTIN whose GS1 check digit is right; the message says which of shape or digit is wrong. */
export function IsGtin(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGtin',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && gtinProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string' && gtinProblem(args.value) === 'check_digit'
            ? `${args.property} has a wrong GS1 check digit (the last digit does not match the others)`
            : `${args?.property ?? 'gtin'} must be a GTIN of 8, 12, 13 or 14 digits`,
      },
    },
    options,
  );
}

/** A calendar date written YYYY-MM-DD that exists (no 30 February). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(value) &&
          isISO8601(value, { strict: true, strictSeparator: true }),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be a date written YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** The largest amount the platform accepts for one unit: far above any farm product, far below 2^53. */
export const MAX_DONG = 10_000_000_000;

/** A whole, positive number of đồng, with messages that say so. */
export function IsDongAmount(property: string, { min = 1 }: { min?: number } = {}): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: `${property} must be a whole number of đồng (no decimals)` }),
    Min(min, { message: `${property} must be at least ${min} đồng` }),
    Max(MAX_DONG, { message: `${property} must be at most ${MAX_DONG} đồng` }),
  );
}

/** Query strings arrive as text; numbers are converted before validation, and "abc" stays invalid. */
export const QueryNumber = () => Type(() => Number);
