import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { PAYMENT_OUTCOME_LISTENER, type PaymentOutcomeListener } from './payment-outcome-listener.js';
import { PaymentsService } from './payments.service.js';
import { leakedSecrets, newOrderId, paymentTestEnv, sql, TEST_SECRETS, TEST_TMN_CODE } from './testing/fixtures.js';
import { startQueryDrStub, type QueryDrStub } from './testing/vnpay-querydr-stub.js';
import { signedVnpayQuery } from './testing/vnpay-signer.js';
import { VnpayService } from './vnpay.service.js';

const RETURN_URL = 'https://cho-ocop.example.vn/checkout/vnpay-return';

describe('VNPay', () => {
  let api: TestApp;
  let stub: QueryDrStub;
  let payments: PaymentsService;
  let listener: PaymentOutcomeListener;

  beforeAll(async () => {
    stub = await startQueryDrStub(TEST_TMN_CODE, TEST_SECRETS.vnpaySecret);
    api = await startTestApp({ seedDemo: false, env: paymentTestEnv({ vnpayApiHost: stub.url }) });
    payments = api.app.get(PaymentsService);
    listener = api.app.get<PaymentOutcomeListener>(PAYMENT_OUTCOME_LISTENER, { strict: false });
  });
  afterAll(async () => {
    await api.close();
    await stub.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function newPayment(amount = 1_250_000) {
    return payments.createPayment({
      customerOrderId: newOrderId(),
      amount,
      method: 'vnpay',
      buyerIp: '203.113.1.5',
      orderInfo: 'Thanh toán đơn hàng',
      returnUrl: RETURN_URL,
    });
  }

  /** What VNPay sends for a payment, signed with the merchant secret. */
  function vnpayQuery(reference: string, amount: number, overrides: Record<string, string> = {}) {
    return signedVnpayQuery(
      {
        vnp_Amount: String(amount * 100),
        vnp_BankCode: 'NCB',
        vnp_BankTranNo: 'VNP14612345',
        vnp_CardType: 'ATM',
        vnp_OrderInfo: 'Thanh toan don hang',
        vnp_PayDate: '20261123151000',
        vnp_ResponseCode: '00',
        vnp_TmnCode: TEST_TMN_CODE,
        vnp_TransactionNo: '14612345',
        vnp_TransactionStatus: '00',
        vnp_TxnRef: reference,
        ...overrides,
      },
      TEST_SECRETS.vnpaySecret,
    );
  }

  const ipn = (query: Record<string, string>) =>
    api.request('GET', `/api/payments/vnpay/ipn?${new URLSearchParams(query)}`);
  const status = async (id: string) => (await payments.getPayment(id)).status;
  const callbacks = (paymentId: string) =>
    sql<{ outcome: string; signature_valid: boolean; dedupe_key: string | null }>(
      api.databaseUrl,
      'SELECT outcome, signature_valid, dedupe_key FROM payment_callbacks WHERE payment_id = $1 ORDER BY id',
      [paymentId],
    );

  it('starts with a signed payment URL and a pending payment that the buyer can read with its token', async () => {
    const created = await newPayment();
    expect(created.action.type).toBe('redirect');
    const url = new URL((created.action as { redirectUrl: string }).redirectUrl);
    expect(url.searchParams.get('vnp_TxnRef')).toBe(created.payment.reference);
    expect(url.searchParams.get('vnp_Amount')).toBe('125000000');
    expect(created.payment).toMatchObject({ status: 'pending', method: 'vnpay', isCash: false, amountDue: 1_250_000 });

    const read = await api.request('GET', `/api/payments/${created.payment.id}`, {
      headers: { 'x-payment-token': created.accessToken },
    });
    expect(read.status).toBe(200);
    expect(read.body.instructions.redirectUrl).toBe(url.toString());
    expect(
      (await api.request('GET', `/api/payments/${created.payment.id}`, { headers: { 'x-payment-token': 'guess' } }))
        .status,
    ).toBe(404);
    expect((await api.request('GET', `/api/payments/${created.payment.id}`)).status).toBe(404);
  });

  it('00: captures a paid IPN once, inside the transaction the listener joins', async () => {
    const created = await newPayment();
    let statusSeenByListener: string | undefined;
    const succeeded = vi.spyOn(listener, 'paymentSucceeded').mockImplementation(async (event, manager) => {
      const [row] = await manager.query('SELECT status FROM payments WHERE id = $1', [event.paymentId]);
      statusSeenByListener = row.status;
    });

    const reply = await ipn(vnpayQuery(created.payment.reference, 1_250_000));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect(succeeded).toHaveBeenCalledTimes(1);
    expect(succeeded.mock.calls[0]![0]).toMatchObject({
      paymentId: created.payment.id,
      customerOrderId: created.payment.customerOrderId,
      method: 'vnpay',
      isCash: false,
      amountReceived: 1_250_000,
      providerTransactionId: '14612345',
    });
    expect(statusSeenByListener).toBe('succeeded');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'succeeded',
      amountReceived: 1_250_000,
      paidAt: '2026-11-23T08:10:00.000Z',
      instructions: null,
    });
  });

  it('02: a retried IPN changes nothing and says already confirmed', async () => {
    const created = await newPayment();
    const query = vnpayQuery(created.payment.reference, 1_250_000);
    expect((await ipn(query)).body.RspCode).toBe('00');
    const succeeded = vi.spyOn(listener, 'paymentSucceeded');
    expect((await ipn(query)).body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect((await ipn(query)).body.RspCode).toBe('02');
    expect(succeeded).not.toHaveBeenCalled();
    expect((await callbacks(created.payment.id)).map((c) => c.outcome)).toEqual(['00', '02', '02']);
  });

  it('00 then 02: a failed payment (buyer cancelled) is closed once, and a later "paid" replay cannot revive it', async () => {
    const created = await newPayment();
    const closed = vi.spyOn(listener, 'paymentClosed');
    const cancelledByBuyer = vnpayQuery(created.payment.reference, 1_250_000, {
      vnp_ResponseCode: '24',
      vnp_TransactionStatus: '02',
    });
    expect((await ipn(cancelledByBuyer)).body.RspCode).toBe('00');
    expect(closed).toHaveBeenCalledTimes(1);
    expect(await payments.getPayment(created.payment.id)).toMatchObject({ status: 'failed', failureCode: '24' });

    // The same TxnRef can never be paid after a failure, so a "paid" IPN for it is recorded and flagged, not applied.
    expect((await ipn(vnpayQuery(created.payment.reference, 1_250_000))).body.RspCode).toBe('02');
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'failed',
      flags: ['late_payment'],
      amountToRefund: 1_250_000,
    });
  });

  it('01: an IPN for a TxnRef we never issued', async () => {
    const reply = await ipn(vnpayQuery('OCOPZZZZZZZZ', 10_000));
    expect(reply.body).toEqual({ RspCode: '01', Message: 'Order not found' });
  });

  it('04: an amount other than the payment amount leaves it pending and flagged', async () => {
    const created = await newPayment();
    const reply = await ipn(vnpayQuery(created.payment.reference, 1_000_000));
    expect(reply.body).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'pending',
      flags: ['amount_mismatch'],
    });
  });

  it('97: tampered, unsigned, wrongly signed or malformed IPNs change nothing and are recorded as invalid', async () => {
    const created = await newPayment();
    const genuine = vnpayQuery(created.payment.reference, 1_250_000);
    const tampered = [
      { ...genuine, vnp_Amount: '100' }, // a cheaper amount
      { ...genuine, vnp_ResponseCode: '00', vnp_TxnRef: 'OCOPZZZZZZZZ' }, // someone else's order
      (({ vnp_SecureHash: _omit, ...rest }) => rest)(genuine), // no signature
      signedVnpayQuery({ ...genuine, vnp_SecureHash: '' }, 'WRONGSECRET0123456789ABCDEFGHIJK'), // another key
      { ...genuine, vnp_Amount: 'abc' }, // not a number
      { ...genuine, vnp_SecureHash: 'deadbeef' }, // garbage signature
    ];
    for (const query of tampered) {
      expect((await ipn(query)).body).toEqual({ RspCode: '97', Message: 'Fail checksum' });
    }
    const repeated = await api.request('GET', `/api/payments/vnpay/ipn?${new URLSearchParams(genuine)}&vnp_Amount=1`);
    expect(repeated.body.RspCode).toBe('97');
    expect(await status(created.payment.id)).toBe('pending');
    const invalid = await sql<{ count: number }>(
      api.databaseUrl,
      "SELECT count(*)::int AS count FROM payment_callbacks WHERE source = 'vnpay_ipn' AND outcome = '97' AND NOT signature_valid",
    );
    expect(invalid[0]!.count).toBeGreaterThanOrEqual(tampered.length + 1);
  });

  it('99: when the order side fails, nothing is written and VNPay is asked to retry', async () => {
    const created = await newPayment();
    vi.spyOn(listener, 'paymentSucceeded').mockRejectedValueOnce(new Error('orders are down'));
    const query = vnpayQuery(created.payment.reference, 1_250_000);
    expect((await ipn(query)).body).toEqual({ RspCode: '99', Message: 'Unknown error' });
    expect(await status(created.payment.id)).toBe('pending');
    // VNPay's retry succeeds once the order side is back.
    expect((await ipn(query)).body.RspCode).toBe('00');
    expect(await status(created.payment.id)).toBe('succeeded');
  });

  it('captures exactly once when 20 identical IPNs arrive at the same time', async () => {
    const created = await newPayment(450_000);
    const succeeded = vi.spyOn(listener, 'paymentSucceeded');
    const query = vnpayQuery(created.payment.reference, 450_000);
    const replies = await Promise.all(Array.from({ length: 20 }, () => ipn(query)));
    const codes = replies.map((reply) => reply.body.RspCode).sort();
    expect(codes).toEqual(['00', ...Array(19).fill('02')]);
    expect(succeeded).toHaveBeenCalledTimes(1);
    const rows = await callbacks(created.payment.id);
    expect(rows.filter((row) => row.outcome === '00')).toHaveLength(1);
    expect(rows.filter((row) => row.outcome === '02')).toHaveLength(19);
    expect(rows.filter((row) => row.dedupe_key !== null)).toHaveLength(1);
    expect(await payments.getPayment(created.payment.id)).toMatchObject({
      status: 'succeeded',
      amountReceived: 450_000,
    });
  });

  describe('return URL', () => {
    it('tells the buyer what VNPay said without changing anything', async () => {
      const created = await newPayment();
      const query = vnpayQuery(created.payment.reference, 1_250_000);
      const shown = await api.request('GET', `/api/payments/vnpay/return?${new URLSearchParams(query)}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual({
        verified: true,
        paid: true,
        message: 'Giao dịch thành công',
        reference: created.payment.reference,
        paymentId: created.payment.id,
        status: 'pending',
      });
      expect(await status(created.payment.id)).toBe('pending');
      expect(await callbacks(created.payment.id)).toEqual([]);

      await ipn(query);
      expect((await api.request('GET', `/api/payments/vnpay/return?${new URLSearchParams(query)}`)).body.status).toBe(
        'succeeded',
      );
    });

    it('refuses a forged return query', async () => {
      const created = await newPayment();
      const forged = {
        ...vnpayQuery(created.payment.reference, 1_250_000, { vnp_ResponseCode: '24' }),
        vnp_ResponseCode: '00',
      };
      const shown = await api.request('GET', `/api/payments/vnpay/return?${new URLSearchParams(forged)}`);
      expect(shown.status).toBe(400);
      expect(shown.body.code).toBe('invalid_signature');
      expect(await status(created.payment.id)).toBe('pending');
    });
  });

  describe('reconciliation (QueryDR)', () => {
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

    it('asks VNPay with a valid signature and applies what it says about each pending payment', async () => {
      const paid = await newPayment(300_000);
      const failed = await newPayment(310_000);
      const abandoned = await newPayment(320_000);
      const unsigned = await newPayment(330_000);
      const forged = await newPayment(340_000);
      const shortPaid = await newPayment(350_000);
      stub.answers.set(paid.payment.reference, {
        vnp_ResponseCode: '00',
        vnp_TransactionStatus: '00',
        vnp_Amount: '30000000',
        vnp_TransactionNo: '14700001',
        vnp_PayDate: '20261123151500',
        vnp_BankCode: 'NCB',
      });
      stub.answers.set(failed.payment.reference, {
        vnp_ResponseCode: '00',
        vnp_TransactionStatus: '02',
        vnp_Amount: '31000000',
      });
      // `abandoned` is unknown to VNPay: the stub answers 91.
      stub.answers.set(unsigned.payment.reference, {
        vnp_ResponseCode: '00',
        vnp_TransactionStatus: '00',
        vnp_Amount: '33000000',
        unsigned: true,
      });
      stub.answers.set(forged.payment.reference, {
        vnp_ResponseCode: '00',
        vnp_TransactionStatus: '00',
        vnp_Amount: '34000000',
        wrongSignature: true,
      });
      stub.answers.set(shortPaid.payment.reference, {
        vnp_ResponseCode: '00',
        vnp_TransactionStatus: '00',
        vnp_Amount: '100',
      });
      const closed = vi.spyOn(listener, 'paymentClosed');

      const summary = await api.app.get(VnpayService).reconcilePendingVnpay(10, later(30));
      expect(stub.requests.length).toBeGreaterThanOrEqual(6);
      expect(stub.requests.every((request) => request.signatureValid)).toBe(true);
      expect(summary).toMatchObject({ captured: 1, failed: 1 });
      expect(summary.expired).toBeGreaterThanOrEqual(1); // older pending payments of this file expire too

      expect(await payments.getPayment(paid.payment.id)).toMatchObject({
        status: 'succeeded',
        paidAt: '2026-11-23T08:15:00.000Z',
      });
      expect(await status(failed.payment.id)).toBe('failed');
      expect(await status(abandoned.payment.id)).toBe('expired');
      const closedIds = closed.mock.calls.map(([event]) => event.paymentId);
      expect(closedIds).toEqual(expect.arrayContaining([failed.payment.id, abandoned.payment.id]));
      // Answers we cannot authenticate, or with the wrong amount, decide nothing.
      expect(await status(unsigned.payment.id)).toBe('pending');
      expect(await status(forged.payment.id)).toBe('pending');
      expect(await payments.getPayment(shortPaid.payment.id)).toMatchObject({
        status: 'pending',
        flags: ['amount_mismatch'],
      });
      expect((await callbacks(unsigned.payment.id)).at(-1)).toMatchObject({
        outcome: 'invalid_signature',
        signature_valid: false,
      });
    });

    it('leaves young payments alone and keeps a payment VNPay has not finished pending until its time is up', async () => {
      const young = await newPayment(360_000);
      const before = stub.requests.length;
      await api.app.get(VnpayService).reconcilePendingVnpay(10, later(5));
      expect(stub.requests.slice(before).some((request) => request.body.vnp_TxnRef === young.payment.reference)).toBe(
        false,
      );

      stub.answers.set(young.payment.reference, {
        vnp_ResponseCode: '00',
        vnp_TransactionStatus: '01',
        vnp_Amount: '36000000',
      });
      await api.app.get(VnpayService).reconcilePendingVnpay(10, later(12));
      expect(await status(young.payment.id)).toBe('pending'); // not finished, still within its 15 minutes
      await api.app.get(VnpayService).reconcilePendingVnpay(10, later(16));
      expect(await status(young.payment.id)).toBe('expired');
    });

    it('counts an unreachable VNPay as an error and expires nothing', async () => {
      const created = await newPayment(370_000);
      await stub.close();
      const summary = await api.app.get(VnpayService).reconcilePendingVnpay(10, later(60));
      expect(summary.errors).toBeGreaterThanOrEqual(1);
      expect(await status(created.payment.id)).toBe('pending');
    });
  });

  it('never stores or returns the merchant secret', async () => {
    const stored = await sql<{ payload: unknown }>(api.databaseUrl, 'SELECT payload FROM payment_callbacks');
    expect(leakedSecrets(JSON.stringify(stored))).toEqual([]);
    const instructions = await sql<{ instructions: unknown }>(api.databaseUrl, 'SELECT instructions FROM payments');
    expect(leakedSecrets(JSON.stringify(instructions))).toEqual([]);
  });
});
