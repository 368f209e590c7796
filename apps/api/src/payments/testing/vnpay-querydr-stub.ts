import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signVnpayPipe } from './vnpay-signer.js';

export interface QueryDrAnswer {
  vnp_ResponseCode: string;
  vnp_TransactionStatus?: string;
  /** VND × 100, as VNPay sends it. */
  vnp_Amount?: string;
  vnp_TransactionNo?: string;
  vnp_PayDate?: string;
  vnp_BankCode?: string;
  /** Tampering switches for tests. */
  unsigned?: boolean;
  wrongSignature?: boolean;
}

export interface RefundAnswer {
  /** `00` accepted; e.g. `94` a duplicate request, `99` an unknown error. */
  vnp_ResponseCode: string;
  unsigned?: boolean;
}

export interface QueryDrStub {
  /** For VNPAY_API_HOST. */
  url: string;
  /** What to answer per TxnRef; unknown TxnRefs get 91 (transaction not found). */
  answers: Map<string, QueryDrAnswer>;
  /** Every request received, with whether its signature was right. */
  requests: { body: Record<string, string>; signatureValid: boolean }[];
  /** What to answer to a refund per TxnRef; unknown TxnRefs are refunded (`00`). */
  refundAnswers: Map<string, RefundAnswer>;
  /** Every refund request received (the same endpoint, `vnp_Command=refund`), with its signature check. */
  refundRequests: { body: Record<string, string>; signatureValid: boolean }[];
  close(): Promise<void>;
}

/**
 * Impersonates VNPay's merchant_webapi/api/transaction endpoint for QueryDR on 127.0.0.1: checks
 * the request's signature like VNPay does and answers signed, so the reconciliation is tested
 * against the wire format and not against a mock of our own client.
 */
