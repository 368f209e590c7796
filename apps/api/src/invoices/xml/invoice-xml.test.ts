import { describe, expect, it } from 'vitest';
import { toInvoiceLines } from '../invoice-totals.js';
import { sampleDocument } from '../testing/sample-invoice.js';
import { buildInvoiceXml, formatTaxCode } from './invoice-xml.js';
import { readInvoiceXml } from './invoice-xml-reader.js';

describe('invoice XML (Circular 78 / QĐ 1271 layout)', () => {
  const xml = buildInvoiceXml(sampleDocument());
  const invoice = readInvoiceXml(xml).HDon;
  const general = invoice.DLHDon.TTChung;
  const content = invoice.DLHDon.NDHDon;

  it('is UTF-8 with the signed area identified and a place for the seller signature', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><HDon><DLHDon Id="DLHDon">')).toBe(true);
    expect(xml).not.toMatch(/>\s+</);
    expect(xml).toContain('<DSCKS><NBan/></DSCKS>');
  });

  it('has every required general field, in the decision’s order', () => {
    expect(general).toMatchObject({
      PBan: '2.1.0',
      THDon: 'Hóa đơn giá trị gia tăng',
      KHMSHDon: '1',
      KHHDon: 'C26TOC',
      SHDon: '123',
      NLap: '2026-03-15',
      HDCTTChinh: '0',
      DVTTe: 'VND',
      HTTToan: 'TM/CK',
      MSTTCGP: '0109998883',
    });
    const order = [
      'PBan',
      'THDon',
      'KHMSHDon',
      'KHHDon',
      'SHDon',
      'NLap',
      'HDCTTChinh',
      'DVTTe',
      'HTTToan',
      'MSTTCGP',
      'TTKhac',
    ];
    expect(Object.keys(general)).toEqual(order);
    expect(general.TTKhac.TTin[0]).toEqual({ TTruong: 'Mã tra cứu', KDLieu: 'string', DLieu: '7K3M9QH2XW4T' });
  });

  it('keeps tax codes as text, leading zeros included', () => {
    expect(content.NBan).toMatchObject({
      Ten: 'Hợp tác xã Nông nghiệp Sơn Trà',
      MST: '5201234568',
      DChi: 'Thôn 3, xã Sơn Trà, tỉnh Gia Lai',
    });
    expect(content.NMua).toMatchObject({ Ten: 'Công ty TNHH Thực phẩm Sạch Miền Trung', MST: '0312345673' });
    expect(formatTaxCode('0102182292998')).toBe('0102182292-998');
  });

  it('writes each line with its nature, unit, quantity, price, amount and rate', () => {
    expect(content.DSHHDVu.HHDVu).toEqual([
      {
        TChat: '1',
        STT: '1',
        MHHDVu: 'MO-500',
        THHDVu: 'Mật ong rừng OCOP 4 sao, chai 500 ml',
        DVTinh: 'Chai',
        SLuong: '10',
        DGia: '150000',
        ThTien: '1500000',
        TSuat: '8%',
      },
      {
        TChat: '1',
        STT: '2',
        MHHDVu: 'PB-25',
        THHDVu: 'Phân bón hữu cơ vi sinh, bao 25 kg',
        DVTinh: 'Bao',
        SLuong: '4',
        DGia: '230000',
        ThTien: '920000',
        TSuat: '5%',
      },
    ]);
  });

  it('has totals by rate that add up to the totals, and the amount in words', () => {
    const totals = content.TToan;
    expect(totals.THTTLTSuat.LTSuat).toEqual([
      { TSuat: '8%', ThTien: '1500000', TThue: '120000' },
      { TSuat: '5%', ThTien: '920000', TThue: '46000' },
    ]);
    const rows: { ThTien: string; TThue: string }[] = totals.THTTLTSuat.LTSuat;
    const lines: { ThTien: string }[] = content.DSHHDVu.HHDVu;
    expect(rows.reduce((s, r) => s + Number(r.ThTien), 0)).toBe(Number(totals.TgTCThue));
    expect(lines.reduce((s, l) => s + Number(l.ThTien), 0)).toBe(Number(totals.TgTCThue));
    expect(rows.reduce((s, r) => s + Number(r.TThue), 0)).toBe(Number(totals.TgTThue));
    expect(Number(totals.TgTCThue) + Number(totals.TgTThue)).toBe(Number(totals.TgTTTBSo));
    expect(totals).toMatchObject({
      TgTCThue: '2420000',
      TgTThue: '166000',
      TgTTTBSo: '2586000',
      TgTTTBChu: 'Hai triệu năm trăm tám mươi sáu nghìn đồng',
    });
    expect(Object.keys(totals)).toEqual(['THTTLTSuat', 'TgTCThue', 'TgTThue', 'TgTTTBSo', 'TgTTTBChu']);
  });

  it('escapes what a seller or buyer typed', () => {
    const raw = buildInvoiceXml(sampleDocument({ buyer: { name: 'Cửa hàng A & B <Quà quê>' } }));
    expect(raw).toContain('<Ten>Cửa hàng A &amp; B &lt;Quà quê&gt;</Ten>');
    expect(readInvoiceXml(raw).HDon.DLHDon.NDHDon.NMua.Ten).toBe('Cửa hàng A & B <Quà quê>');
  });

  it('writes a sales invoice (form 2) without VAT elements', () => {
    const lines = toInvoiceLines(
      [{ name: 'Miến dong', unit: 'Gói', quantity: 2, unitPrice: 45_000, vatRate: 'KCT' }],
      2,
    );
    const sales = readInvoiceXml(buildInvoiceXml(sampleDocument({ formNumber: 2, symbol: 'C26TBB', lines }))).HDon
      .DLHDon;
    expect(sales.TTChung).toMatchObject({ THDon: 'Hóa đơn bán hàng', KHMSHDon: '2', HDDCKPTQuan: '0' });
    expect(sales.TTChung.HDCTTChinh).toBeUndefined();
    expect(sales.NDHDon.DSHHDVu.HHDVu[0].TSuat).toBeUndefined();
    expect(Object.keys(sales.NDHDon.TToan)).toEqual(['TgTTTBSo', 'TgTTTBChu']);
    expect(sales.NDHDon.TToan.TgTTTBSo).toBe('90000');
  });

  it('links an adjustment to the invoice it adjusts, with signed differences', () => {
    const lines = [
      { lineNumber: 1, nature: 4 as const, name: 'Điều chỉnh giảm số lượng mật ong do khách trả hàng' },
      ...toInvoiceLines([
        { name: 'Mật ong rừng OCOP 4 sao, chai 500 ml', unit: 'Chai', quantity: -2, unitPrice: 150_000, vatRate: 8 },
      ]).map((line) => ({ ...line, lineNumber: 2 })),
    ];
    const doc = sampleDocument({
      number: 124,
      lines,
      related: {
        relation: 'adjusts',
        formNumber: 1,
        symbol: 'C26TOC',
        number: 123,
        issueDate: '2026-03-15',
        note: 'Khách trả 2 chai',
      },
    });
    const adjustment = readInvoiceXml(buildInvoiceXml(doc)).HDon.DLHDon;
    expect(adjustment.TTChung.TTHDLQuan).toEqual({
      TCHDon: '2',
      LHDCLQuan: '1',
      KHMSHDCLQuan: '1',
      KHHDCLQuan: 'C26TOC',
      SHDCLQuan: '123',
      NLHDCLQuan: '2026-03-15',
      GChu: 'Khách trả 2 chai',
    });
    expect(adjustment.NDHDon.DSHHDVu.HHDVu[0]).toEqual({
      TChat: '4',
      STT: '1',
      THHDVu: 'Điều chỉnh giảm số lượng mật ong do khách trả hàng',
    });
    expect(adjustment.NDHDon.DSHHDVu.HHDVu[1]).toMatchObject({ SLuong: '-2', ThTien: '-300000', TSuat: '8%' });
    expect(adjustment.NDHDon.TToan).toMatchObject({
      TgTCThue: '-300000',
      TgTThue: '-24000',
      TgTTTBSo: '-324000',
      TgTTTBChu: 'Âm ba trăm hai mươi bốn nghìn đồng',
    });
  });

  it('marks a replacement with TCHDon 1', () => {
    const doc = sampleDocument({
      related: { relation: 'replaces', formNumber: 1, symbol: 'C26TOC', number: 123, issueDate: '2026-03-15' },
    });
    expect(readInvoiceXml(buildInvoiceXml(doc)).HDon.DLHDon.TTChung.TTHDLQuan.TCHDon).toBe('1');
  });
});
