import { ROLES } from '@ocop/shared';
import { describe, expect, it } from 'vitest';
import { en, vi } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

// The types already force the same keys; what they cannot see is the text inside the messages.
describe('admin messages', () => {
  it('gives every English message the placeholders of its Vietnamese one', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('names every role', () => {
    for (const role of ROLES) expect(Object.keys(vi)).toContain(`role.${role}`);
  });
});