export async function startQueryDrStub(tmnCode: string, secret: string): Promise<QueryDrStub> {
  const answers = new Map<string, QueryDrAnswer>();
  const requests: QueryDrStub['requests'] = [];
  const refundAnswers = new Map<string, RefundAnswer>();
  const refundRequests: QueryDrStub['refundRequests'] = [];

  /**
   * VNPay's refund command: the request signs 13 fields joined by '|', the amount as sent (đồng × 100).
   * The answer is signed over the documented fields; its amount is signed as the `vnpay` library
   * checks it (divided by 100 first), so that the library accepts a correctly signed answer.
   */
  const answerRefund = (body: Record<string, string>): Record<string, string> => {
    const expected = signVnpayPipe(
      [
        body.vnp_RequestId,
        body.vnp_Version,
        body.vnp_Command,
        body.vnp_TmnCode,
        body.vnp_TransactionType,
        body.vnp_TxnRef,
        body.vnp_Amount,
        body.vnp_TransactionNo,
        body.vnp_TransactionDate,
        body.vnp_CreateBy,
        body.vnp_CreateDate,
        body.vnp_IpAddr,
        body.vnp_OrderInfo,
      ],
      secret,
    );
    const signatureValid = body.vnp_SecureHash === expected && body.vnp_TmnCode === tmnCode;
    refundRequests.push({ body, signatureValid });
    const answer = signatureValid
      ? (refundAnswers.get(body.vnp_TxnRef ?? '') ?? { vnp_ResponseCode: '00' })
      : { vnp_ResponseCode: '97' };
    const out: Record<string, string> = {
      vnp_ResponseId: `resp${Date.now()}`,
      vnp_Command: 'refund',
      vnp_ResponseCode: answer.vnp_ResponseCode,
      vnp_Message: answer.vnp_ResponseCode === '00' ? 'Refund success' : 'Refund failed',
      vnp_TmnCode: tmnCode,
      vnp_TxnRef: body.vnp_TxnRef ?? '',
      vnp_Amount: String(body.vnp_Amount ?? ''),
      vnp_BankCode: 'NCB',
      vnp_PayDate: String(body.vnp_CreateDate ?? ''),
      vnp_TransactionNo: `9${Date.now() % 10_000_000}`,
      vnp_TransactionType: String(body.vnp_TransactionType ?? ''),
      vnp_TransactionStatus: answer.vnp_ResponseCode === '00' ? '05' : '06',
      vnp_OrderInfo: body.vnp_OrderInfo ?? '',
    };
    if (!answer.unsigned) {
      out.vnp_SecureHash = signVnpayPipe(
        [
          out.vnp_ResponseId,
          out.vnp_Command,
          out.vnp_ResponseCode,
          out.vnp_Message,
          tmnCode,
          out.vnp_TxnRef,
          Number(out.vnp_Amount) / 100,
          out.vnp_BankCode,
          out.vnp_PayDate,
          out.vnp_TransactionNo,
          out.vnp_TransactionType,
          out.vnp_TransactionStatus,
          out.vnp_OrderInfo,
        ],
        secret,
      );
    }
    return out;
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (body: Record<string, unknown>) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== '/merchant_webapi/api/transaction') {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
      if (body.vnp_Command === 'refund') {
        reply(answerRefund(body));
        return;
      }
      const expected = signVnpayPipe(
        [
          body.vnp_RequestId,
          body.vnp_Version,
          body.vnp_Command,
          body.vnp_TmnCode,
          body.vnp_TxnRef,
          body.vnp_TransactionDate,
          body.vnp_CreateDate,
          body.vnp_IpAddr,
          body.vnp_OrderInfo,
        ],
        secret,
      );
      const signatureValid =
        body.vnp_SecureHash === expected && body.vnp_TmnCode === tmnCode && body.vnp_Command === 'querydr';
      requests.push({ body, signatureValid });

      const answer: QueryDrAnswer = signatureValid
        ? (answers.get(body.vnp_TxnRef ?? '') ?? { vnp_ResponseCode: '91' })
        : { vnp_ResponseCode: '97' };
      const message = answer.vnp_ResponseCode === '00' ? 'QueryDR Success' : 'QueryDR Failed';
      const out: Record<string, string> = {
        vnp_ResponseId: `resp${Date.now()}`,
        vnp_Command: 'querydr',
        vnp_ResponseCode: answer.vnp_ResponseCode,
        vnp_Message: message,
        vnp_TmnCode: tmnCode,
        vnp_TxnRef: body.vnp_TxnRef ?? '',
        ...(answer.vnp_Amount ? { vnp_Amount: answer.vnp_Amount } : {}),
        ...(answer.vnp_BankCode ? { vnp_BankCode: answer.vnp_BankCode } : {}),
        ...(answer.vnp_PayDate ? { vnp_PayDate: answer.vnp_PayDate } : {}),
        ...(answer.vnp_TransactionNo ? { vnp_TransactionNo: answer.vnp_TransactionNo } : {}),
        ...(answer.vnp_TransactionStatus
          ? { vnp_TransactionStatus: answer.vnp_TransactionStatus, vnp_TransactionType: '01' }
          : {}),
        vnp_OrderInfo: body.vnp_OrderInfo ?? '',
      };
      if (!answer.unsigned) {
        const signature = signVnpayPipe(
          [
            out.vnp_ResponseId,
            out.vnp_Command,
            out.vnp_ResponseCode,
            out.vnp_Message,
            tmnCode,
            out.vnp_TxnRef,
            out.vnp_Amount,
            out.vnp_BankCode,
            out.vnp_PayDate,
            out.vnp_TransactionNo,
            out.vnp_TransactionType,
            out.vnp_TransactionStatus,
            out.vnp_OrderInfo,
            undefined,
            undefined,
          ],
          secret,
        );
        out.vnp_SecureHash = answer.wrongSignature
          ? signature.replace(/^./, (c) => (c === '0' ? '1' : '0'))
          : signature;
      }
      reply(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answers,
    requests,
    refundAnswers,
    refundRequests,
    // Idempotent, so that a test can take VNPay down and the suite's teardown still succeeds.
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
