import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrorDto } from '../core/http/api-error.js';
import { Public } from '../identity/authenticated-user.js';
import { BankTransferService } from './bank-transfer.service.js';
import { BankWebhookGuard } from './bank-webhook.guard.js';
import {
  type BankTransferNotification,
  BankTransferNotificationDto,
  BankWebhookReplyDto,
  StripeWebhookReplyDto,
  VnpayIpnReplyDto,
  VnpayReturnDto,
} from './dto/callbacks.dto.js';
import { lenientBody } from './lenient-body.pipe.js';
import { StripeWebhookService } from './stripe-webhook.service.js';
import { VnpayService } from './vnpay.service.js';

/** Where payment providers call us. None of these routes takes a user's token; each checks its provider's proof. */
@ApiTags('payment callbacks')
@Controller('payments')
export class PaymentCallbacksController {
  constructor(
    private readonly vnpay: VnpayService,
    private readonly transfers: BankTransferService,
    private readonly stripe: StripeWebhookService,
  ) {}

  @Get('vnpay/ipn')
  @Public()
  @ApiOkResponse({ type: VnpayIpnReplyDto, description: "Always 200; the outcome is VNPay's RspCode" })
  ipn(@Query() query: Record<string, unknown>): Promise<VnpayIpnReplyDto> {
    return this.vnpay.handleIpn(query);
  }

  @Get('vnpay/return')
  @Public()
  @ApiOkResponse({ type: VnpayReturnDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The signature does not match' })
  vnpayReturn(@Query() query: Record<string, unknown>): Promise<VnpayReturnDto> {
    return this.vnpay.describeReturn(query);
  }

  @Post('bank-transfers/webhook')
  @Public()
  @UseGuards(BankWebhookGuard)
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'Authorization', description: 'Apikey <BANK_WEBHOOK_API_KEY>', required: true })
  @ApiBody({ type: BankTransferNotificationDto })
  @ApiOkResponse({ type: BankWebhookReplyDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  bankTransfer(
    @Body(lenientBody(BankTransferNotificationDto)) notification: BankTransferNotification,
    @Req() request: Request,
  ): Promise<BankWebhookReplyDto> {
    return this.transfers.handleNotification(notification, request.body);
  }

  @Post('stripe/webhook')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  @ApiOkResponse({ type: StripeWebhookReplyDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The signature does not match' })
  stripeWebhook(
    @Req() request: Request & { rawBody?: Buffer },
    @Headers('stripe-signature') signature?: string,
  ): Promise<StripeWebhookReplyDto> {
    const raw = request.rawBody ?? (Buffer.isBuffer(request.body) ? request.body : undefined);
    return this.stripe.handle(raw, signature);
  }
}
