import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { businessDate } from './business-date.js';
import type {
  InvoiceLookupDto,
  ListInvoicesQueryDto,
  SellerInvoiceDto,
  SellerInvoicePageDto,
} from './dto/invoice.dto.js';
import { Invoice } from './invoice.entity.js';
import { linesForForm, relatedRef, sellerParty, toDocument } from './invoice-documents.js';
import { issueKey, ISSUE_TOPIC, lookupUrl } from './invoice-issuer.js';
import {
  type FormNumber,
  type InvoiceBuyer,
  type InvoiceLine,
  type InvoiceLineInput,
  type InvoiceSourceType,
  type InvoiceStatus,
  INVOICE_STATUSES,
  ISSUED_STATUSES,
  isVatRate,
  type IssueInvoiceCommand,
  type IssueTrigger,
  type SellerOrderEvent,
  SOURCE_TYPES,
  type VatRate,
  vatRateLabel,
  WAITING_STATUSES,
} from './invoice-model.js';
import { InvoiceSettings } from './invoice-settings.entity.js';
import { InvoiceSettingsService } from './invoice-settings.service.js';
import { displaySymbol, symbolForYear } from './invoice-symbol.js';
import { computeTotals, lineAmount, toInvoiceLines } from './invoice-totals.js';
import { formatLookupCode, newLookupCode, normaliseLookupCode } from './lookup-code.js';
import { enqueueOutbox, requeueOutbox, settleOutbox } from './outbox/outbox.js';
import { renderInvoiceHtml } from './render/invoice-html.js';
import { renderInvoicePdf } from './render/invoice-pdf.js';
import type { InvoiceView } from './render/invoice-view.js';

/** What a request (original, adjustment, replacement) returns to the module that made it. */
export interface InvoiceRequestResult {
  invoiceId: string;
  lookupCode: string;
  status: InvoiceStatus;
  /** False when the same request had already been made: nothing new was written. */
  created: boolean;
}

interface CorrectionTarget {
  sourceType: InvoiceSourceType;
  /** The seller order whose current invoice is corrected. */
  sourceId: string;
  /** Idempotency key of this correction, e.g. the refund's id. */
  requestKey: string;
  /** Why; printed in `TTHDLQuan/GChu` and on the note line. */
  reason: string;
}

export interface AdjustInvoiceCommand extends CorrectionTarget {
  /** Differences only: a negative quantity for goods returned or a price decrease, positive for an increase. */
  lines: InvoiceLineInput[];
}

export interface ReplaceInvoiceCommand extends CorrectionTarget {
  /** The corrected content; what is omitted is copied from the invoice replaced. */
  buyer?: InvoiceBuyer;
  lines?: InvoiceLineInput[];
  paymentMethod?: string;
}

export type CancelInvoiceCommand = CorrectionTarget;

export interface CancelResult {
  /** `cancelled`: nothing had been issued, the request is withdrawn; `adjusted`: an issued invoice is reversed to zero by an adjustment. */
  outcome: 'cancelled' | 'adjusted' | 'nothing_to_cancel';
  invoiceId: string | null;
}

export interface InvoiceCoverage {
  from: string;
  to: string;
  /** Seller orders that asked for an invoice in the period (one original invoice each). */
  requested: number;
  /** Of those, with an invoice issued (including ones later adjusted or replaced). */
  issued: number;
  /** Still owed: queued, being issued, or failed and waiting for the seller. */
  waiting: number;
  cancelled: number;
  /** issued / (requested − cancelled); null when nothing was requested. */
  issuedShare: number | null;
  byStatus: Record<InvoiceStatus, number>;
}

const NOT_FOUND = () => new DomainError('invoice_not_found', 'Invoice not found', HttpStatus.NOT_FOUND);
const invalid = (fields: { field: string; messages: string[] }[]) =>
  new DomainError('invalid_invoice_request', 'The invoice request is invalid', HttpStatus.BAD_REQUEST, fields);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function normaliseTaxCode(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  return value.replace(/[\s.-]/g, '');
}

/**
 * Invoices as the rest of the platform sees them. The orders module calls the `manager`-taking
 * methods inside its own transaction: the invoice request and its outbox message commit or roll
 * back with the order, and issuing happens afterwards, with retries, whatever the provider's state.
 */
