import { describe, expect, it } from 'vitest';
import { parseLoginIdentifier } from './login-identifier.js';

describe('parseLoginIdentifier', () => {
  it('normalises Vietnamese mobile numbers to E.164', () => {
    expect(parseLoginIdentifier('0912 345 678')).toEqual({ kind: 'phone', value: '+84912345678' });
    expect(parseLoginIdentifier('+84912345678')).toEqual({ kind: 'phone', value: '+84912345678' });
    expect(parseLoginIdentifier('84-912-345-678')).toEqual({ kind: 'phone', value: '+84912345678' });
  });

  it('lower-cases emails', () => {
    expect(parseLoginIdentifier(' Lan@Example.VN ')).toEqual({ kind: 'email', value: 'lan@example.vn' });
  });

  it('rejects landlines and garbage', () => {
    expect(parseLoginIdentifier('0241234567')).toBeNull();
    expect(parseLoginIdentifier('not a login')).toBeNull();
  });
});
