import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../testing/sample-invoice.js';
import { renderInvoiceHtml } from './invoice-html.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import type { InvoiceView } from './invoice-view.js';

async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loaded = await pdfjs.getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= loaded.numPages; i++) {
    const content = await (await loaded.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await loaded.destroy();
  return pages.join('\n').normalize('NFC');
}

const view: InvoiceView = {
  document: sampleDocument(),
  status: 'issued',
  signedBy: 'CN=Hợp tác xã Nông nghiệp Sơn Trà, C=VN',
  signedAt: new Date('2026-03-15T03:21:05Z'),
  providerName: 'builtin',
  providerReference: null,
};

describe('printable copies', () => {
  it('renders an HTML page in Vietnamese with vi-VN amounts, the lookup code and URL', () => {
    const html = renderInvoiceHtml(view);
    expect(html).toContain('<html lang="vi">');
    for (const text of [
      'HÓA ĐƠN GIÁ TRỊ GIA TĂNG',
      'Ngày 15 tháng 03 năm 2026',
      '1C26TOC',
      '00000123',
      'Đơn vị bán hàng',
      'Hợp tác xã Nông nghiệp Sơn Trà',
      '1.500.000',
      '2.586.000',
      'Thuế suất 8%',
      'Hai triệu năm trăm tám mươi sáu nghìn đồng',
      '7K3M-9QH2-XW4T',
      'https://ocop.example.vn/api/invoices/lookup/7K3M9QH2XW4T',
      'Ký ngày: 15/03/2026',
      '<svg',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes buyer text and says when a copy has no legal value yet', () => {
    const html = renderInvoiceHtml({
      ...view,
      status: 'queued',
      signedBy: null,
      document: sampleDocument({ number: null, buyer: { name: '<img src=x onerror=alert(1)>' } }),
    });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Hóa đơn đang chờ phát hành');
    expect(html).toContain('Chưa cấp số');
  });

  it('renders a PDF whose text extracts with its diacritics', async () => {
    const pdf = await renderInvoicePdf(view);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const fragment of [
      'HÓA ĐƠN GIÁ TRỊ GIA TĂNG',
      'Mật ong rừng OCOP 4 sao',
      'Hợp tác xã Nông nghiệp Sơn Trà',
      'Đà Nẵng',
      '2.586.000',
      'Hai triệu năm trăm tám mươi sáu nghìn đồng',
      'Mã tra cứu: 7K3M-9QH2-XW4T',
    ]) {
      expect(text).toContain(fragment);
    }
  });
});
