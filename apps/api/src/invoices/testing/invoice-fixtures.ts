import { sql } from '../../testing/sql.js';

export { sql };
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { TestApp } from '../../testing/test-app.js';
import type { IssueInvoiceCommand } from '../invoice-model.js';
import { InvoicesService } from '../invoices.service.js';
import { OutboxWorker } from '../outbox/outbox-worker.js';

export const DEMO_SELLER_TAX_CODE = '0100233488';

/** The approved demo organisation, given a tax code so that it can issue invoices. */
export async function demoSeller(api: TestApp, taxCode = DEMO_SELLER_TAX_CODE): Promise<string> {
  const [row] = await sql<{ organisation_id: string }>(
    api,
    "SELECT organisation_id FROM users WHERE email = 'htx@ocop.demo'",
  );
  if (!row) throw new Error('No demo seller');
  await sql(api, 'UPDATE organisations SET tax_code = $2, contact_phone = $3 WHERE id = $1', [
    row.organisation_id,
    taxCode,
    '0912345678',
  ]);
  return row.organisation_id;
}

export function orderCommand(
  sellerOrganisationId: string,
  overrides: Partial<IssueInvoiceCommand> = {},
): IssueInvoiceCommand {
  return {
    sellerOrganisationId,
    sourceType: 'seller_order',
    sourceId: randomUUID(),
    buyer: {
      name: 'Nguyễn Thu Trang',
      address: '25 Hàng Bài, phường Hoàn Kiếm, thành phố Hà Nội',
      email: 'khach@ocop.demo',
    },
    lines: [
      {
        itemCode: 'HOI-500',
        name: 'Hoa hồi khô Văn Quan, túi 500 g',
        unit: 'Túi',
        quantity: 2,
        unitPrice: 250_000,
        vatRate: 5,
      },
      {
        itemCode: 'MAT-1L',
        name: 'Mật ong bạc hà, chai 1 lít',
        unit: 'Chai',
        quantity: 1,
        unitPrice: 750_000,
        vatRate: 10,
      },
    ],
    paymentMethod: 'Chuyển khoản',
    issuedAt: new Date(),
    ...overrides,
  };
}

export function services(api: TestApp) {
  return {
    db: api.app.get(DataSource),
    invoices: api.app.get(InvoicesService),
    worker: api.app.get(OutboxWorker),
  };
}

/** What the orders module does: request inside its own transaction. */
export function inTransaction<T>(api: TestApp, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return api.app.get(DataSource).transaction(work);
}

export const FAR_FUTURE = () => new Date(Date.now() + 7 * 24 * 3600 * 1000);