@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: InvoiceSettingsService,
  ) {}

  /** When this seller wants its invoices: on payment or on delivery (the default). */
  issueTriggerFor(manager: EntityManager, sellerOrganisationId: string): Promise<IssueTrigger> {
    return this.settings.issueTrigger(manager, sellerOrganisationId);
  }

  /**
   * Reports an order event; requests the invoice only if it is the seller's trigger. The orders
   * module can call this at payment and at delivery without knowing the seller's choice.
   */
  async requestInvoiceOn(
    manager: EntityManager,
    event: SellerOrderEvent,
    command: IssueInvoiceCommand,
  ): Promise<InvoiceRequestResult | null> {
    const trigger = await this.issueTriggerFor(manager, command.sellerOrganisationId);
    if ((trigger === 'on_payment') !== (event === 'paid')) return null;
    return this.requestInvoice(manager, command);
  }

  /** Queues the invoice of a seller order. Idempotent by `sourceId`. */
  async requestInvoice(manager: EntityManager, command: IssueInvoiceCommand): Promise<InvoiceRequestResult> {
    this.checkCommand(command);
    const lines = toInvoiceLines(
      command.pricesIncludeVat ? command.lines.map((line) => ({ ...line, priceIncludesVat: true })) : command.lines,
    );
    const buyer = this.cleanBuyer(command.buyer);
    return this.insert(manager, {
      sellerOrganisationId: command.sellerOrganisationId,
      sourceType: command.sourceType,
      sourceId: command.sourceId,
      kind: 'original',
      requestKey: `${command.sourceType}:${command.sourceId}`,
      buyer,
      lines,
      paymentMethod: command.paymentMethod.trim(),
      transactionAt: command.issuedAt,
      relatedInvoiceId: null,
      relationType: null,
      note: null,
    });
  }

  /**
   * Adjusts the order's current invoice (a refund, a price correction): a new invoice with its own
   * number carrying only the differences, linked by `TTHDLQuan` (`TCHDon` 2). It is issued after the
   * invoice it adjusts. An invoice that has been replaced cannot be adjusted: its replacement is.
   */
  async adjust(manager: EntityManager, command: AdjustInvoiceCommand): Promise<InvoiceRequestResult> {
    const existing = await this.byRequestKey(manager, `adjust:${command.requestKey}`);
    if (existing) return existing;
    const target = await this.currentInvoice(manager, command.sourceType, command.sourceId);
    if (target.status === 'cancelled')
      throw new DomainError('invoice_cancelled', 'The invoice was cancelled', HttpStatus.CONFLICT);
    if (command.lines.length === 0) this.fail('lines', 'an adjustment needs at least one line');
    this.checkLines(command.lines, true);
    const lines = this.withNote(toInvoiceLines(command.lines), this.adjustmentNote(command.lines, command.reason));
    await this.checkNotBelowZero(manager, target, lines);
    return this.insert(manager, {
      sellerOrganisationId: target.sellerOrganisationId,
      sourceType: target.sourceType,
      sourceId: target.sourceId,
      kind: 'adjustment',
      requestKey: `adjust:${command.requestKey}`,
      buyer: target.buyer,
      lines,
      paymentMethod: target.paymentMethod,
      transactionAt: new Date(),
      relatedInvoiceId: target.id,
      relationType: 'adjusts',
      note: command.reason.trim(),
    });
  }

  /**
   * Replaces the order's current invoice with a corrected one (`TCHDon` 1): full content, its own
   * number. Not allowed once the invoice has been adjusted (providers refuse it, and two kinds of
   * correction on one invoice cannot be read unambiguously).
   */
  async replace(manager: EntityManager, command: ReplaceInvoiceCommand): Promise<InvoiceRequestResult> {
    const existing = await this.byRequestKey(manager, `replace:${command.requestKey}`);
    if (existing) return existing;
    const target = await this.currentInvoice(manager, command.sourceType, command.sourceId);
    if (target.status === 'adjusted') {
      throw new DomainError(
        'invoice_already_adjusted',
        'An adjusted invoice cannot be replaced; adjust it again instead',
        HttpStatus.CONFLICT,
      );
    }
    if (target.status === 'cancelled')
      throw new DomainError('invoice_cancelled', 'The invoice was cancelled', HttpStatus.CONFLICT);
    if (command.lines) this.checkLines(command.lines, false);
    if (command.buyer && !command.buyer.name?.trim()) this.fail('buyer.name', 'the buyer needs a name');
    const pending = await this.pendingCorrections(manager, target.id);
    if (pending > 0) {
      throw new DomainError(
        'invoice_correction_pending',
        'Another correction of this invoice is still being issued',
        HttpStatus.CONFLICT,
      );
    }
    if (!ISSUED_STATUSES.includes(target.status)) {
      // Nothing has left the platform yet: correcting the request in place is the honest replacement.
      const lines = command.lines ? toInvoiceLines(command.lines) : target.lines;
      const form = await this.formFor(manager, target.sellerOrganisationId);
      const totals = computeTotals(linesForForm(lines, form), form);
      await manager.getRepository(Invoice).update(
        { id: target.id },
        {
          buyer: command.buyer ? this.cleanBuyer(command.buyer) : target.buyer,
          lines,
          paymentMethod: command.paymentMethod?.trim() || target.paymentMethod,
          totalsByRate: totals.byRate,
          totalBeforeVat: totals.totalBeforeVat,
          totalVat: totals.totalVat,
          totalPayable: totals.totalPayable,
          amountInWords: totals.amountInWords,
        },
      );
      return {
        invoiceId: target.id,
        lookupCode: formatLookupCode(target.lookupCode),
        status: target.status,
        created: false,
      };
    }
    return this.insert(manager, {
      sellerOrganisationId: target.sellerOrganisationId,
      sourceType: target.sourceType,
      sourceId: target.sourceId,
      kind: 'replacement',
      requestKey: `replace:${command.requestKey}`,
      buyer: command.buyer ? this.cleanBuyer(command.buyer) : target.buyer,
      lines: command.lines ? toInvoiceLines(command.lines) : target.lines.filter((line) => line.nature === 1),
      paymentMethod: command.paymentMethod?.trim() || target.paymentMethod,
      transactionAt: new Date(),
      relatedInvoiceId: target.id,
      relationType: 'replaces',
      note: command.reason.trim(),
    });
  }

  /**
   * For a cancelled order. If nothing was issued yet, the request is withdrawn (no number is used).
   * If an invoice was issued, or may have been (a provider call is in flight), it is reversed to
   * zero by an adjustment: Decree 70 has no cancelling of issued invoices for a failed sale.
   */
  async cancel(manager: EntityManager, command: CancelInvoiceCommand): Promise<CancelResult> {
    const existing = await this.byRequestKey(manager, `cancel:${command.requestKey}`);
    if (existing) return { outcome: 'adjusted', invoiceId: existing.invoiceId };
    for (;;) {
      const target = await this.currentInvoice(manager, command.sourceType, command.sourceId, true);
      if (!target) {
        const original = await manager
          .getRepository(Invoice)
          .findOneBy({ sourceType: command.sourceType, sourceId: command.sourceId, kind: 'original' });
        return original?.status === 'cancelled'
          ? { outcome: 'cancelled', invoiceId: original.id }
          : { outcome: 'nothing_to_cancel', invoiceId: null };
      }
      if (target.status === 'queued' || target.status === 'failed') {
        await manager
          .getRepository(Invoice)
          .update({ id: target.id }, { status: 'cancelled', cancelledAt: new Date(), note: command.reason.trim() });
        await settleOutbox(manager, issueKey(target.id));
        if (target.kind === 'original') return { outcome: 'cancelled', invoiceId: target.id };
        continue; // a withdrawn replacement leaves the invoice it was to replace, which is reversed next
      }
      const remaining = await this.remainingLines(manager, target);
      if (remaining.length === 0) return { outcome: 'nothing_to_cancel', invoiceId: target.id };
      const lines = this.withNote(
        toInvoiceLines(remaining.map((line) => ({ ...line, quantity: -line.quantity }))),
        `Điều chỉnh giảm toàn bộ do hủy đơn hàng: ${command.reason.trim()}`,
      );
      const result = await this.insert(manager, {
        sellerOrganisationId: target.sellerOrganisationId,
        sourceType: target.sourceType,
        sourceId: target.sourceId,
        kind: 'adjustment',
        requestKey: `cancel:${command.requestKey}`,
        buyer: target.buyer,
        lines,
        paymentMethod: target.paymentMethod,
        transactionAt: new Date(),
        relatedInvoiceId: target.id,
        relationType: 'adjusts',
        note: command.reason.trim(),
      });
      return { outcome: 'adjusted', invoiceId: result.invoiceId };
    }
  }

  /** Every invoice of a seller order, oldest first: what the order page links to. */
  async findForSource(
    sourceType: InvoiceSourceType,
    sourceId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<SellerInvoiceDto[]> {
    const invoices = await manager
      .getRepository(Invoice)
      .find({ where: { sourceType, sourceId }, order: { createdAt: 'ASC' } });
    return invoices.map((invoice) => this.toSellerDto(invoice));
  }

  /**
   * For the plan's KPIs: original invoices (one per seller order) requested in [from, to), by
   * status. The KPI module joins `invoice_coverage` (a view with one row per seller order that asked
   * for an invoice) with its seller orders to count the orders that never asked.
   */
  async coverage(from: Date, to: Date, sellerOrganisationId?: string): Promise<InvoiceCoverage> {
    const rows = (await this.db.query(
      `SELECT status, count(*)::int AS count FROM invoices
        WHERE kind = 'original' AND created_at >= $1 AND created_at < $2 AND ($3::uuid IS NULL OR seller_organisation_id = $3)
        GROUP BY status`,
      [from, to, sellerOrganisationId ?? null],
    )) as { status: InvoiceStatus; count: number }[];
    const byStatus = Object.fromEntries(INVOICE_STATUSES.map((status) => [status, 0])) as Record<InvoiceStatus, number>;
    for (const row of rows) byStatus[row.status] = row.count;
    const sum = (statuses: readonly InvoiceStatus[]) => statuses.reduce((total, status) => total + byStatus[status], 0);
    const requested = sum(INVOICE_STATUSES);
    const issued = sum(ISSUED_STATUSES);
    const cancelled = byStatus.cancelled;
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      requested,
      issued,
      waiting: sum(WAITING_STATUSES),
      cancelled,
      issuedShare: requested - cancelled > 0 ? issued / (requested - cancelled) : null,
      byStatus,
    };
  }

  async listForSeller(user: AuthenticatedUser, query: ListInvoicesQueryDto): Promise<SellerInvoicePageDto> {
    if (!user.organisationId) throw NOT_FOUND();
    const builder = this.db
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .where('i.sellerOrganisationId = :organisationId', { organisationId: user.organisationId })
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0);
    if (query.status) builder.andWhere('i.status = :status', { status: query.status });
    if (query.from) builder.andWhere('i.createdAt >= :from', { from: new Date(query.from) });
    if (query.to) builder.andWhere('i.createdAt < :to', { to: new Date(query.to) });
    const [invoices, total] = await builder.getManyAndCount();
    return { items: invoices.map((invoice) => this.toSellerDto(invoice)), total };
  }

  async getForSeller(user: AuthenticatedUser, id: string): Promise<SellerInvoiceDto> {
    return this.toSellerDto(await this.ownInvoice(this.db.manager, user, id));
  }

  /** Puts a failed invoice back in the queue, once the seller has fixed what made it fail. */
  async retry(user: AuthenticatedUser, id: string): Promise<SellerInvoiceDto> {
    return this.db.transaction(async (manager) => {
      const invoice = await this.ownInvoice(manager, user, id, true);
      if (invoice.status !== 'failed') {
        throw new DomainError('invoice_not_failed', 'Only an invoice that failed can be retried', HttpStatus.CONFLICT);
      }
      const now = new Date();
      await manager
        .getRepository(Invoice)
        .update({ id }, { status: 'queued', attempts: 0, nextAttemptAt: now, lastError: null });
      if (!(await requeueOutbox(manager, issueKey(id), now))) {
        await enqueueOutbox(manager, { topic: ISSUE_TOPIC, payload: { invoiceId: id }, idempotencyKey: issueKey(id) });
      }
      return this.toSellerDto({ ...invoice, status: 'queued', attempts: 0, nextAttemptAt: now, lastError: null });
    });
  }

  async lookup(code: string): Promise<InvoiceLookupDto> {
    const invoice = await this.byLookupCode(code);
    const related = invoice.relatedInvoiceId
      ? await this.db.getRepository(Invoice).findOneBy({ id: invoice.relatedInvoiceId })
      : null;
    const base = `/api/invoices/lookup/${invoice.lookupCode}`;
    const hasXml = await this.hasXml(invoice.id);
    return {
      lookupCode: formatLookupCode(invoice.lookupCode),
      kind: invoice.kind,
      status: invoice.status,
      displaySymbol: invoice.formNumber && invoice.symbol ? displaySymbol(invoice.formNumber, invoice.symbol) : null,
      number: invoice.number,
      issueDate: invoice.issueDate,
      seller: invoice.seller
        ? { name: invoice.seller.name, taxCode: invoice.seller.taxCode, address: invoice.seller.address }
        : null,
      buyer: {
        name: invoice.buyer.name,
        taxCode: invoice.buyer.taxCode ?? null,
        address: invoice.buyer.address ?? null,
      },
      lines: linesForForm(invoice.lines, invoice.formNumber ?? 1).map(({ vatRate, grossAmount: _gross, ...line }) => ({
        ...line,
        ...(vatRate !== undefined ? { vatRate: vatRateLabel(vatRate) } : {}),
      })),
      totalsByRate: invoice.totalsByRate.map((row) => ({ ...row, rate: vatRateLabel(row.rate) })),
      totalBeforeVat: invoice.totalBeforeVat,
      totalVat: invoice.totalVat,
      totalPayable: invoice.totalPayable,
      amountInWords: invoice.amountInWords,
      signed: invoice.signed,
      signedBy: invoice.signedBy,
      provider: invoice.provider,
      providerReference: invoice.providerReference,
      related:
        related && invoice.relationType
          ? {
              relation: invoice.relationType,
              displaySymbol:
                related.formNumber && related.symbol ? displaySymbol(related.formNumber, related.symbol) : null,
              number: related.number,
              issueDate: related.issueDate,
              lookupCode: formatLookupCode(related.lookupCode),
            }
          : null,
      links: { html: `${base}?format=html`, pdf: `${base}/pdf`, xml: hasXml ? `${base}/xml` : null },
    };
  }

  async lookupHtml(code: string): Promise<string> {
    return renderInvoiceHtml(await this.view(await this.byLookupCode(code)));
  }

  async lookupPdf(code: string): Promise<{ pdf: Buffer; fileName: string }> {
    const invoice = await this.byLookupCode(code);
    return { pdf: await renderInvoicePdf(await this.view(invoice)), fileName: `${this.fileName(invoice)}.pdf` };
  }

  async lookupXml(code: string): Promise<{ xml: string; fileName: string }> {
    const invoice = await this.byLookupCode(code);
    const [row] = (await this.db.query('SELECT xml FROM invoices WHERE id = $1', [invoice.id])) as {
      xml: string | null;
    }[];
    if (!row?.xml) {
      throw new DomainError(
        'invoice_xml_unavailable',
        ISSUED_STATUSES.includes(invoice.status)
          ? 'The XML of this invoice is kept by its provider'
          : 'The invoice has not been issued yet',
        HttpStatus.NOT_FOUND,
      );
    }
    return { xml: row.xml, fileName: `${this.fileName(invoice)}.xml` };
  }

  // ——— internals ———

  private fileName(invoice: Invoice): string {
    return invoice.number !== null && invoice.symbol
      ? `hoa-don-${invoice.formNumber}${invoice.symbol}-${String(invoice.number).padStart(8, '0')}`
      : `hoa-don-${invoice.lookupCode}`;
  }

  private async hasXml(id: string): Promise<boolean> {
    const [row] = (await this.db.query('SELECT xml IS NOT NULL AS has FROM invoices WHERE id = $1', [id])) as {
      has: boolean;
    }[];
    return row?.has ?? false;
  }

  private async byLookupCode(code: string): Promise<Invoice> {
    const normalised = normaliseLookupCode(code);
    if (!normalised) throw NOT_FOUND();
    const invoice = await this.db.getRepository(Invoice).findOneBy({ lookupCode: normalised });
    if (!invoice) throw NOT_FOUND();
    return invoice;
  }

  /** A copy of what is issued, or, before issue, a preview from the seller's current details. */
  private async view(invoice: Invoice): Promise<InvoiceView> {
    const related = invoice.relatedInvoiceId
      ? await this.db.getRepository(Invoice).findOneBy({ id: invoice.relatedInvoiceId })
      : null;
    let formNumber = invoice.formNumber;
    let symbol = invoice.symbol;
    const issued = ISSUED_STATUSES.includes(invoice.status);
    if (!formNumber || !symbol) {
      const settings = await this.db
        .getRepository(InvoiceSettings)
        .findOneBy({ organisationId: invoice.sellerOrganisationId });
      const today = businessDate(new Date());
      formNumber = formNumber ?? settings?.formNumber ?? 1;
      symbol =
        symbol ?? (settings ? symbolForYear(settings.symbol, Number(today.slice(0, 4))) : `K${today.slice(2, 4)}TYY`);
    }
    const seller = invoice.seller ??
      (await sellerParty(this.db.manager, invoice.sellerOrganisationId)) ?? { name: '', taxCode: '', address: '' };
    const document = toDocument(invoice, {
      formNumber,
      symbol,
      number: issued ? invoice.number : null,
      issueDate: invoice.issueDate ?? businessDate(new Date()),
      seller,
      related: relatedRef(invoice, related),
      solutionProviderTaxCode: this.config.INVOICE_SOLUTION_TAX_CODE,
      lookupUrl: lookupUrl(this.config, invoice.lookupCode),
    });
    return {
      document,
      status: invoice.status,
      signedBy: invoice.signedBy,
      signedAt: invoice.signed ? invoice.issuedAt : null,
      providerName: invoice.provider,
      providerReference: invoice.providerReference,
    };
  }

  private async ownInvoice(
    manager: EntityManager,
    user: AuthenticatedUser,
    id: string,
    lock = false,
  ): Promise<Invoice> {
    if (!user.organisationId || !UUID.test(id)) throw NOT_FOUND();
    const invoice = await manager.getRepository(Invoice).findOne({
      where: { id, sellerOrganisationId: user.organisationId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!invoice) throw NOT_FOUND();
    return invoice;
  }

  private toSellerDto(invoice: Invoice): SellerInvoiceDto {
    return {
      id: invoice.id,
      sourceType: invoice.sourceType,
      sourceId: invoice.sourceId,
      kind: invoice.kind,
      status: invoice.status,
      displaySymbol: invoice.formNumber && invoice.symbol ? displaySymbol(invoice.formNumber, invoice.symbol) : null,
      number: invoice.number,
      issueDate: invoice.issueDate,
      buyerName: invoice.buyer.name,
      totalPayable: invoice.totalPayable,
      totalVat: invoice.totalVat,
      lookupCode: formatLookupCode(invoice.lookupCode),
      provider: invoice.provider,
      signed: invoice.signed,
      relatedInvoiceId: invoice.relatedInvoiceId,
      relationType: invoice.relationType,
      note: invoice.note,
      attempts: invoice.attempts,
      nextAttemptAt: invoice.nextAttemptAt?.toISOString() ?? null,
      lastError: invoice.lastError,
      createdAt: invoice.createdAt.toISOString(),
      issuedAt: invoice.issuedAt?.toISOString() ?? null,
    };
  }

  private async formFor(manager: EntityManager, organisationId: string): Promise<FormNumber> {
    const settings = await manager
      .getRepository(InvoiceSettings)
      .findOne({ where: { organisationId }, select: { organisationId: true, formNumber: true } });
    return settings?.formNumber ?? 1;
  }

  private async insert(
    manager: EntityManager,
    row: Pick<
      Invoice,
      | 'sellerOrganisationId'
      | 'sourceType'
      | 'sourceId'
      | 'kind'
      | 'requestKey'
      | 'buyer'
      | 'lines'
      | 'paymentMethod'
      | 'transactionAt'
      | 'relatedInvoiceId'
      | 'relationType'
      | 'note'
    >,
  ): Promise<InvoiceRequestResult> {
    const form = await this.formFor(manager, row.sellerOrganisationId);
    const totals = computeTotals(linesForForm(row.lines, form), form);
    const inserted = (await manager.query(
      `INSERT INTO invoices (seller_organisation_id, source_type, source_id, kind, request_key, status, transaction_at, buyer, lines,
         payment_method, totals_by_rate, total_before_vat, total_vat, total_payable, amount_in_words, lookup_code,
         related_invoice_id, relation_type, note)
       VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (request_key) DO NOTHING
       RETURNING id, lookup_code, status`,
      [
        row.sellerOrganisationId,
        row.sourceType,
        row.sourceId,
        row.kind,
        row.requestKey,
        row.transactionAt,
        JSON.stringify(row.buyer),
        JSON.stringify(row.lines),
        row.paymentMethod,
        JSON.stringify(totals.byRate),
        totals.totalBeforeVat,
        totals.totalVat,
        totals.totalPayable,
        totals.amountInWords,
        newLookupCode(),
        row.relatedInvoiceId,
        row.relationType,
        row.note,
      ],
    )) as { id: string; lookup_code: string; status: InvoiceStatus }[];
    const created = inserted[0];
    if (!created) {
      const existing = await this.byRequestKey(manager, row.requestKey);
      if (!existing) throw new Error(`Invoice request ${row.requestKey} conflicted but cannot be found`);
      return existing;
    }
    await enqueueOutbox(manager, {
      topic: ISSUE_TOPIC,
      payload: { invoiceId: created.id },
      idempotencyKey: issueKey(created.id),
    });
    return {
      invoiceId: created.id,
      lookupCode: formatLookupCode(created.lookup_code),
      status: created.status,
      created: true,
    };
  }

  private async byRequestKey(manager: EntityManager, requestKey: string): Promise<InvoiceRequestResult | null> {
    const invoice = await manager.getRepository(Invoice).findOneBy({ requestKey });
    return invoice
      ? {
          invoiceId: invoice.id,
          lookupCode: formatLookupCode(invoice.lookupCode),
          status: invoice.status,
          created: false,
        }
      : null;
  }

  /**
   * The invoice that stands for the order now: the original, or its latest replacement. Locked, so
   * that two corrections of one order are made one after the other.
   */
  private async currentInvoice(
    manager: EntityManager,
    sourceType: InvoiceSourceType,
    sourceId: string,
  ): Promise<Invoice>;
  private async currentInvoice(
    manager: EntityManager,
    sourceType: InvoiceSourceType,
    sourceId: string,
    optional: true,
  ): Promise<Invoice | null>;
  private async currentInvoice(
    manager: EntityManager,
    sourceType: InvoiceSourceType,
    sourceId: string,
    optional = false,
  ): Promise<Invoice | null> {
    // Lock the order's original first: every correction of one order then queues behind the same row.
    const original = await manager.getRepository(Invoice).findOne({
      where: { sourceType, sourceId, kind: 'original' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!original) {
      if (optional) return null;
      throw NOT_FOUND();
    }
    const [current] = (await manager.query(
      `SELECT id FROM invoices WHERE source_type = $1 AND source_id = $2 AND kind IN ('original', 'replacement')
          AND status NOT IN ('replaced', 'cancelled')
        ORDER BY created_at DESC, kind DESC LIMIT 1`,
      [sourceType, sourceId],
    )) as { id: string }[];
    if (!current) return original.status === 'cancelled' && optional ? null : original;
    return (
      (await manager
        .getRepository(Invoice)
        .findOne({ where: { id: current.id }, lock: { mode: 'pessimistic_write' } })) ?? original
    );
  }

  private async pendingCorrections(manager: EntityManager, invoiceId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS count FROM invoices WHERE related_invoice_id = $1 AND status IN ('queued', 'issuing', 'failed')`,
      [invoiceId],
    )) as { count: number }[];
    return row?.count ?? 0;
  }

  /** The goods of the invoice, net of every adjustment made to it so far, merged line by line. */
  private async remainingLines(manager: EntityManager, target: Invoice): Promise<InvoiceLineInput[]> {
    const adjustments = await manager
      .getRepository(Invoice)
      .find({ where: { relatedInvoiceId: target.id, relationType: 'adjusts' } });
    const all = [target, ...adjustments.filter((adjustment) => adjustment.status !== 'cancelled')].flatMap((invoice) =>
      invoice.lines.filter((line) => line.nature === 1),
    );
    const merged = new Map<string, InvoiceLineInput>();
    for (const line of all) {
      const key = JSON.stringify([
        line.name,
        line.unit ?? '',
        line.unitPrice ?? 0,
        line.vatRate ?? null,
        line.itemCode ?? '',
        !!line.priceIncludesVat,
      ]);
      const current = merged.get(key);
      const quantity = (current?.quantity ?? 0) + (line.quantity ?? 0);
      merged.set(key, {
        name: line.name,
        unit: line.unit ?? '',
        quantity: Math.round(quantity * 1e6) / 1e6,
        unitPrice: line.unitPrice ?? 0,
        vatRate: (line.vatRate ?? 'KCT') as VatRate,
        ...(line.itemCode ? { itemCode: line.itemCode } : {}),
        ...(line.priceIncludesVat ? { priceIncludesVat: true } : {}),
      });
    }
    return [...merged.values()].filter((line) => line.quantity !== 0);
  }

  /** Refunds cannot take back more than was sold, per rate and in total. */
  private async checkNotBelowZero(manager: EntityManager, target: Invoice, added: InvoiceLine[]): Promise<void> {
    const adjustments = await manager
      .getRepository(Invoice)
      .find({ where: { relatedInvoiceId: target.id, relationType: 'adjusts' } });
    const lines = [target, ...adjustments.filter((adjustment) => adjustment.status !== 'cancelled')].flatMap(
      (invoice) => invoice.lines,
    );
    const byRate = new Map<string, number>();
    for (const line of [...lines, ...added]) {
      if (line.nature !== 1) continue;
      const key = String(line.vatRate ?? 'none');
      byRate.set(key, (byRate.get(key) ?? 0) + (line.amount ?? 0));
    }
    for (const [rate, amount] of byRate) {
      if (amount < 0) this.fail('lines', `the adjustment takes back more than was invoiced at rate ${rate}`);
    }
  }

  private adjustmentNote(lines: InvoiceLineInput[], reason: string): string {
    const total = lines.reduce((sum, line) => sum + lineAmount(line.quantity, line.unitPrice), 0);
    return `${total < 0 ? 'Điều chỉnh giảm' : 'Điều chỉnh tăng'}: ${reason.trim()}`;
  }

  /** Puts a `TChat` 4 line first, saying what the correction is, and renumbers the lines after it. */
  private withNote(lines: InvoiceLine[], note: string): InvoiceLine[] {
    return [
      { lineNumber: 1, nature: 4, name: note.slice(0, 500) },
      ...lines.map((line, index) => ({ ...line, lineNumber: index + 2 })),
    ];
  }

  private cleanBuyer(buyer: InvoiceBuyer): InvoiceBuyer {
    const taxCode = normaliseTaxCode(buyer.taxCode);
    return {
      name: buyer.name.trim(),
      ...(taxCode ? { taxCode } : {}),
      ...(buyer.address?.trim() ? { address: buyer.address.trim() } : {}),
      ...(buyer.email?.trim() ? { email: buyer.email.trim() } : {}),
      ...(buyer.phone?.trim() ? { phone: buyer.phone.trim() } : {}),
    };
  }

  private fail(field: string, message: string): never {
    throw invalid([{ field, messages: [message] }]);
  }

  private checkCommand(command: IssueInvoiceCommand): void {
    const problems: { field: string; messages: string[] }[] = [];
    const check = (ok: boolean, field: string, message: string) => {
      if (!ok) problems.push({ field, messages: [message] });
    };
    check(UUID.test(command.sellerOrganisationId ?? ''), 'sellerOrganisationId', 'must be a UUID');
    check(
      (SOURCE_TYPES as readonly string[]).includes(command.sourceType),
      'sourceType',
      `must be one of ${SOURCE_TYPES.join(', ')}`,
    );
    check(UUID.test(command.sourceId ?? ''), 'sourceId', 'must be a UUID');
    check(
      !!command.buyer?.name?.trim() && command.buyer.name.length <= 400,
      'buyer.name',
      'is required (at most 400 characters)',
    );
    const taxCode = normaliseTaxCode(command.buyer?.taxCode);
    check(!taxCode || /^\d{10}(\d{3})?$/.test(taxCode), 'buyer.taxCode', 'must be 10 or 13 digits');
    check((command.buyer?.address ?? '').length <= 400, 'buyer.address', 'at most 400 characters');
    check(
      !!command.paymentMethod?.trim() && command.paymentMethod.length <= 50,
      'paymentMethod',
      'is required (at most 50 characters)',
    );
    check(command.issuedAt instanceof Date && !Number.isNaN(command.issuedAt.getTime()), 'issuedAt', 'must be a date');
    check(
      Array.isArray(command.lines) && command.lines.length > 0 && command.lines.length <= 500,
      'lines',
      'between 1 and 500 lines',
    );
    if (problems.length) throw invalid(problems);
    this.checkLines(command.lines, false);
  }

  private checkLines(lines: InvoiceLineInput[], signed: boolean): void {
    const problems: { field: string; messages: string[] }[] = [];
    lines.forEach((line, index) => {
      const at = (name: string) => `lines[${index}].${name}`;
      if (!line.name?.trim() || line.name.length > 500)
        problems.push({ field: at('name'), messages: ['is required (at most 500 characters)'] });
      if (!line.unit?.trim() || line.unit.length > 50)
        problems.push({ field: at('unit'), messages: ['is required (at most 50 characters)'] });
      const quantityOk =
        Number.isFinite(line.quantity) &&
        (signed ? line.quantity !== 0 : line.quantity > 0) &&
        Math.abs(line.quantity) < 1e12;
      if (!quantityOk)
        problems.push({
          field: at('quantity'),
          messages: [signed ? 'must be a non-zero number' : 'must be a positive number'],
        });
      if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0) {
        problems.push({ field: at('unitPrice'), messages: ['must be a whole, non-negative number of đồng'] });
      }
      if (!isVatRate(line.vatRate))
        problems.push({ field: at('vatRate'), messages: ['must be 0, 5, 8, 10, KCT or KKKNT'] });
      if (quantityOk && Number.isSafeInteger(line.unitPrice)) {
        try {
          lineAmount(line.quantity, line.unitPrice);
        } catch {
          problems.push({ field: at('quantity'), messages: ['quantity × unitPrice must be a whole number of đồng'] });
        }
      }
    });
    if (problems.length) throw invalid(problems);
  }
}
