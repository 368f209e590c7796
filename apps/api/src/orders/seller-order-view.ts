import { type EntityManager, In } from 'typeorm';
import type { PaymentDto } from '../payments/dto/payment.dto.js';
import { Payment } from '../payments/payment.entity.js';
import { toPaymentDto } from '../payments/payment-mapper.js';
import type { SellerOrderPaymentDto, SellerOrderRecipientDto } from './dto/checkout.dto.js';

/** What only the seller's view of its orders carries, per customer order. */
export interface SellerViewExtras {
  recipients: Map<string, SellerOrderRecipientDto>;
  payments: Map<string, SellerOrderPaymentDto | null>;
}

/**
 * Reads the delivery address and the payment of the given customer orders. The caller has already
 * restricted the seller orders to the caller's organisation, so only those customer orders are read.
 */
export async function loadSellerViewExtras(
  manager: EntityManager,
  customerOrderIds: string[],
): Promise<SellerViewExtras> {
  const ids = [...new Set(customerOrderIds)];
  const recipients = new Map<string, SellerOrderRecipientDto>();
  const payments = new Map<string, SellerOrderPaymentDto | null>();
  if (ids.length === 0) return { recipients, payments };

  const orders: (SellerOrderRecipientDto & { id: string; seller_orders: number })[] = await manager.query(
    `SELECT co.id, co.recipient_name AS name, co.recipient_phone AS phone, co.street_address AS "streetAddress",
            co.commune_code AS "communeCode", c.name AS "communeName", p.name AS "provinceName",
            (SELECT count(*) FROM seller_orders so WHERE so.customer_order_id = co.id)::int AS seller_orders
     FROM customer_orders co JOIN communes c ON c.code = co.commune_code JOIN provinces p ON p.code = co.province_code
     WHERE co.id = ANY($1)`,
    [ids],
  );
  const attempts = (
    await manager.getRepository(Payment).find({ where: { customerOrderId: In(ids) }, order: { createdAt: 'ASC' } })
  ).map(toPaymentDto);
  for (const { id, seller_orders: sellerOrders, ...recipient } of orders) {
    recipients.set(id, recipient);
    payments.set(
      id,
      summarisePayment(
        attempts.filter((attempt) => attempt.customerOrderId === id),
        sellerOrders > 1,
      ),
    );
  }
  return { recipients, payments };
}

/**
 * One line about the money of an order that may have had several payment attempts (a failed VNPay
 * payment, then a transfer): the attempt that counts is the captured one, else the open one, else
 * the latest; flags and refunds are gathered from every attempt, since money may sit on any of them.
 */
export function summarisePayment(attempts: PaymentDto[], shared: boolean): SellerOrderPaymentDto | null {
  const latest = (status?: string) => attempts.filter((a) => !status || a.status === status).at(-1);
  const main = latest('succeeded') ?? latest('pending') ?? latest();
  if (!main) return null;
  return {
    method: main.method,
    status: main.status,
    sharedWithOtherSellers: shared,
    amountExpected: shared ? null : main.amount,
    amountReceived: shared ? null : main.amountReceived,
    amountDue: main.amountDue,
    amountToRefund: attempts.reduce((sum, attempt) => sum + attempt.amountToRefund, 0),
    amountRefunded: attempts.reduce((sum, attempt) => sum + attempt.amountRefunded, 0),
    flags: [...new Set(attempts.flatMap((attempt) => attempt.flags))],
    paidAt: main.paidAt,
  };
}
