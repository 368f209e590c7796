import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InvoiceLineInput, IssueInvoiceCommand, SellerOrderEvent, VatRate } from '../invoices/invoice-model.js';
import { InvoicesService } from '../invoices/invoices.service.js';

/**
 * Unprocessed farm produce sold by its producer is outside VAT ("không chịu thuế"); everything else is
 * invoiced at the rate most goods carry. The catalog has no per-product tax rate yet, so the top-level
 * category decides.
 */
const VAT_EXEMPT_CATEGORIES = new Set(['nong-san-tuoi']);
const STANDARD_RATE: VatRate = 8;

const PAYMENT_LABELS: Record<string, string> = {
  vnpay: 'Chuyển khoản (VNPay)',
  vietqr: 'Chuyển khoản',
  card: 'Thẻ thanh toán quốc tế',
  cod: 'Tiền mặt (thanh toán khi nhận hàng)',
};

/** Hands each seller order to the invoices capability at the moment the seller chose, and withdraws or reverses it when cancelled. */
@Injectable()
export class OrderInvoicing {
  constructor(private readonly invoices: InvoicesService) {}

  async onEvent(manager: EntityManager, sellerOrderId: string, event: SellerOrderEvent): Promise<void> {
    const { command, cashOnDelivery } = await this.command(manager, sellerOrderId);
    await this.invoices.requestInvoiceOn(manager, event, command);
    // Cash on delivery is paid when it is delivered: both triggers fall on that moment (the request is idempotent).
    if (cashOnDelivery && event === 'delivered') await this.invoices.requestInvoiceOn(manager, 'paid', command);
  }

  async onCancelled(manager: EntityManager, sellerOrderId: string, reason: string): Promise<void> {
    await this.invoices.cancel(manager, {
      sourceType: 'seller_order',
      sourceId: sellerOrderId,
      requestKey: sellerOrderId,
      reason,
    });
  }

  private async command(
    manager: EntityManager,
    sellerOrderId: string,
  ): Promise<{ command: IssueInvoiceCommand; cashOnDelivery: boolean }> {
    const [order] = (await manager.query(
      `SELECT so.organisation_id, so.shipping_fee, co.invoice_name, co.invoice_tax_code, co.invoice_email,
              co.invoice_address, co.buyer_phone, co.payment_method
       FROM seller_orders so JOIN customer_orders co ON co.id = so.customer_order_id WHERE so.id = $1`,
      [sellerOrderId],
    )) as {
      organisation_id: string;
      shipping_fee: string;
      invoice_name: string;
      invoice_tax_code: string | null;
      invoice_email: string | null;
      invoice_address: string | null;
      buyer_phone: string;
      payment_method: string;
    }[];
    if (!order) throw new Error(`No seller order ${sellerOrderId}`);
    const lines: {
      product_name: string;
      variant_label: string;
      sku: string;
      unit_price: string;
      quantity: number;
      top_category: string;
    }[] = await manager.query(
      `SELECT l.product_name, l.variant_label, l.sku, l.unit_price, l.quantity, coalesce(c.parent_code, c.code) AS top_category
         FROM seller_order_lines l JOIN products p ON p.id = l.product_id JOIN product_categories c ON c.code = p.category_code
         WHERE l.seller_order_id = $1 ORDER BY l.product_name, l.variant_label`,
      [sellerOrderId],
    );
    const invoiceLines: InvoiceLineInput[] = lines.map((line) => ({
      name: `${line.product_name} (${line.variant_label})`,
      unit: 'sản phẩm',
      quantity: line.quantity,
      unitPrice: Number(line.unit_price),
      vatRate: VAT_EXEMPT_CATEGORIES.has(line.top_category) ? 'KCT' : STANDARD_RATE,
      itemCode: line.sku,
    }));
    if (Number(order.shipping_fee) > 0) {
      invoiceLines.push({
        name: 'Phí vận chuyển',
        unit: 'lần',
        quantity: 1,
        unitPrice: Number(order.shipping_fee),
        vatRate: STANDARD_RATE,
      });
    }
    const command: IssueInvoiceCommand = {
      sellerOrganisationId: order.organisation_id,
      sourceType: 'seller_order',
      sourceId: sellerOrderId,
      buyer: {
        name: order.invoice_name,
        ...(order.invoice_tax_code ? { taxCode: order.invoice_tax_code } : {}),
        ...(order.invoice_address ? { address: order.invoice_address } : {}),
        ...(order.invoice_email ? { email: order.invoice_email } : {}),
        phone: order.buyer_phone,
      },
      lines: invoiceLines,
      paymentMethod: PAYMENT_LABELS[order.payment_method] ?? order.payment_method,
      issuedAt: new Date(),
      // Shop prices are what the buyer pays, VAT included.
      pricesIncludeVat: true,
    };
    return { command, cashOnDelivery: order.payment_method === 'cod' };
  }
}
