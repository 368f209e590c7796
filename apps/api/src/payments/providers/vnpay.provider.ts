import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HashAlgorithm, ignoreLogger, ProductCode, type QueryDr, RefundTransactionType, VNPay, VnpLocale } from 'vnpay';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import type { Payment } from '../payment.entity.js';
import type {
  CancelAtProvider,
  PaymentProvider,
  PaymentStartContext,
  RefundAtProvider,
  RefundRequest,
  StartedPayment,
} from '../payment-provider.js';
import { fromVnpayDate, toVnpayDate } from '../vnpay-dates.js';

/** A VNPay notification (IPN or return URL) after its signature was checked. */
export interface VnpayNotification {
  verified: boolean;
  txnRef: string;
  /** In đồng: VNPay sends ×100 and the library divides; a fraction means the amount is wrong. */
  amount: number;
  responseCode: string;
  transactionStatus: string | null;
  transactionNo: string | null;
  bankCode: string | null;
  payDate: Date | null;
  /** Both codes say the money was taken. Meaningless unless `verified`. */
  paid: boolean;
  /** VNPay's Vietnamese description of the response code, for the buyer. */
  message: string;
}

/** VNPay's answer to a QueryDR request about one of our payments. */
export interface VnpayQueryResult {
  verified: boolean;
  /** `00` request answered; `91` no such transaction; others: the query itself failed. */
  responseCode: string;
  /** `00` paid, `01` not finished, `02` failed, others: reversed or refunded. */
  transactionStatus: string | null;
  amount: number | null;
  transactionNo: string | null;
  payDate: Date | null;
  raw: Record<string, unknown>;
}

/** Thrown when a callback lacks what any VNPay callback has (a numeric amount, a TxnRef). */
export class MalformedVnpayCallback extends Error {}

const QUERY_TIMEOUT_MS = 15_000;

/**
 * vnp_OrderInfo must be Vietnamese without diacritics and without special characters, or VNPay
 * rejects the payment page.
 */
export function vnpayOrderInfo(text: string): string {
  const ascii = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.slice(0, 255) || 'Thanh toan don hang';
}

/** VNPay wants an IPv4 address; Node reports IPv4 callers over an IPv6 socket as ::ffff:a.b.c.d. */
function ipv4(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  return /^\d+\.\d+\.\d+\.\d+$/.test(address) ? address : '127.0.0.1';
}

