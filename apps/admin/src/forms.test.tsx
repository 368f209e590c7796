import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api/request';
import { textToHtml } from './description';
import { fieldErrors, fieldMessageKey } from './errors';
import { parseWholeNumber } from './forms';

describe('field messages', () => {
  it('picks the most specific wording for a nested field', () => {
    expect(fieldMessageKey('variants.0.price', 'product')).toBe('field.price');
    expect(fieldMessageKey('name', 'product')).toBe('field.product.name');
    expect(fieldMessageKey('rates.same_province.baseFee', 'shipping')).toBe('field.baseFee');
    expect(fieldMessageKey('bankAccount.bin', 'organisation')).toBe('field.bin');
    expect(fieldMessageKey('somethingNew')).toBe('field.invalid');
  });

  it('words a refusal other than validation by its code', () => {
    const taken = new ApiRequestError(409, 'sku_taken', [{ field: 'variants.1.sku', messages: ['taken'] }]);
    expect(fieldErrors(taken, 'product')).toEqual({ 'variants.1.sku': 'field.sku_taken.sku' });
    const invalid = new ApiRequestError(400, 'validation_failed', [{ field: 'taxCode', messages: ['bad'] }]);
    expect(fieldErrors(invalid, 'organisation')).toEqual({ taxCode: 'field.taxCode' });
    expect(fieldErrors(new Error('network'))).toEqual({});
  });
});

describe('numbers typed in forms', () => {
  it('reads amounts written with Vietnamese thousands separators', () => {
    expect(parseWholeNumber('185.000')).toBe(185_000);
    expect(parseWholeNumber(' 25 000 ')).toBe(25_000);
    expect(parseWholeNumber('-5000')).toBe(-5000);
    expect(parseWholeNumber('12,5')).toBeNaN();
    expect(parseWholeNumber('')).toBeNaN();
  });
});

describe('descriptions written as text', () => {
  it('turns paragraphs and dashed lines into HTML, escaping what was typed', () => {
    expect(textToHtml('Mật ong hoa bạc hà.\nThu hoạch mùa đông.\n\n- Lọ thủy tinh\n- Không đường <b>')).toBe(
      '<p>Mật ong hoa bạc hà.<br>Thu hoạch mùa đông.</p><ul><li>Lọ thủy tinh</li><li>Không đường &lt;b&gt;</li></ul>',
    );
    expect(textToHtml('  \n\n ')).toBe('');
  });
});
