import { Body, Controller, Get, HttpStatus, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { DomainError } from '../core/http/domain-error.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import {
  ExternalFigureDto,
  ExternalFigureListQueryDto,
  ExternalFigureRevisionDto,
  UpsertExternalFigureDto,
} from './dto/external-figure.dto.js';
import { FigureDefinitionDto } from './dto/plan.dto.js';
import { ExternalFiguresService } from './external-figures.service.js';

const year = new ParseIntPipe({
  exceptionFactory: () =>
    new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
      { field: 'year', messages: ['year must be a whole number'] },
    ]),
});

function checkYear(value: number): number {
  if (value < 2000 || value > 2100) {
    throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
      { field: 'year', messages: ['year must be between 2000 and 2100'] },
    ]);
  }
  return value;
}

/** Figures of the home province the platform cannot observe, entered per year with their source. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('external-figures')
export class ExternalFiguresController {
  constructor(private readonly figures: ExternalFiguresService) {}

  @Get('definitions')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({ summary: 'Every figure that can be entered, with the KPIs that need it' })
  @ApiOkResponse({ type: [FigureDefinitionDto] })
  definitions(): Promise<FigureDefinitionDto[]> {
    return this.figures.definitions();
  }

  @Get()
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [ExternalFigureDto] })
  list(@Query() query: ExternalFigureListQueryDto): Promise<ExternalFigureDto[]> {
    return this.figures.list(query.year);
  }

  @Put(':year/:key')
  @Roles('province_officer')
  @ApiOperation({ summary: 'Enters or corrects a figure; a correction keeps the previous version' })
  @ApiOkResponse({ type: ExternalFigureDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Unknown key, or a value outside what the unit allows' })
  upsert(
    @Param('year', year) yearValue: number,
    @Param('key') key: string,
    @Body() body: UpsertExternalFigureDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ExternalFigureDto> {
    return this.figures.upsert(checkYear(yearValue), key, body, user);
  }

  @Get(':year/:key/history')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [ExternalFigureRevisionDto] })
  history(@Param('year', year) yearValue: number, @Param('key') key: string): Promise<ExternalFigureRevisionDto[]> {
    return this.figures.history(checkYear(yearValue), key);
  }
}
