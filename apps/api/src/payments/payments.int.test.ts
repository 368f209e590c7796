import { randomBytes } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppModule } from '../app.module.js';
import { parseConfig } from '../core/config/app-config.js';
import { createTestDatabase, startTestApp, type TestApp } from '../testing/test-app.js';
import {
  PAYMENT_OUTCOME_LISTENER,
  type PaymentOutcomeEvent,
  type PaymentOutcomeListener,
} from './payment-outcome-listener.js';
import { PaymentJobsScheduler } from './payment-jobs.scheduler.js';
import { PaymentsService } from './payments.service.js';
import { newOrderId, paymentTestEnv, sql, TEST_SECRETS, TEST_TMN_CODE } from './testing/fixtures.js';
import { signedVnpayQuery } from './testing/vnpay-signer.js';

const input = (overrides: Partial<Parameters<PaymentsService['createPayment']>[0]> = {}) => ({
  customerOrderId: newOrderId(),
  amount: 350_000,
  method: 'cod' as const,
  buyerIp: '203.113.1.5',
  orderInfo: 'Đơn hàng',
  returnUrl: 'https://cho-ocop.example.vn/checkout/vnpay-return',
  ...overrides,
});

describe('payments', () => {
  let api: TestApp;
  let payments: PaymentsService;

  beforeAll(async () => {
    api = await startTestApp({ env: paymentTestEnv() });
    payments = api.app.get(PaymentsService);
  });
  afterAll(() => api.close());

  it('offers the methods whose credentials are configured; cash on delivery always', async () => {
    expect((await api.request('GET', '/api/payments/methods')).body).toEqual([
      { method: 'vnpay', isCash: false },
      { method: 'vietqr', isCash: false },
      { method: 'card', isCash: false },
      { method: 'cod', isCash: true },
    ]);
    const bare = await startTestApp({ seedDemo: false });
    try {
      expect((await bare.request('GET', '/api/payments/methods')).body).toEqual([{ method: 'cod', isCash: true }]);
      await expect(bare.app.get(PaymentsService).createPayment(input({ method: 'vnpay' }))).rejects.toMatchObject({
        code: 'payment_method_unavailable',
      });
    } finally {
      await bare.close();
    }
  });

  it('records cash on delivery as cash, pending until the courier collects it', async () => {
    const listener = api.app.get<PaymentOutcomeListener>(PAYMENT_OUTCOME_LISTENER, { strict: false });
    const succeeded = vi.spyOn(listener, 'paymentSucceeded');
    const created = await payments.createPayment(input());
    expect(created.action).toEqual({ type: 'none' });
    expect(created.payment).toMatchObject({
      method: 'cod',
      isCash: true,
      status: 'pending',
      expiresAt: null,
      instructions: null,
    });
    const [row] = await sql<{ is_cash: boolean }>(api.databaseUrl, 'SELECT is_cash FROM payments WHERE id = $1', [
      created.payment.id,
    ]);
    expect(row!.is_cash).toBe(true);

    const collected = await payments.confirmCashCollected(created.payment.id);
    expect(collected).toMatchObject({ status: 'succeeded', amountReceived: 350_000 });
    expect(succeeded).toHaveBeenCalledTimes(1);
    expect(await payments.confirmCashCollected(created.payment.id)).toMatchObject({ status: 'succeeded' });
    expect(succeeded).toHaveBeenCalledTimes(1);
    succeeded.mockRestore();
  });

  it('refuses bad amounts, a VNPay payment without a return URL, and a second payment for a paid order', async () => {
    await expect(payments.createPayment(input({ amount: 0 }))).rejects.toMatchObject({
      code: 'invalid_payment_amount',
    });
    await expect(payments.createPayment(input({ amount: 1000.5 }))).rejects.toMatchObject({
      code: 'invalid_payment_amount',
    });
    await expect(payments.createPayment(input({ method: 'vnpay', returnUrl: undefined }))).rejects.toMatchObject({
      code: 'return_url_required',
    });
    const order = newOrderId();
    const first = await payments.createPayment(input({ customerOrderId: order }));
    await payments.confirmCashCollected(first.payment.id);
    await expect(payments.createPayment(input({ customerOrderId: order, method: 'vietqr' }))).rejects.toMatchObject({
      code: 'order_already_paid',
      status: 409,
    });
  });

  it("creates the payment inside the caller's transaction, so it vanishes with a rollback", async () => {
    const order = newOrderId();
    await expect(
      api.app.get(DataSource).transaction(async (manager) => {
        await payments.createPayment(input({ customerOrderId: order, method: 'vietqr' }), manager);
        expect(await payments.listForOrder(order, manager)).toHaveLength(1);
        throw new Error('the order could not be placed');
      }),
    ).rejects.toThrow('the order could not be placed');
    expect(await payments.listForOrder(order)).toEqual([]);
  });

  it("lists an order's payments and flags a second success for the same order", async () => {
    const order = newOrderId();
    const vnpay = await payments.createPayment(input({ customerOrderId: order, method: 'vnpay' }));
    const cod = await payments.createPayment(input({ customerOrderId: order }));
    await payments.confirmCashCollected(cod.payment.id);
    // The buyer had also paid by VNPay in another tab: its IPN still captures, flagged.
    const query = signedVnpayQuery(
      {
        vnp_Amount: '35000000',
        vnp_ResponseCode: '00',
        vnp_TransactionStatus: '00',
        vnp_TxnRef: vnpay.payment.reference,
        vnp_TmnCode: TEST_TMN_CODE,
        vnp_TransactionNo: '1',
        vnp_OrderInfo: 'x',
      },
      TEST_SECRETS.vnpaySecret,
    );
    expect((await api.request('GET', `/api/payments/vnpay/ipn?${new URLSearchParams(query)}`)).body.RspCode).toBe('00');
    const listed = await payments.listForOrder(order);
    expect(listed.map((payment) => [payment.method, payment.status, payment.flags])).toEqual([
      ['vnpay', 'succeeded', ['duplicate_order_payment']],
      ['cod', 'succeeded', []],
    ]);
  });

  it('expires overdue payments, leaving VNPay ones to the reconciliation, and tells the listener', async () => {
    const listener = api.app.get<PaymentOutcomeListener>(PAYMENT_OUTCOME_LISTENER, { strict: false });
    const closed = vi.spyOn(listener, 'paymentClosed');
    const transfer = await payments.createPayment(input({ method: 'vietqr' }));
    const vnpay = await payments.createPayment(input({ method: 'vnpay' }));
    const cod = await payments.createPayment(input());

    expect(await payments.expireOverdue(new Date(Date.now() + 30 * 60_000))).toBe(0); // VietQR lasts 60 minutes
    const expired = await payments.expireOverdue(new Date(Date.now() + 61 * 60_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await payments.getPayment(transfer.payment.id)).status).toBe('expired');
    expect((await payments.getPayment(vnpay.payment.id)).status).toBe('pending');
    expect((await payments.getPayment(cod.payment.id)).status).toBe('pending');
    expect(
      closed.mock.calls.some(([event]) => event.paymentId === transfer.payment.id && event.status === 'expired'),
    ).toBe(true);
    closed.mockRestore();

    const order = newOrderId();
    await payments.createPayment(input({ customerOrderId: order, method: 'vietqr' }));
    await payments.createPayment(input({ customerOrderId: order, method: 'vnpay' }));
    const closedForOrder = await payments.closePendingForOrder(order, 'cancelled');
    expect(closedForOrder.map((payment) => payment.status)).toEqual(['cancelled', 'cancelled']);
    await expect(payments.confirmCashCollected('not-a-uuid')).rejects.toMatchObject({ code: 'payment_not_found' });

    // Closing again is harmless and reports the state.
    expect((await payments.markExpired(transfer.payment.id)).status).toBe('expired');
    expect((await payments.cancelPayment(cod.payment.id)).status).toBe('cancelled');
  });

  it('computes the non-cash share by count and by value', async () => {
    const from = new Date();
    for (const [method, amount] of [
      ['cod', 100_000],
      ['cod', 100_000],
    ] as const) {
      const created = await payments.createPayment(input({ method, amount }));
      await payments.confirmCashCollected(created.payment.id);
    }
    const online = await payments.createPayment(input({ method: 'vnpay', amount: 800_000 }));
    await api.request(
      'GET',
      `/api/payments/vnpay/ipn?${new URLSearchParams(
        signedVnpayQuery(
          {
            vnp_Amount: '80000000',
            vnp_ResponseCode: '00',
            vnp_TransactionStatus: '00',
            vnp_TxnRef: online.payment.reference,
            vnp_TmnCode: TEST_TMN_CODE,
            vnp_TransactionNo: '2',
            vnp_OrderInfo: 'x',
          },
          TEST_SECRETS.vnpaySecret,
        ),
      )}`,
    );
    const mix = await payments.paymentMix(from, new Date(Date.now() + 60_000));
    expect(mix.byMethod).toEqual([
      { method: 'cod', isCash: true, count: 2, amount: 200_000 },
      { method: 'vnpay', isCash: false, count: 1, amount: 800_000 },
    ]);
    expect(mix.nonCashShareByCount).toBeCloseTo(1 / 3);
    expect(mix.nonCashShareByValue).toBeCloseTo(0.8);
    expect((await payments.paymentMix(new Date(0), new Date(1))).nonCashShareByCount).toBeNull();

    const query = new URLSearchParams({ from: from.toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
    const officer = await api.tokenFor('province_officer');
    const overHttp = await api.request('GET', `/api/payments/mix?${query}`, { token: officer });
    expect(overHttp.status).toBe(200);
    expect(overHttp.body.nonCashShareByValue).toBeCloseTo(0.8);
    expect(
      (await api.request('GET', `/api/payments/mix?${query}`, { token: await api.tokenFor('buyer') })).status,
    ).toBe(403);
    expect((await api.request('GET', '/api/payments/mix?from=yesterday&to=today', { token: officer })).status).toBe(
      400,
    );
  });

  it('documents its routes and shapes in the OpenAPI document', async () => {
    const document = (await api.request('GET', '/api/openapi.json')).body;
    for (const path of [
      '/api/payments/vnpay/ipn',
      '/api/payments/vnpay/return',
      '/api/payments/bank-transfers/webhook',
      '/api/payments/stripe/webhook',
      '/api/payments/{id}',
      '/api/payments/{id}/vietqr.png',
      '/api/payments/methods',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['PaymentDto', 'VnpayIpnReplyDto', 'BankTransferNotificationDto', 'PaymentMixDto']),
    );
  });

  it('answers 404 for an unknown or malformed payment id', async () => {
    expect((await api.request('GET', '/api/payments/not-a-uuid', { headers: { 'x-payment-token': 'x' } })).status).toBe(
      404,
    );
    expect(
      (await api.request('GET', `/api/payments/${newOrderId()}`, { headers: { 'x-payment-token': 'x' } })).status,
    ).toBe(404);
  });
});

describe('the payment sweep', () => {
  it('runs on its interval when enabled and expires what is overdue', async () => {
    const api = await startTestApp({
      seedDemo: false,
      env: { ...paymentTestEnv(), PAYMENT_JOBS_ENABLED: 'true', PAYMENT_JOBS_INTERVAL_SECONDS: '1' },
    });
    try {
      const payments = api.app.get(PaymentsService);
      const created = await payments.createPayment(input({ method: 'vietqr' }));
      await sql(api.databaseUrl, "UPDATE payments SET expires_at = now() - interval '1 minute' WHERE id = $1", [
        created.payment.id,
      ]);
      await vi.waitFor(async () => expect((await payments.getPayment(created.payment.id)).status).toBe('expired'), {
        timeout: 5_000,
        interval: 200,
      });
    } finally {
      await api.close();
    }
  });

  it('is off under tests by default, and a manual sweep does the same work', async () => {
    const api = await startTestApp({ seedDemo: false, env: paymentTestEnv() });
    try {
      const payments = api.app.get(PaymentsService);
      const created = await payments.createPayment(input({ method: 'vietqr' }));
      await sql(api.databaseUrl, "UPDATE payments SET expires_at = now() - interval '1 minute' WHERE id = $1", [
        created.payment.id,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect((await payments.getPayment(created.payment.id)).status).toBe('pending');
      await api.app.get(PaymentJobsScheduler).sweep();
      expect((await payments.getPayment(created.payment.id)).status).toBe('expired');
    } finally {
      await api.close();
    }
  });
});

describe('an outcome listener provided by another module', () => {
  const events: PaymentOutcomeEvent[] = [];

  @Injectable()
  class OrdersListener implements PaymentOutcomeListener {
    async paymentSucceeded(event: PaymentOutcomeEvent, manager: EntityManager): Promise<void> {
      const [row] = await manager.query('SELECT status FROM payments WHERE id = $1', [event.paymentId]);
      events.push({ ...event, status: row.status });
    }
    async paymentClosed(event: PaymentOutcomeEvent): Promise<void> {
      events.push(event);
    }
  }

  @Module({ providers: [OrdersListener, { provide: PAYMENT_OUTCOME_LISTENER, useExisting: OrdersListener }] })
  class FakeOrdersModule {}

  it('is found without the payments module importing it, and called in the capturing transaction', async () => {
    const config = {
      ...parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false' }),
      DATABASE_URL: await createTestDatabase(),
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config), FakeOrdersModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    try {
      const payments = app.get(PaymentsService);
      const created = await payments.createPayment(input());
      await payments.confirmCashCollected(created.payment.id);
      const other = await payments.createPayment(input());
      await payments.cancelPayment(other.payment.id);
      expect(events.map((event) => [event.paymentId, event.status])).toEqual([
        [created.payment.id, 'succeeded'],
        [other.payment.id, 'cancelled'],
      ]);
    } finally {
      await app.close();
    }
  });
});
