import { describe, expect, it } from 'vitest';
import { computeTotals, lineAmount, splitIncludedVat, toInvoiceLines } from './invoice-totals.js';
import { SAMPLE_LINES } from './testing/sample-invoice.js';

describe('invoice totals', () => {
  it('sums by rate and keeps the totals consistent (einvoice-xml.md §3)', () => {
    const totals = computeTotals(toInvoiceLines(SAMPLE_LINES), 1);
    expect(totals.byRate).toEqual([
      { rate: 8, taxableAmount: 1_500_000, vatAmount: 120_000 },
      { rate: 5, taxableAmount: 920_000, vatAmount: 46_000 },
    ]);
    expect(totals).toMatchObject({
      totalBeforeVat: 2_420_000,
      totalVat: 166_000,
      totalPayable: 2_586_000,
      amountInWords: 'Hai triệu năm trăm tám mươi sáu nghìn đồng',
    });
  });

  it('rounds VAT once per rate, puts one row per rate, and no tax on KCT', () => {
    const lines = toInvoiceLines([
      { name: 'Chè Shan tuyết', unit: 'Gói', quantity: 3, unitPrice: 33_333, vatRate: 10 },
      { name: 'Chè búp', unit: 'Gói', quantity: 1, unitPrice: 33_333, vatRate: 10 },
      { name: 'Lúa giống', unit: 'kg', quantity: 2.5, unitPrice: 20_000, vatRate: 'KCT' },
      { name: 'Vận chuyển', unit: 'Lần', quantity: 1, unitPrice: 30_000, vatRate: 0 },
    ]);
    const totals = computeTotals(lines, 1);
    expect(totals.byRate).toEqual([
      { rate: 10, taxableAmount: 133_332, vatAmount: 13_333 },
      { rate: 0, taxableAmount: 30_000, vatAmount: 0 },
      { rate: 'KCT', taxableAmount: 50_000, vatAmount: 0 },
    ]);
    expect(totals.totalBeforeVat).toBe(totals.byRate.reduce((sum, row) => sum + row.taxableAmount, 0));
    expect(totals.totalPayable).toBe(totals.totalBeforeVat + totals.totalVat);
  });

  it('mirrors rounding for decreases', () => {
    const up = computeTotals(toInvoiceLines([{ name: 'A', unit: 'c', quantity: 1, unitPrice: 25, vatRate: 10 }]), 1);
    const down = computeTotals(toInvoiceLines([{ name: 'A', unit: 'c', quantity: -1, unitPrice: 25, vatRate: 10 }]), 1);
    expect(down.totalVat).toBe(-up.totalVat);
    expect(down.amountInWords).toMatch(/^Âm /);
  });

  it('has no VAT on a sales invoice (form 2)', () => {
    const totals = computeTotals(toInvoiceLines(SAMPLE_LINES, 2), 2);
    expect(totals).toMatchObject({ byRate: [], totalVat: 0, totalBeforeVat: 2_420_000, totalPayable: 2_420_000 });
  });

  it('refuses a line that is not a whole number of đồng', () => {
    expect(lineAmount(1.5, 15_000)).toBe(22_500);
    expect(() => lineAmount(0.3333, 1_000)).toThrow(RangeError);
  });

  it('splits VAT-inclusive shop prices so that the total payable is exactly what was paid', () => {
    const gross = toInvoiceLines([
      { name: 'Chè Shan tuyết', unit: 'Gói', quantity: 3, unitPrice: 45_000, vatRate: 8, priceIncludesVat: true },
      { name: 'Mật ong', unit: 'Chai', quantity: 1, unitPrice: 100_000, vatRate: 8, priceIncludesVat: true },
      { name: 'Rượu ngô', unit: 'Chai', quantity: 2, unitPrice: 33_333, vatRate: 10, priceIncludesVat: true },
      { name: 'Gạo giống', unit: 'kg', quantity: 1, unitPrice: 50_000, vatRate: 'KCT', priceIncludesVat: true },
    ]);
    const lines = splitIncludedVat(gross);
    const totals = computeTotals(lines, 1);
    expect(totals.totalPayable).toBe(135_000 + 100_000 + 66_666 + 50_000);
    expect(totals.byRate).toEqual([
      { rate: 10, taxableAmount: 60_605, vatAmount: 6_061 },
      { rate: 8, taxableAmount: 217_593, vatAmount: 17_407 },
      { rate: 'KCT', taxableAmount: 50_000, vatAmount: 0 },
    ]);
    for (const line of lines) {
      expect(Math.abs((line.quantity ?? 0) * (line.unitPrice ?? 0) - (line.amount ?? 0))).toBeLessThan(0.01);
      expect(line.priceIncludesVat).toBeUndefined();
    }
    expect(lines[0]).toMatchObject({ amount: 125_000, unitPrice: 41_666.666667, grossAmount: 135_000 });
    // A refund of the same goods mirrors it.
    const refund = computeTotals(
      splitIncludedVat(
        toInvoiceLines([
          { name: 'Chè Shan tuyết', unit: 'Gói', quantity: -3, unitPrice: 45_000, vatRate: 8, priceIncludesVat: true },
        ]),
      ),
      1,
    );
    expect(refund).toMatchObject({ totalBeforeVat: -125_000, totalVat: -10_000, totalPayable: -135_000 });
  });
});