/** VNPay's payment gateway through the `vnpay` library: a signed redirect, signed IPNs, QueryDR. */
@Injectable()
export class VnpayProvider implements PaymentProvider {
  readonly method = 'vnpay' as const;
  readonly available: boolean;
  readonly expiryMinutes: number;
  private readonly client: VNPay | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expiryMinutes = config.PAYMENT_EXPIRY_MINUTES;
    this.available = Boolean(config.VNPAY_TMN_CODE && config.VNPAY_SECURE_SECRET);
    this.client = this.available
      ? new VNPay({
          tmnCode: config.VNPAY_TMN_CODE!,
          secureSecret: config.VNPAY_SECURE_SECRET!,
          vnpayHost: config.VNPAY_HOST,
          // Without this the library sends QueryDR to the sandbox whatever vnpayHost says.
          queryDrAndRefundHost: config.VNPAY_API_HOST ?? config.VNPAY_HOST,
          // testMode would force the sandbox hosts; the host settings above decide instead.
          testMode: false,
          hashAlgorithm: HashAlgorithm.SHA512,
          // The library's log lines carry the whole signed request; ours are written without them.
          enableLog: false,
          loggerFn: ignoreLogger,
        })
      : null;
  }

  private get vnpay(): VNPay {
    if (!this.client) throw new Error('VNPay is not configured');
    return this.client;
  }

  async start(payment: Payment, context: PaymentStartContext): Promise<StartedPayment> {
    if (!context.returnUrl) throw new Error('A VNPay payment needs a return URL');
    const redirectUrl = this.vnpay.buildPaymentUrl({
      vnp_Amount: payment.amount,
      vnp_TxnRef: payment.reference,
      vnp_OrderInfo: vnpayOrderInfo(context.orderInfo),
      vnp_OrderType: ProductCode.Other,
      vnp_IpAddr: ipv4(context.buyerIp),
      vnp_ReturnUrl: context.returnUrl,
      vnp_Locale: context.locale === 'en' ? VnpLocale.EN : VnpLocale.VN,
      vnp_CreateDate: toVnpayDate(payment.createdAt),
      vnp_ExpireDate: toVnpayDate(payment.expiresAt!),
    });
    return {
      providerReference: payment.reference,
      action: { type: 'redirect', redirectUrl },
      instructions: { redirectUrl },
    };
  }

  /** VNPay has no API to withdraw a payment URL; it stops accepting it at vnp_ExpireDate. */
  async cancel(): Promise<CancelAtProvider> {
    return 'not_supported';
  }

  /**
   * Checks the HMAC-SHA512 signature of an IPN or return-URL query. Only `vnp_` parameters are
   * signed, so anything else in the query is left out, as VNPay's own samples do.
   */
  verifyNotification(query: Record<string, string>): VnpayNotification {
    const signed = Object.fromEntries(Object.entries(query).filter(([key]) => key.startsWith('vnp_')));
    if (!signed.vnp_TxnRef || !/^\d+$/.test(signed.vnp_Amount ?? '')) {
      throw new MalformedVnpayCallback('The callback has no TxnRef or no numeric amount');
    }
    const result = this.vnpay.verifyIpnCall({
      ...signed,
      // Hex is case-free; VNPay's own samples compare ignoring case, the library does not.
      ...(signed.vnp_SecureHash ? { vnp_SecureHash: signed.vnp_SecureHash.toLowerCase() } : {}),
      vnp_TxnRef: signed.vnp_TxnRef,
      vnp_Amount: signed.vnp_Amount!,
      vnp_OrderInfo: signed.vnp_OrderInfo ?? '',
      vnp_ResponseCode: signed.vnp_ResponseCode ?? '',
    });
    const responseCode = String(signed.vnp_ResponseCode ?? '');
    const transactionStatus = signed.vnp_TransactionStatus ?? null;
    return {
      verified: result.isVerified,
      txnRef: signed.vnp_TxnRef,
      amount: Number(result.vnp_Amount),
      responseCode,
      transactionStatus,
      transactionNo: signed.vnp_TransactionNo ?? null,
      bankCode: signed.vnp_BankCode ?? null,
      payDate: fromVnpayDate(signed.vnp_PayDate),
      // vnp_TransactionStatus is absent from some older callbacks; the response code then decides.
      paid: responseCode === '00' && (transactionStatus === null || transactionStatus === '00'),
      message: result.message,
    };
  }

  /**
   * Refunds through VNPay's merchant API (`refund` command on VNPAY_API_HOST): type 02 when the whole
   * captured amount goes back, 03 for a part; dates in GMT+7; the library signs and checks the answer.
   */
  async refund(payment: Payment, request: RefundRequest, now: Date = new Date()): Promise<RefundAtProvider> {
    const full = request.amount === payment.amountReceived;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('VNPay refund timed out')), QUERY_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([
        this.vnpay.refund({
          vnp_RequestId: randomBytes(16).toString('hex'),
          vnp_TxnRef: payment.reference,
          // The library multiplies by 100, as VNPay wants.
          vnp_Amount: request.amount,
          vnp_TransactionType: full ? RefundTransactionType.FULL_REFUND : RefundTransactionType.PARTIAL_REFUND,
          // VNPay's own number of the payment; the library sends 0 when it is unknown.
          ...(/^\d+$/.test(payment.providerTransactionId ?? '')
            ? { vnp_TransactionNo: Number(payment.providerTransactionId) }
            : {}),
          vnp_TransactionDate: toVnpayDate(payment.createdAt),
          vnp_CreateDate: toVnpayDate(now),
          vnp_CreateBy: 'ocop-platform',
          vnp_IpAddr: '127.0.0.1',
          vnp_OrderInfo: `Hoan tien ${payment.reference}`,
        }),
        timeout,
      ]);
      const raw = result as unknown as Record<string, unknown>;
      // An unsigned answer proves nothing (the library would accept it).
      if (!result.isVerified || typeof raw.vnp_SecureHash !== 'string' || raw.vnp_SecureHash.length === 0) {
        throw new Error('VNPay refund answer has no valid signature');
      }
      if (String(raw.vnp_ResponseCode) !== '00') {
        throw new Error(`VNPay refused the refund: ${String(raw.vnp_ResponseCode)} ${result.message}`);
      }
      return {
        outcome: 'succeeded',
        providerReference: raw.vnp_TransactionNo === undefined ? null : String(raw.vnp_TransactionNo),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Asks VNPay (QueryDR) what became of a payment whose IPN we may have missed. */
  async queryTransaction(payment: Payment, now: Date = new Date()): Promise<VnpayQueryResult> {
    const request: Omit<QueryDr, 'vnp_TransactionNo'> = {
      vnp_RequestId: randomBytes(16).toString('hex'),
      vnp_TxnRef: payment.reference,
      vnp_OrderInfo: `Truy van giao dich ${payment.reference}`,
      vnp_TransactionDate: toVnpayDate(payment.createdAt),
      vnp_CreateDate: toVnpayDate(now),
      vnp_IpAddr: '127.0.0.1',
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('VNPay QueryDR timed out')), QUERY_TIMEOUT_MS);
    });
    try {
      // vnp_TransactionNo is optional for VNPay (we do not know it for a payment never confirmed).
      const result = await Promise.race([this.vnpay.queryDr(request as QueryDr), timeout]);
      const raw = result as unknown as Record<string, unknown>;
      // The library treats an answer without vnp_SecureHash as verified; such an answer proves nothing.
      const signed = typeof raw.vnp_SecureHash === 'string' && raw.vnp_SecureHash.length > 0;
      // An answer about another transaction (echoed TxnRef) must not settle this one.
      const about = String(raw.vnp_TxnRef ?? payment.reference) === payment.reference;
      const amount = raw.vnp_Amount === undefined || raw.vnp_Amount === null ? null : Number(raw.vnp_Amount) / 100;
      return {
        verified: result.isVerified && signed && about,
        responseCode: String(raw.vnp_ResponseCode ?? ''),
        transactionStatus: raw.vnp_TransactionStatus === undefined ? null : String(raw.vnp_TransactionStatus),
        amount,
        transactionNo: raw.vnp_TransactionNo === undefined ? null : String(raw.vnp_TransactionNo),
        payDate: fromVnpayDate(raw.vnp_PayDate as string | number | undefined),
        raw,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
