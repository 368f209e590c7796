import { describe, expect, it } from 'vitest';
import { gtinCheckDigit } from '../catalog/gtin.js';
import {
  digitalLinkUri,
  encodeDigitalLinkValue,
  newTraceCode,
  normaliseTraceCode,
  parseDigitalLink,
  shortTraceUri,
  toGtin14,
  TRACE_CODE_PATTERN,
} from './digital-link.js';

describe('GTIN-14', () => {
  it('left-pads GTIN-8, -12 and -13 to 14 digits, keeping the check digit', () => {
    expect(toGtin14('8934563138165')).toBe('08934563138165');
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('08934563138165')).toBe('08934563138165');
  });

  it('uses the catalog check digit: padding does not change it, a wrong one is refused', () => {
    const body = '893456313816';
    expect(gtinCheckDigit(body)).toBe(5);
    expect(gtinCheckDigit(`0${body}`)).toBe(5);
    expect(toGtin14('8934563138164')).toBeNull();
    expect(toGtin14('89345631381')).toBeNull();
    expect(toGtin14('abc')).toBeNull();
  });
});

describe('GS1 Digital Link', () => {
  const base = 'https://ocop.langson.example.vn/';

  it('builds {base}/01/{gtin14}/10/{lot} with the lot percent-encoded', () => {
    expect(digitalLinkUri(base, '08934563138165', 'HOI-2026/03')).toBe(
      'https://ocop.langson.example.vn/01/08934563138165/10/HOI-2026%2F03',
    );
    expect(encodeDigitalLinkValue("A!B'(C)*")).toBe('A%21B%27%28C%29%2A');
  });

  it('builds the short URI when there is no GTIN', () => {
    expect(shortTraceUri(base, '7K2M9QX4PB')).toBe('https://ocop.langson.example.vn/t/7K2M9QX4PB');
  });

  it('parses what it builds, and tolerates other domains, path prefixes, GTIN-13, a CPV, a serial and a query', () => {
    const built = digitalLinkUri(base, '08934563138165', 'HOI-2026/03');
    expect(parseDigitalLink(built)).toEqual({ gtin14: '08934563138165', lot: 'HOI-2026/03' });
    expect(parseDigitalLink('https://id.gs1.org/01/8934563138165/10/L260310?17=270310')).toEqual({
      gtin14: '08934563138165',
      lot: 'L260310',
    });
    expect(parseDigitalLink('https://brand.example/products/01/08934563138165/22/2A/10/ABC123/21/12345')).toEqual({
      gtin14: '08934563138165',
      lot: 'ABC123',
    });
    expect(parseDigitalLink('/01/08934563138165/10/ABC%20123')).toEqual({ gtin14: '08934563138165', lot: 'ABC 123' });
  });

  it('refuses links without a lot, with a wrong check digit or a broken escape', () => {
    expect(parseDigitalLink('https://id.gs1.org/01/08934563138165')).toBeNull();
    expect(parseDigitalLink('/01/08934563138164/10/ABC')).toBeNull();
    expect(parseDigitalLink('/01/08934563138165/10/%E0%A4%A')).toBeNull();
  });
});

describe('trace codes', () => {
  it('are 10 Crockford base-32 characters, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newTraceCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(TRACE_CODE_PATTERN);
  });

  it('survive being typed by hand: lower case, dashes, I/L for 1 and O for 0', () => {
    expect(normaliseTraceCode('7k2m9-qx4pb')).toBe('7K2M9QX4PB');
    expect(normaliseTraceCode('OILAAAAAAA')).toBe('011AAAAAAA');
    expect(normaliseTraceCode('TOO-SHORT')).toBeNull();
    expect(normaliseTraceCode('UUUUUUUUUU')).toBeNull();
  });
});
