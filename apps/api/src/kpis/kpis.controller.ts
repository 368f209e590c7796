import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import {
  CommuneGridDto,
  CommunePeriodQueryDto,
  DashboardDto,
  DashboardQueryDto,
  DrillDownDto,
  PeriodQueryDto,
  ReportJobDto,
  StartReportDto,
} from './dto/kpis.dto.js';
import { KpiReportsService } from './kpi-reports.service.js';
import { KpisService } from './kpis.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  constructor(
    private readonly kpis: KpisService,
    private readonly reports: KpiReportsService,
  ) {}

  @Get('dashboard')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({
    summary: 'Every target of a plan with its actual value, status and trend, for the province or one commune',
  })
  @ApiOkResponse({ type: DashboardDto })
  dashboard(@Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.kpis.dashboard(query);
  }

  @Get('communes')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({ summary: 'Every commune of the province with its active sellers, and those without any' })
  @ApiOkResponse({ type: CommuneGridDto })
  communes(@Query() query: PeriodQueryDto): Promise<CommuneGridDto> {
    return this.kpis.communes(query);
  }

  @Post('reports')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({ summary: 'Starts building the yearly report of a plan in the background' })
  @ApiOkResponse({ type: ReportJobDto })
  startReport(@CurrentUser() user: AuthenticatedUser, @Body() body: StartReportDto): Promise<ReportJobDto> {
    return this.reports.start(body.planId, body.year, user.userId);
  }

  @Get('reports/:id')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: ReportJobDto })
  report(@Param('id', uuid) id: string): Promise<ReportJobDto> {
    return this.reports.get(id);
  }

  @Get('reports/:id/download.xlsx')
  @Roles('province_officer', 'platform_admin')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The report as a workbook' })
  async xlsx(@Param('id', uuid) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.xlsx(id), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="bao-cao-kpi-${id}.xlsx"`,
    });
  }

  @Get('reports/:id/download.csv')
  @Roles('province_officer', 'platform_admin')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The report as CSV (UTF-8 with a byte-order mark)' })
  async csv(@Param('id', uuid) id: string): Promise<StreamableFile> {
    return new StreamableFile(Buffer.from(await this.reports.csv(id), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="bao-cao-kpi-${id}.csv"`,
    });
  }

  @Get(':kpiId/records')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({ summary: 'The records a KPI counted (active sellers, communes, OCOP products, payments, orders)' })
  @ApiOkResponse({ type: DrillDownDto })
  records(@Param('kpiId') kpiId: string, @Query() query: CommunePeriodQueryDto): Promise<DrillDownDto> {
    return this.kpis.records(kpiId, query);
  }
}
