import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { Public, Roles } from '../identity/authenticated-user.js';
import {
  AttentionPaymentDto,
  AvailableMethodDto,
  PaymentCallbackDto,
  PaymentDetailDto,
  PaymentDto,
  PaymentMixDto,
  PaymentMixQueryDto,
  PaymentRefundDto,
  RefundSentByHandDto,
} from './dto/payment.dto.js';
import { PaymentRefundsService } from './payment-refunds.service.js';
import { PaymentsService } from './payments.service.js';

/**
 * The buyer reads a payment with the access token returned when it was created (guest checkout
 * has no account). Header `X-Payment-Token`; `?token=` only for the QR image, which an <img> loads.
 */
@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: PaymentRefundsService,
  ) {}

  @Get('methods')
  @Public()
  @ApiOkResponse({ type: [AvailableMethodDto], description: 'What checkout may offer now' })
  methods(): AvailableMethodDto[] {
    return this.payments.availableMethods();
  }

  @Get('mix')
  @Roles('province_officer', 'platform_admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: PaymentMixDto, description: 'Succeeded payments by method; the non-cash share (KPI K-30)' })
  mix(@Query() query: PaymentMixQueryDto): Promise<PaymentMixDto> {
    return this.payments.paymentMix(new Date(query.from), new Date(query.to));
  }

  @Get('attention')
  @Roles('platform_admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [AttentionPaymentDto], description: 'Flagged payments and money to give back' })
  attention(): Promise<AttentionPaymentDto[]> {
    return this.payments.listNeedingAttention();
  }

  @Get('bank-transfers/unmatched')
  @Roles('platform_admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [PaymentCallbackDto], description: 'Incoming transfers whose note named no payment' })
  unmatchedTransfers(): Promise<PaymentCallbackDto[]> {
    return this.payments.listUnmatchedTransfers();
  }

  @Get('refunds/awaiting-hand')
  @Roles('platform_admin')
  @ApiBearerAuth()
  @ApiOkResponse({
    type: [PaymentRefundDto],
    description: 'Refunds a person must send back (no provider API, or it kept failing)',
  })
  refundsAwaitingHand(): Promise<PaymentRefundDto[]> {
    return this.refunds.listAwaitingHand();
  }

  @Post('refunds/:id/sent')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: PaymentRefundDto, description: 'The money was sent back by hand; it is no longer owed' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  refundSentByHand(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RefundSentByHandDto,
  ): Promise<PaymentRefundDto> {
    return this.refunds.markSentByHand(id, body.reference.trim());
  }

  @Get(':id/detail')
  @Roles('platform_admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: PaymentDetailDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  detail(@Param('id') id: string): Promise<PaymentDetailDto> {
    return this.payments.getPaymentDetail(id);
  }

  @Get(':id')
  @Public()
  @ApiHeader({ name: 'X-Payment-Token', required: true, description: 'Returned when the payment was created' })
  @ApiOkResponse({ type: PaymentDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such payment, or the token does not match' })
  get(@Param('id') id: string, @Headers('x-payment-token') token?: string): Promise<PaymentDto> {
    return this.payments.getPaymentForBuyer(id, token);
  }

  @Get(':id/vietqr.png')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'The VietQR code to scan with a banking app' })
  async vietQrPng(@Param('id') id: string, @Query('token') token?: string): Promise<StreamableFile> {
    const png = await this.payments.renderVietQr(id, token, 'png');
    return new StreamableFile(Buffer.from(png), { type: 'image/png' });
  }

  @Get(':id/vietqr.svg')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'The VietQR code as SVG' })
  async vietQrSvg(@Param('id') id: string, @Query('token') token?: string): Promise<StreamableFile> {
    const svg = await this.payments.renderVietQr(id, token, 'svg');
    return new StreamableFile(Buffer.from(svg), { type: 'image/svg+xml' });
  }
}
