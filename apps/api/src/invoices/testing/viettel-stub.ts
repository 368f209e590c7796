import { randomBytes } from 'node:crypto';
import { type RestartableServer, sendJson, startRestartableServer } from './stub-server.js';

export interface ViettelStubInvoice {
  transactionUuid: string;
  supplierTaxCode: string;
  invoiceNo: string;
  reservationCode: string;
  issueDate: number;
  /** The request body as received, for assertions on its shape. */
  body: unknown;
}

export interface ViettelStub extends RestartableServer {
  /** Invoices the stub holds, by transactionUuid. */
  invoices: Map<string, ViettelStubInvoice>;
  /** Every call, as `METHOD /path`. */
  calls: string[];
  createCalls(): number;
  close(): Promise<void>;
}

const SERVICE = '/services/einvoiceapplication/api/InvoiceAPI/InvoiceWS';

/**
 * A local stand-in for Viettel S-Invoice's REST API (login, createInvoice,
 * searchInvoiceByTransactionUuid). Like the real service it numbers per series and refuses to make a
 * second invoice for a transactionUuid it has seen: it answers with the first one instead.
 */
export async function startViettelStub(
  account = { username: '0100233488', password: 'viettel-pass' },
): Promise<ViettelStub> {
  const invoices = new Map<string, ViettelStubInvoice>();
  const counters = new Map<string, number>();
  const tokens = new Set<string>();
  const calls: string[] = [];

  const server = await startRestartableServer(async (request, raw, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    calls.push(`${request.method} ${url.pathname}`);
    if (request.method !== 'POST') return sendJson(response, 405, { errorCode: 'METHOD_NOT_ALLOWED' });

    if (url.pathname === '/auth/login') {
      const body = JSON.parse(raw || '{}') as { username?: string; password?: string };
      if (body.username !== account.username || body.password !== account.password) {
        return sendJson(response, 401, { error: 'invalid_grant', error_description: 'Bad credentials' });
      }
      const token = randomBytes(16).toString('hex');
      tokens.add(token);
      return sendJson(response, 200, { access_token: token, token_type: 'bearer', expires_in: 3600 });
    }
    const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!tokens.has(token)) return sendJson(response, 401, { error: 'unauthorized' });

    if (url.pathname === `${SERVICE}/searchInvoiceByTransactionUuid`) {
      const form = new URLSearchParams(raw);
      const found = invoices.get(form.get('transactionUuid') ?? '');
      return sendJson(response, 200, {
        errorCode: null,
        description: null,
        transactionUuid: form.get('transactionUuid'),
        result: found
          ? [
              {
                supplierTaxCode: found.supplierTaxCode,
                invoiceNo: found.invoiceNo,
                reservationCode: found.reservationCode,
                issueDate: found.issueDate,
                status: 'Đã phát hành',
              },
            ]
          : null,
      });
    }

    if (url.pathname.startsWith(`${SERVICE}/createInvoice/`)) {
      const supplierTaxCode = decodeURIComponent(url.pathname.slice(`${SERVICE}/createInvoice/`.length));
      const body = JSON.parse(raw || '{}');
      const info = body.generalInvoiceInfo ?? {};
      const summary = body.summarizeInfo ?? {};
      if (!info.invoiceSeries || !info.templateCode || !info.transactionUuid) {
        return sendJson(response, 200, {
          errorCode: 'INVALID_INPUT',
          description: 'Thiếu thông tin chung',
          result: null,
        });
      }
      if (summary.totalAmountWithTax !== summary.totalAmountWithoutTax + summary.totalTaxAmount) {
        return sendJson(response, 200, {
          errorCode: 'INVALID_SUMMARY',
          description: 'Tổng tiền không khớp',
          result: null,
        });
      }
      let invoice = invoices.get(info.transactionUuid);
      if (!invoice) {
        const next = (counters.get(info.invoiceSeries) ?? 0) + 1;
        counters.set(info.invoiceSeries, next);
        invoice = {
          transactionUuid: info.transactionUuid,
          supplierTaxCode,
          invoiceNo: `${info.invoiceSeries}${next}`,
          reservationCode: randomBytes(5).toString('hex').toUpperCase(),
          issueDate: Date.now(),
          body,
        };
        invoices.set(info.transactionUuid, invoice);
      }
      return sendJson(response, 200, {
        errorCode: null,
        description: null,
        result: {
          supplierTaxCode,
          invoiceNo: invoice.invoiceNo,
          transactionID: `VT-${invoice.transactionUuid}`,
          reservationCode: invoice.reservationCode,
          codeOfTax: null,
        },
      });
    }
    return sendJson(response, 404, { errorCode: 'NOT_FOUND' });
  });

  return Object.assign(server, {
    invoices,
    calls,
    createCalls: () => calls.filter((call) => call.includes('/createInvoice/')).length,
    close: () => server.stop(),
  });
}
