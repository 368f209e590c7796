import { Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { NotificationSender, OrderNotification } from './notifications.js';

const STATUS_VI: Record<string, string> = {
  awaiting_payment: 'chờ thanh toán',
  paid: 'đã thanh toán',
  cod_accepted: 'đã xác nhận (thanh toán khi nhận hàng)',
  packed: 'đã đóng gói',
  shipped: 'đang giao',
  delivered: 'đã giao',
  completed: 'hoàn tất',
  cancelled: 'đã hủy',
  refunded: 'đã hoàn tiền',
};

/** Sends order notifications by email through any SMTP server (SMTP_URL). Built by the module's factory. */
export class EmailNotificationSender implements NotificationSender {
  private readonly logger = new Logger(EmailNotificationSender.name);
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly db: DataSource,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(notification: OrderNotification): Promise<void> {
    const to =
      notification.audience === 'buyer'
        ? notification.buyerEmail
          ? [notification.buyerEmail]
          : []
        : await this.sellerEmails(notification.organisationId);
    if (to.length === 0) return;
    const status = STATUS_VI[notification.status] ?? notification.status;
    const subject =
      notification.event === 'order_placed'
        ? notification.audience === 'seller'
          ? `Đơn hàng mới ${notification.sellerOrderCode} / New order`
          : `Đã nhận đơn hàng ${notification.customerOrderCode} / Order received`
        : `Đơn hàng ${notification.sellerOrderCode}: ${status} / Order status changed`;
    const text = [
      notification.audience === 'seller' ? 'Kính gửi người bán,' : 'Kính gửi quý khách,',
      '',
      `Đơn hàng ${notification.sellerOrderCode} hiện ở trạng thái: ${status}.`,
      `Mã đơn của khách: ${notification.customerOrderCode}.`,
      '',
      `Order ${notification.sellerOrderCode} is now: ${notification.status.replace(/_/g, ' ')}.`,
    ].join('\n');
    await this.transport.sendMail({ from: this.from, to, subject, text });
    this.logger.log({ order: notification.sellerOrderCode, audience: notification.audience }, 'order email sent');
  }

  /** The organisation's contact address and its members' addresses. */
  private async sellerEmails(organisationId: string): Promise<string[]> {
    const rows: { email: string }[] = await this.db.query(
      `SELECT contact_email AS email FROM organisations WHERE id = $1 AND contact_email IS NOT NULL
       UNION SELECT email FROM users WHERE organisation_id = $1 AND email IS NOT NULL`,
      [organisationId],
    );
    return rows.map((row) => row.email);
  }
}
