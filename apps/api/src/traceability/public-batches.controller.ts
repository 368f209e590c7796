import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { Public } from '../identity/authenticated-user.js';
import { ProductTraceDto, RecentBatchDto, RecentBatchesQueryDto } from './dto/public-batches.dto.js';
import { PublicBatchesService } from './public-batches.service.js';

/**
 * Batch summaries for the storefront's product and home pages. Shared caches may keep them a minute:
 * a new batch or a suspended seller shows up that much later there, while the trace page itself
 * (`/t/{code}`) is never cached.
 */
const SHORT_PUBLIC_CACHE = 'public, max-age=60';

@ApiTags('traceability')
@Public()
@Controller('trace')
export class PublicBatchesController {
  constructor(private readonly batches: PublicBatchesService) {}

  @Get('products/:slug/current')
  @Header('Cache-Control', SHORT_PUBLIC_CACHE)
  @ApiOkResponse({ type: ProductTraceDto })
  @ApiNotFoundResponse({
    type: ApiErrorDto,
    description: 'product_not_found: unknown, unpublished or seller not approved',
  })
  current(@Param('slug') slug: string): Promise<ProductTraceDto> {
    return this.batches.currentBatch(slug);
  }

  @Get('batches/recent')
  @Header('Cache-Control', SHORT_PUBLIC_CACHE)
  @ApiOkResponse({ type: [RecentBatchDto] })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  recent(@Query() query: RecentBatchesQueryDto): Promise<RecentBatchDto[]> {
    return this.batches.recentBatches(query.limit ?? 8);
  }
}
