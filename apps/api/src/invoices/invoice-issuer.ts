import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { businessDate } from './business-date.js';
import { CertificateError, describeCertificate } from './certificates.js';
import { Invoice } from './invoice.entity.js';
import { relatedRef, sellerParty, toDocument } from './invoice-documents.js';
import { type FormNumber, ISSUED_STATUSES, type InvoiceDocument, type InvoiceStatus } from './invoice-model.js';
import { type IssuingSettings, InvoiceSettingsService } from './invoice-settings.service.js';
import { symbolForYear } from './invoice-symbol.js';
import { computeTotals } from './invoice-totals.js';
import { linesForForm } from './invoice-documents.js';
import { type OutboxMessage, PermanentFailure } from './outbox/outbox.js';
import { OutboxWorker } from './outbox/outbox-worker.js';
import { EINVOICE_PROVIDERS, type ProviderIssueResult, type ProviderRegistry } from './providers/invoice-provider.js';

export const ISSUE_TOPIC = 'invoice.issue';
export const issueKey = (invoiceId: string) => `${ISSUE_TOPIC}:${invoiceId}`;

/** Still to be issued: an attempt may run. */
const OPEN: InvoiceStatus[] = ['queued', 'issuing', 'failed'];

/** Expected and temporary: the worker retries with backoff and records the message for the seller. */
export class IssueDeferred extends Error {
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'IssueDeferred';
  }
}

export function lookupUrl(config: AppConfig, code: string): string {
  const base = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  return `${base}/api/invoices/lookup/${code}`;
}

interface Prepared {
  invoice: Invoice;
  related: Invoice | null;
  document: InvoiceDocument;
}

/**
 * Issues one queued invoice; the handler of the `invoice.issue` outbox topic.
 *
 * Built-in provider: one transaction locks the invoice, takes the next number from its sequence
 * row (`INSERT … ON CONFLICT DO UPDATE … RETURNING` holds that row's lock until commit), writes
 * and signs the XML and marks it issued. A failure rolls the number back with everything else.
 *
 * Remote providers: the invoice is marked `issuing` first and stays so while retries go on, because
 * from then on the provider may hold it even if its answer was lost; the provider call is
 * idempotent by the invoice id, and the result is recorded in a second transaction.
 */
