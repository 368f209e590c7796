import { describe, expect, it } from 'vitest';
import { type AppConfig, parseConfig } from '../core/config/app-config.js';
import type { Payment } from './payment.entity.js';
import { VnpayProvider, vnpayOrderInfo } from './providers/vnpay.provider.js';
import { signedVnpayQuery, signVnpayParams } from './testing/vnpay-signer.js';

const SECRET = 'TESTSECRETKEY0123456789ABCDEFGHI';
const config = {
  ...parseConfig({ VNPAY_TMN_CODE: 'TEST0001', VNPAY_SECURE_SECRET: SECRET }),
  DATABASE_URL: '',
  JWT_SECRET: '',
} as AppConfig;
const provider = new VnpayProvider(config);

const payment = {
  id: '7d9d5f2e-7f5b-4f3c-9a1e-2d8c1b6a4e10',
  amount: 1_250_000,
  reference: 'OCOPK7M2Q9XA',
  createdAt: new Date('2026-11-23T08:00:00Z'),
  expiresAt: new Date('2026-11-23T08:15:00Z'),
} as Payment;

const paidCallback = {
  vnp_Amount: '125000000',
  vnp_BankCode: 'NCB',
  vnp_BankTranNo: 'VNP14612345',
  vnp_CardType: 'ATM',
  vnp_OrderInfo: 'Thanh toan don hang OCOPK7M2Q9XA',
  vnp_PayDate: '20261123151000',
  vnp_ResponseCode: '00',
  vnp_TmnCode: 'TEST0001',
  vnp_TransactionNo: '14612345',
  vnp_TransactionStatus: '00',
  vnp_TxnRef: 'OCOPK7M2Q9XA',
};

describe('VNPay payment URL', () => {
  it('carries the amount ×100, GMT+7 dates, the expiry and a signature our own HMAC-SHA512 reproduces', async () => {
    const started = await provider.start(payment, {
      buyerIp: '::ffff:203.113.1.5',
      orderInfo: 'Thanh toán đơn hàng #OCOP-1: Mật ong Bắc Sơn',
      returnUrl: 'https://cho-ocop.example.vn/checkout/vnpay-return',
    });
    expect(started.action.type).toBe('redirect');
    const url = new URL((started.action as { redirectUrl: string }).redirectUrl);
    expect(`${url.origin}${url.pathname}`).toBe('https://sandbox.vnpayment.vn/paymentv2/vpcpay.html');

    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      vnp_Amount: '125000000',
      vnp_Command: 'pay',
      vnp_CurrCode: 'VND',
      vnp_Version: '2.1.0',
      vnp_TmnCode: 'TEST0001',
      vnp_TxnRef: 'OCOPK7M2Q9XA',
      vnp_IpAddr: '203.113.1.5',
      vnp_CreateDate: '20261123150000',
      vnp_ExpireDate: '20261123151500',
      vnp_OrderInfo: 'Thanh toan don hang OCOP 1 Mat ong Bac Son',
      vnp_ReturnUrl: 'https://cho-ocop.example.vn/checkout/vnpay-return',
    });
    expect(params.vnp_SecureHash).toBe(signVnpayParams(params, SECRET));
    expect(params.vnp_SecureHash).not.toContain(SECRET);
    expect(url.toString()).not.toContain(SECRET);
  });

  it('keeps the order description to what VNPay accepts', () => {
    expect(vnpayOrderInfo('Đặc sản Đồng Đăng – 2 hộp (quà tặng)!')).toBe('Dac san Dong Dang 2 hop qua tang');
    expect(vnpayOrderInfo('***')).toBe('Thanh toan don hang');
    expect(vnpayOrderInfo('a'.repeat(400))).toHaveLength(255);
  });
});

describe('VNPay callback verification', () => {
  it('accepts a callback signed with the merchant secret and reads it in đồng', () => {
    const result = provider.verifyNotification(signedVnpayQuery(paidCallback, SECRET));
    expect(result).toMatchObject({
      verified: true,
      paid: true,
      txnRef: 'OCOPK7M2Q9XA',
      amount: 1_250_000,
      transactionNo: '14612345',
      payDate: new Date('2026-11-23T08:10:00Z'),
    });
  });

  it('rejects a tampered amount, a tampered signature and a signature made with another secret', () => {
    const signed = signedVnpayQuery(paidCallback, SECRET);
    expect(provider.verifyNotification({ ...signed, vnp_Amount: '100' }).verified).toBe(false);
    expect(provider.verifyNotification({ ...signed, vnp_ResponseCode: '24' }).verified).toBe(false);
    const flipped = signed.vnp_SecureHash!.replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    expect(provider.verifyNotification({ ...signed, vnp_SecureHash: flipped }).verified).toBe(false);
    expect(
      provider.verifyNotification(signedVnpayQuery(paidCallback, 'ANOTHERSECRETKEY0123456789ABCDEF')).verified,
    ).toBe(false);
    const { vnp_SecureHash: _dropped, ...unsigned } = signed;
    expect(provider.verifyNotification(unsigned).verified).toBe(false);
  });

  it("accepts the signature in upper-case hex, as VNPay's own samples do", () => {
    const signed = signedVnpayQuery(paidCallback, SECRET);
    expect(
      provider.verifyNotification({ ...signed, vnp_SecureHash: signed.vnp_SecureHash!.toUpperCase() }).verified,
    ).toBe(true);
  });

  it('ignores parameters that VNPay does not sign, as its own samples do', () => {
    const signed = signedVnpayQuery(paidCallback, SECRET);
    expect(provider.verifyNotification({ ...signed, utm_source: 'zalo' }).verified).toBe(true);
  });

  it('reads a declined payment as verified but not paid', () => {
    const cancelled = signedVnpayQuery(
      { ...paidCallback, vnp_ResponseCode: '24', vnp_TransactionStatus: '02' },
      SECRET,
    );
    expect(provider.verifyNotification(cancelled)).toMatchObject({ verified: true, paid: false, responseCode: '24' });
  });

  it('refuses a callback without a numeric amount before computing anything', () => {
    expect(() =>
      provider.verifyNotification({ ...signedVnpayQuery(paidCallback, SECRET), vnp_Amount: '12e5' }),
    ).toThrow(/numeric amount/);
  });
});
