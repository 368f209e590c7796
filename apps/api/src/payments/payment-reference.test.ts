import { describe, expect, it } from 'vitest';
import { findPaymentReferences, newPaymentReference } from './payment-reference.js';

describe('payment references', () => {
  it('are 12 unambiguous ASCII characters that fit a VietQR transfer note', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i += 1) {
      const reference = newPaymentReference();
      expect(reference).toMatch(/^OCOP[0-9A-HJKMNP-TV-Z]{8}$/);
      seen.add(reference);
    }
    expect(seen.size).toBe(2_000);
  });

  it('are found in transfer notes however the bank rewrote them', () => {
    expect(findPaymentReferences('MBVCB.3278907687.OCOPK7M2Q9XA.CT tu 0123 toi 0011')).toEqual(['OCOPK7M2Q9XA']);
    expect(findPaymentReferences('ocop k7m2 q9xa chuyen tien')).toEqual(['OCOPK7M2Q9XA']);
    expect(findPaymentReferences('IBFT OCOPK7M2Q9XACHUYENKHOAN')).toEqual(['OCOPK7M2Q9XA']);
    expect(findPaymentReferences('OCOPOCOPK7M2Q9XA')).toEqual(['OCOPK7M2Q9XA']);
  });

  it('come back in order, once each, from several fields', () => {
    expect(findPaymentReferences(null, 'OCOP00000001 OCOP00000002', 'OCOP00000001')).toEqual([
      'OCOP00000001',
      'OCOP00000002',
    ]);
  });

  it('are not invented from notes that hold none', () => {
    expect(findPaymentReferences('chuyen tien mua mat ong', 'OCOP1234', undefined)).toEqual([]);
    expect(findPaymentReferences('OCOPK7M2Q9XI')).toEqual([]); // I is not in the alphabet
  });
});