@Injectable()
export class InvoiceIssuer implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EINVOICE_PROVIDERS) private readonly providers: ProviderRegistry,
    private readonly settings: InvoiceSettingsService,
    private readonly worker: OutboxWorker,
  ) {}

  onModuleInit(): void {
    this.worker.register(ISSUE_TOPIC, {
      handle: (message) => this.issue(String(message.payload.invoiceId), message.attempts),
      onRetry: (manager, message, error, next) => this.recordAttempt(manager, message, error, next),
      onGiveUp: (manager, message, error) => this.recordFailure(manager, message, error),
    });
  }

  /**
   * Issues the invoice if it is still open; does nothing for one already issued or cancelled.
   * `now` decides the invoice date (and so the year of its symbol and sequence); tests pass it.
   */
  async issue(invoiceId: string, attempts = 1, now: Date = new Date()): Promise<void> {
    const invoice = await this.db.getRepository(Invoice).findOneBy({ id: invoiceId });
    if (!invoice || !OPEN.includes(invoice.status)) return;
    const issuing = await this.settings.forIssuing(this.db.manager, invoice.sellerOrganisationId);
    if (!issuing) throw new IssueDeferred('Người bán chưa cấu hình hóa đơn điện tử');
    const provider = this.providers[issuing.settings.provider];
    if (invoice.status === 'issuing' && invoice.provider && invoice.provider !== provider.name) {
      // The first provider may already hold this invoice; sending it to another would make two.
      throw new PermanentFailure(
        `Hóa đơn đang được phát hành qua nhà cung cấp khác (${invoice.provider}); kiểm tra ở đó trước khi thử lại`,
      );
    }
    if (provider.numbersLocally) {
      await this.db.transaction((manager) => this.issueLocally(manager, invoiceId, issuing, attempts, now));
      return;
    }

    const prepared = await this.db.transaction((manager) => this.prepareRemote(manager, invoiceId, issuing, now));
    if (!prepared) return;
    const result = await provider.issue({
      transactionId: prepared.invoice.id,
      document: prepared.document,
      connection: {
        baseUrl: issuing.settings.providerBaseUrl,
        templateCode: issuing.settings.providerTemplateCode ?? `${issuing.settings.formNumber}/001`,
        credentials: issuing.credentials,
        timeoutMs: this.config.INVOICE_PROVIDER_TIMEOUT_MS,
      },
      signing: null,
      relatedTransactionId: prepared.related?.providerTransactionId ?? null,
      now,
    });
    await this.db.transaction(async (manager) => {
      const current = await this.lock(manager, invoiceId);
      if (!current || current.status !== 'issuing') return;
      await this.markIssued(manager, current, prepared.document, result, provider.name, null, attempts);
    });
  }

  private async issueLocally(
    manager: EntityManager,
    invoiceId: string,
    issuing: IssuingSettings,
    attempts: number,
    now: Date,
  ): Promise<void> {
    const invoice = await this.lock(manager, invoiceId);
    if (!invoice || !OPEN.includes(invoice.status)) return;
    const related = await this.lockRelated(manager, invoice);
    const seller = await this.seller(manager, invoice.sellerOrganisationId);
    const { settings, signing } = issuing;
    const today = businessDate(now);
    const symbol = symbolForYear(settings.symbol, Number(today.slice(0, 4)));
    const [sequence] = (await manager.query(
      `INSERT INTO invoice_number_sequences (seller_organisation_id, form_number, symbol, year, last_number, last_issue_date)
       VALUES ($1, $2, $3, $4, 1, $5)
       ON CONFLICT (seller_organisation_id, form_number, symbol, year) DO UPDATE
         SET last_number = invoice_number_sequences.last_number + 1,
             last_issue_date = GREATEST(invoice_number_sequences.last_issue_date, EXCLUDED.last_issue_date),
             updated_at = now()
       RETURNING last_number, to_char(last_issue_date, 'YYYY-MM-DD') AS issue_date`,
      [invoice.sellerOrganisationId, settings.formNumber, symbol, Number(today.slice(0, 4)), today],
    )) as { last_number: number; issue_date: string }[];
    if (!sequence) throw new Error('The invoice number sequence returned nothing');
    const document = toDocument(invoice, {
      formNumber: settings.formNumber,
      symbol,
      number: sequence.last_number,
      issueDate: sequence.issue_date,
      seller,
      related: relatedRef(invoice, related),
      solutionProviderTaxCode: this.config.INVOICE_SOLUTION_TAX_CODE,
      lookupUrl: lookupUrl(this.config, invoice.lookupCode),
    });
    let signedBy: string | null = null;
    if (signing) {
      try {
        signedBy = describeCertificate(signing, now).subject;
      } catch (error) {
        if (error instanceof CertificateError)
          throw new PermanentFailure('Chứng thư số của người bán đã hết hạn hoặc không dùng được');
        throw error;
      }
    }
    const result = await this.providers.builtin.issue({
      transactionId: invoice.id,
      document,
      connection: { baseUrl: null, templateCode: '', credentials: null, timeoutMs: 0 },
      signing,
      relatedTransactionId: related?.id ?? null,
      now,
    });
    await this.markIssued(manager, invoice, document, result, 'builtin', result.signed ? signedBy : null, attempts);
  }

  private async prepareRemote(
    manager: EntityManager,
    invoiceId: string,
    issuing: IssuingSettings,
    now: Date,
  ): Promise<Prepared | null> {
    const invoice = await this.lock(manager, invoiceId);
    if (!invoice || !OPEN.includes(invoice.status)) return null;
    const related = await this.lockRelated(manager, invoice);
    const seller = await this.seller(manager, invoice.sellerOrganisationId);
    const { settings } = issuing;
    const today = businessDate(now);
    // Once marked issuing, the form and symbol stay: a retry must send the provider the same invoice.
    const formNumber = (
      invoice.status === 'issuing' && invoice.formNumber ? invoice.formNumber : settings.formNumber
    ) as FormNumber;
    const symbol =
      invoice.status === 'issuing' && invoice.symbol
        ? invoice.symbol
        : symbolForYear(settings.symbol, Number(today.slice(0, 4)));
    const document = toDocument(invoice, {
      formNumber,
      symbol,
      number: null,
      issueDate: today,
      seller,
      related: relatedRef(invoice, related),
      solutionProviderTaxCode: this.config.INVOICE_SOLUTION_TAX_CODE,
      lookupUrl: lookupUrl(this.config, invoice.lookupCode),
    });
    await manager
      .getRepository(Invoice)
      .update({ id: invoice.id }, { status: 'issuing', provider: settings.provider, formNumber, symbol, seller });
    return { invoice, related, document };
  }

  private async markIssued(
    manager: EntityManager,
    invoice: Invoice,
    document: InvoiceDocument,
    result: ProviderIssueResult,
    provider: Invoice['provider'],
    signedBy: string | null,
    attempts: number,
  ): Promise<void> {
    const lines = linesForForm(invoice.lines, document.formNumber);
    const totals = computeTotals(lines, document.formNumber);
    try {
      await manager.getRepository(Invoice).update(
        { id: invoice.id },
        {
          status: 'issued',
          formNumber: document.formNumber,
          symbol: result.symbol,
          number: result.number,
          issueDate: result.issueDate,
          seller: document.seller,
          totalsByRate: totals.byRate,
          totalBeforeVat: totals.totalBeforeVat,
          totalVat: totals.totalVat,
          totalPayable: totals.totalPayable,
          amountInWords: totals.amountInWords,
          xml: result.xml,
          signed: result.signed,
          signedBy,
          provider,
          providerTransactionId: result.providerTransactionId,
          providerReference: result.providerReference,
          attempts,
          issuedAt: new Date(),
          nextAttemptAt: null,
          lastError: null,
        },
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new PermanentFailure(`Số hóa đơn ${result.symbol} ${result.number} do nhà cung cấp trả về đã được dùng`);
      }
      throw error;
    }
    if (invoice.relatedInvoiceId) {
      await manager.query(
        `UPDATE invoices SET status = CASE WHEN $2 = 'replaces' THEN 'replaced' ELSE 'adjusted' END, updated_at = now()
          WHERE id = $1 AND status IN ('issued', 'adjusted')`,
        [invoice.relatedInvoiceId, invoice.relationType],
      );
    }
  }

  private async lock(manager: EntityManager, id: string): Promise<Invoice | null> {
    return manager.getRepository(Invoice).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** An adjustment or replacement can only go out after the invoice it corrects. */
  private async lockRelated(manager: EntityManager, invoice: Invoice): Promise<Invoice | null> {
    if (!invoice.relatedInvoiceId) return null;
    const related = await this.lock(manager, invoice.relatedInvoiceId);
    if (!related) throw new PermanentFailure('Không tìm thấy hóa đơn gốc');
    if (!ISSUED_STATUSES.includes(related.status)) {
      if (related.status === 'cancelled') throw new PermanentFailure('Hóa đơn gốc đã hủy');
      throw new IssueDeferred('Đang chờ hóa đơn gốc được phát hành');
    }
    if (related.status === 'replaced') throw new PermanentFailure('Hóa đơn gốc đã bị thay thế');
    return related;
  }

  private async seller(manager: EntityManager, organisationId: string) {
    const seller = await sellerParty(manager, organisationId);
    if (!seller) throw new IssueDeferred('Người bán chưa khai báo mã số thuế');
    return seller;
  }

  private async recordAttempt(
    manager: EntityManager,
    message: OutboxMessage,
    error: string,
    next: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE invoices SET attempts = $2, next_attempt_at = $3, last_error = $4, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'issuing', 'failed')`,
      [message.payload.invoiceId, message.attempts, next, error],
    );
  }

  private async recordFailure(manager: EntityManager, message: OutboxMessage, error: string): Promise<void> {
    await manager.query(
      `UPDATE invoices SET status = 'failed', attempts = $2, next_attempt_at = NULL, last_error = $3, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'issuing', 'failed')`,
      [message.payload.invoiceId, message.attempts, error],
    );
  }
}
