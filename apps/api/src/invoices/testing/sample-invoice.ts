import type { InvoiceDocument, InvoiceLineInput } from '../invoice-model.js';
import { computeTotals, toInvoiceLines } from '../invoice-totals.js';

/** The example of einvoice-xml.md §3: two lines at 8 % and 5 %, 2 586 000 đồng payable. */
export const SAMPLE_LINES: InvoiceLineInput[] = [
  {
    itemCode: 'MO-500',
    name: 'Mật ong rừng OCOP 4 sao, chai 500 ml',
    unit: 'Chai',
    quantity: 10,
    unitPrice: 150_000,
    vatRate: 8,
  },
  {
    itemCode: 'PB-25',
    name: 'Phân bón hữu cơ vi sinh, bao 25 kg',
    unit: 'Bao',
    quantity: 4,
    unitPrice: 230_000,
    vatRate: 5,
  },
];

export function sampleDocument(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const formNumber = overrides.formNumber ?? 1;
  const lines = overrides.lines ?? toInvoiceLines(SAMPLE_LINES, formNumber);
  return {
    formNumber,
    symbol: 'C26TOC',
    number: 123,
    issueDate: '2026-03-15',
    currency: 'VND',
    paymentMethod: 'TM/CK',
    solutionProviderTaxCode: '0109998883',
    seller: {
      name: 'Hợp tác xã Nông nghiệp Sơn Trà',
      taxCode: '5201234568',
      address: 'Thôn 3, xã Sơn Trà, tỉnh Gia Lai',
      phone: '0912345678',
    },
    buyer: {
      name: 'Công ty TNHH Thực phẩm Sạch Miền Trung',
      taxCode: '0312345673',
      address: '12 Lê Lợi, phường Hải Châu, thành phố Đà Nẵng',
    },
    lines,
    totals: computeTotals(lines, formNumber),
    lookupCode: '7K3M9QH2XW4T',
    lookupUrl: 'https://ocop.example.vn/api/invoices/lookup/7K3M9QH2XW4T',
    ...overrides,
  };
}
