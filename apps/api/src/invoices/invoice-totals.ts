import { amountInWords } from './amount-in-words.js';
import type { FormNumber, InvoiceLine, InvoiceLineInput, InvoiceTotals, RateTotal, VatRate } from './invoice-model.js';

/** Order of `LTSuat` rows: highest rate first, then the rates without tax. */
const RATE_ORDER: VatRate[] = [10, 8, 5, 0, 'KCT', 'KKKNT'];

/** Half away from zero, so that a decrease of −x.5 mirrors an increase of +x.5. */
function roundDong(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * `ThTien = SLuong × DGia` must be a whole number of đồng: VND has no minor unit and the XML
 * rules say totals are integral. A fraction here means the caller priced something it cannot invoice.
 */
export function lineAmount(quantity: number, unitPrice: number): number {
  const exact = quantity * unitPrice;
  const rounded = Math.round(exact);
  if (Math.abs(exact - rounded) > 1e-6 || !Number.isSafeInteger(rounded)) {
    throw new RangeError(`quantity × unitPrice is not a whole number of đồng: ${quantity} × ${unitPrice}`);
  }
  return rounded === 0 ? 0 : rounded;
}

export function toInvoiceLines(inputs: InvoiceLineInput[], formNumber: FormNumber | null = null): InvoiceLine[] {
  return inputs.map((input, index) => ({
    lineNumber: index + 1,
    nature: 1,
    ...(input.itemCode ? { itemCode: input.itemCode } : {}),
    name: input.name,
    unit: input.unit,
    quantity: input.quantity,
    unitPrice: input.unitPrice,
    amount: lineAmount(input.quantity, input.unitPrice),
    ...(formNumber === 2 ? {} : { vatRate: input.vatRate }),
    ...(input.priceIncludesVat ? { priceIncludesVat: true } : {}),
  }));
}

/**
 * Turns VAT-inclusive lines into the amounts a VAT invoice prints. Per rate, the net total is the
 * gross total divided by (1 + rate), rounded once; lines get their share by largest remainder, so they
 * add up to it exactly, and VAT is what is left, so the total payable equals the gross paid to the đồng.
 * The unit price before VAT becomes a decimal (up to 6 places, which the XML allows).
 */
export function splitIncludedVat(lines: InvoiceLine[]): InvoiceLine[] {
  const groups = new Map<VatRate, number[]>();
  lines.forEach((line, index) => {
    if (!line.priceIncludesVat || line.nature !== 1 || line.vatRate === undefined) return;
    groups.set(line.vatRate, [...(groups.get(line.vatRate) ?? []), index]);
  });
  const result = lines.map(({ priceIncludesVat: _included, ...line }) => ({ ...line }));
  for (const [rate, indexes] of groups) {
    const divisor = typeof rate === 'number' ? 1 + rate / 100 : 1;
    const gross = indexes.map((index) => lines[index]?.amount ?? 0);
    const exact = gross.map((amount) => amount / divisor);
    const net = exact.map(roundDong);
    let missing =
      roundDong(gross.reduce((sum, amount) => sum + amount, 0) / divisor) -
      net.reduce((sum, amount) => sum + amount, 0);
    const order = exact
      .map((value, i) => ({ i, error: value - (net[i] ?? 0) }))
      .sort((a, b) => (missing > 0 ? b.error - a.error : a.error - b.error));
    for (const { i } of order) {
      if (missing === 0) break;
      net[i] = (net[i] ?? 0) + Math.sign(missing);
      missing -= Math.sign(missing);
    }
    indexes.forEach((index, i) => {
      const line = result[index];
      if (!line) return;
      const amount = net[i] ?? 0;
      line.grossAmount = gross[i];
      line.amount = amount;
      line.unitPrice = line.quantity ? Math.round((amount / line.quantity) * 1e6) / 1e6 : 0;
    });
  }
  return result;
}

/**
 * One `LTSuat` per distinct rate, VAT rounded per rate (not per line) so that the XML is
 * self-consistent: `TgTCThue = Σ ThTien`, `TgTThue = Σ TThue`, `TgTTTBSo = TgTCThue + TgTThue`.
 * A sales invoice (form 2) carries no VAT at all.
 */
export function computeTotals(lines: InvoiceLine[], formNumber: FormNumber): InvoiceTotals {
  const goods = lines.filter((line) => line.nature === 1);
  const totalBeforeVat = goods.reduce((sum, line) => sum + (line.amount ?? 0), 0);
  let byRate: RateTotal[] = [];
  if (formNumber === 1) {
    const taxable = new Map<VatRate, number>();
    for (const line of goods) {
      if (line.vatRate === undefined) throw new RangeError(`Line ${line.lineNumber} has no VAT rate`);
      taxable.set(line.vatRate, (taxable.get(line.vatRate) ?? 0) + (line.amount ?? 0));
    }
    byRate = RATE_ORDER.filter((rate) => taxable.has(rate)).map((rate) => {
      const taxableAmount = taxable.get(rate) ?? 0;
      const group = goods.filter((line) => line.vatRate === rate);
      const split = group.every((line) => line.grossAmount !== undefined);
      const vatAmount =
        typeof rate !== 'number'
          ? 0
          : split
            ? group.reduce((sum, line) => sum + (line.grossAmount ?? 0), 0) - taxableAmount
            : roundDong((taxableAmount * rate) / 100);
      return { rate, taxableAmount, vatAmount: vatAmount === 0 ? 0 : vatAmount };
    });
  }
  const totalVat = byRate.reduce((sum, row) => sum + row.vatAmount, 0);
  const totalPayable = totalBeforeVat + totalVat;
  return { byRate, totalBeforeVat, totalVat, totalPayable, amountInWords: amountInWords(totalPayable) };
}
