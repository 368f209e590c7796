import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiErrorDto } from '../core/http/api-error.js';
import { DomainError } from '../core/http/domain-error.js';
import { Public, Roles } from '../identity/authenticated-user.js';
import { ScanLocationDto, ScanStatsQueryDto } from './dto/batch.dto.js';
import { ScanStatsDto, TraceRecordDto } from './dto/trace.dto.js';
import { TraceabilityService } from './traceability.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

class TraceQueryDto {
  @ApiPropertyOptional({ enum: ['true'], description: 'Count this read as a scan (an app that opened a QR code)' })
  @IsOptional()
  @IsIn(['true'])
  scan?: 'true';
}

class ResolveQueryDto extends TraceQueryDto {
  @ApiProperty({ example: 'https://id.gs1.org/01/08934563138165/10/HOI-2026%2F01' })
  @IsString()
  @MaxLength(2000)
  uri: string;
}

/** The trace record for apps, and its EPCIS export; public like the page a QR code opens. */
@ApiTags('traceability')
@Public()
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'trace_not_found' })
@Controller('trace')
export class PublicTraceController {
  constructor(private readonly trace: TraceabilityService) {}

  /** For an app's scanner: any lot-level Digital Link (this platform's, id.gs1.org, a brand's domain) or short URI. */
  @Get('resolve')
  @ApiOkResponse({ type: TraceRecordDto })
  async resolve(@Query() query: ResolveQueryDto): Promise<TraceRecordDto> {
    const batch = await this.trace.findByUri(query.uri);
    if (!batch) throw new DomainError('trace_not_found', 'No batch is identified by this link', HttpStatus.NOT_FOUND);
    const scanId = query.scan === 'true' ? await this.trace.recordScan(batch, 'app', undefined) : null;
    return { ...(await this.trace.record(batch)), ...(scanId ? { scanId } : {}) };
  }

  @Get(':code')
  @ApiOkResponse({ type: TraceRecordDto })
  async get(@Param('code') code: string, @Query() query: TraceQueryDto): Promise<TraceRecordDto> {
    const batch = await this.trace.findByCode(code);
    if (!batch) throw new DomainError('trace_not_found', 'No batch has this trace code', HttpStatus.NOT_FOUND);
    const scanId = query.scan === 'true' ? await this.trace.recordScan(batch, 'app', undefined) : null;
    return { ...(await this.trace.record(batch)), ...(scanId ? { scanId } : {}) };
  }

  @Get(':code/epcis')
  @Header('Content-Type', 'application/ld+json; charset=utf-8')
  @ApiOkResponse({ description: 'EPCISDocument, EPCIS 2.0 JSON-LD', content: { 'application/ld+json': {} } })
  epcis(@Param('code') code: string): Promise<Record<string, unknown>> {
    return this.trace.epcisByCode(code);
  }

  @Post('scans/:scanId/location')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Stored, rounded to about 1 km' })
  shareLocation(@Param('scanId', uuid) scanId: string, @Body() body: ScanLocationDto): Promise<void> {
    return this.trace.shareLocation(scanId, body.latitude, body.longitude);
  }
}

/** The traceability indicator for the province's reports. */
@ApiTags('traceability')
@Roles('province_officer', 'platform_admin')
@Controller('province/traceability')
export class ProvinceTraceabilityController {
  constructor(private readonly trace: TraceabilityService) {}

  @Get('stats')
  @ApiOkResponse({ type: ScanStatsDto })
  stats(@Query() query: ScanStatsQueryDto): Promise<ScanStatsDto> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(from < to)) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'to', messages: ['to must be after from'] },
      ]);
    }
    return this.trace.scanStats(from, to);
  }
}
