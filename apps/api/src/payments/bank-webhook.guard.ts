import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { DomainError } from '../core/http/domain-error.js';
import { BankTransferService } from './bank-transfer.service.js';
import { VietQrProvider } from './providers/vietqr.provider.js';

/**
 * Checks the bank-feed provider's API key before the body is validated, so that a caller without
 * the key learns nothing about what a valid notification looks like.
 */
@Injectable()
export class BankWebhookGuard implements CanActivate {
  constructor(
    private readonly vietqr: VietQrProvider,
    private readonly transfers: BankTransferService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; body?: unknown }>();
    if (this.vietqr.isAuthorised(request.headers.authorization)) return true;
    await this.transfers.recordUnauthorised(request.body ?? null);
    throw new DomainError('invalid_api_key', 'Missing or wrong API key', HttpStatus.UNAUTHORIZED);
  }
}
