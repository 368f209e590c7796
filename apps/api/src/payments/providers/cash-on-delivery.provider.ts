import { Injectable } from '@nestjs/common';
import type { CancelAtProvider, PaymentProvider, RefundAtProvider, StartedPayment } from '../payment-provider.js';

/** Cash handed to the courier. Recorded as cash; it succeeds when the orders capability reports collection. */
@Injectable()
export class CashOnDeliveryProvider implements PaymentProvider {
  readonly method = 'cod' as const;
  readonly available = true;
  readonly expiryMinutes = null;

  async start(): Promise<StartedPayment> {
    return { providerReference: null, action: { type: 'none' }, instructions: null };
  }

  async cancel(): Promise<CancelAtProvider> {
    return 'not_supported';
  }

  /** The cash is with the seller or the courier: a person hands it back. */
  async refund(): Promise<RefundAtProvider> {
    return { outcome: 'manual' };
  }
}
