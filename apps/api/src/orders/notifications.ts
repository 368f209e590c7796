import { Injectable, Logger } from '@nestjs/common';

export interface OrderNotification {
  /** Who is told: the buyer of the order, or the members of the seller organisation. */
  audience: 'buyer' | 'seller';
  event: 'order_placed' | 'status_changed';
  customerOrderCode: string;
  sellerOrderCode: string;
  organisationId: string;
  status: string;
  buyerEmail: string | null;
}

/** The port through which buyers and sellers hear about their orders. */
export interface NotificationSender {
  send(notification: OrderNotification): Promise<void>;
}

export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

/** The default adapter: writes the notification to the log (no personal data beyond the order code). */
@Injectable()
export class LogNotificationSender implements NotificationSender {
  private readonly logger = new Logger('Notifications');

  async send(notification: OrderNotification): Promise<void> {
    this.logger.log(
      {
        audience: notification.audience,
        event: notification.event,
        order: notification.sellerOrderCode,
        status: notification.status,
      },
      'notification',
    );
  }
}
