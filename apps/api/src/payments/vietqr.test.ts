import vietnamQrPay from 'vietnam-qr-pay';
import { describe, expect, it } from 'vitest';
import { bankNameForBin, buildVietQrPayload } from './providers/vietqr.provider.js';

const { QRPay } = vietnamQrPay;

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), written here to check the library's tag 63. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Top-level EMVCo tags: two-digit id, two-digit length, value. */
function tags(payload: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let at = 0; at < payload.length;) {
    const id = payload.slice(at, at + 2);
    const length = Number(payload.slice(at + 2, at + 4));
    out.set(id, payload.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

describe('VietQR payload', () => {
  const content = { bankBin: '970436', accountNumber: '0011004123456', amount: 1_250_000, reference: 'OCOPK7M2Q9XA' };
  const payload = buildVietQrPayload(content);

  it('decodes back to the amount, bank, account and reference', () => {
    const decoded = new QRPay(payload);
    expect(decoded.isValid).toBe(true);
    expect(decoded.initMethod).toBe('12'); // dynamic: the amount is fixed
    expect(decoded.provider.guid).toBe('A000000727');
    expect(decoded.provider.service).toBe('QRIBFTTA');
    expect(decoded.consumer).toMatchObject({ bankBin: '970436', bankNumber: '0011004123456' });
    expect(decoded.amount).toBe('1250000');
    expect(decoded.currency).toBe('704');
    expect(decoded.nation).toBe('VN');
    expect(decoded.additionalData.purpose).toBe('OCOPK7M2Q9XA');
  });

  it('ends with a CRC that an independent CRC-16/CCITT computes', () => {
    const root = tags(payload);
    expect(root.get('54')).toBe('1250000');
    expect(payload.slice(-8, -4)).toBe('6304');
    expect(payload.slice(-4)).toBe(crc16(payload.slice(0, -4)));
    // The same check on the example published with the library, so the checker itself is right.
    const example =
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6';
    expect(example.slice(-4)).toBe(crc16(example.slice(0, -4)));
  });

  it('is refused by the decoder once a digit of the amount changes', () => {
    expect(new QRPay(payload.replace('1250000', '1250001')).isValid).toBe(false);
  });

  it('names the bank of a BIN for the buyer', () => {
    expect(bankNameForBin('970436')).toBe('Vietcombank');
    expect(bankNameForBin('000000')).toBeNull();
  });
});
