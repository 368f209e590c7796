import { describe, expect, it } from 'vitest';
import { en, vi } from './messages';
import { createTranslator } from './translator';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

// The types already force the same keys; what they cannot see is the text inside the messages.
describe('storefront messages', () => {
  it('gives every English message the placeholders of its Vietnamese one', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('picks English plural forms and formats numbers per language', () => {
    expect(createTranslator('en').tn('communes.all', 1)).toBe('1 commune or ward');
    expect(createTranslator('en').tn('communes.all', 65)).toBe('65 communes and wards');
    expect(createTranslator('vi').tn('communes.all', 1200)).toBe('Có 1.200 xã, phường');
    expect(createTranslator('vi').t('app.name', { province: 'Lạng Sơn' })).toBe('Sàn OCOP Lạng Sơn');
  });
});
