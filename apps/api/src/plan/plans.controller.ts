import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import {
  AddTargetDto,
  KpiDto,
  MissingFiguresDto,
  PlanDto,
  PlanListQueryDto,
  PlanSummaryDto,
  TargetChangeDto,
  TargetDto,
  UpdateTargetDto,
  YearQueryDto,
} from './dto/plan.dto.js';
import { catalogueDtos } from './kpi-view.js';
import { PlansService } from './plans.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('plans')
@ApiBearerAuth()
@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get('kpis')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({ summary: 'The KPI catalogue: every KPI a target can refer to, and how it is computed' })
  @ApiOkResponse({ type: [KpiDto] })
  catalogue(): KpiDto[] {
    return catalogueDtos();
  }

  @Get('plans')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [PlanSummaryDto] })
  list(@Query() query: PlanListQueryDto): Promise<PlanSummaryDto[]> {
    return this.plans.list(query.provinceCode);
  }

  @Get('plans/active')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({ summary: 'The plan the home province follows now, with its targets' })
  @ApiOkResponse({ type: PlanDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  active(): Promise<PlanDto> {
    return this.plans.getActive();
  }

  @Get('plans/:id')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: PlanDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Param('id', uuid) id: string): Promise<PlanDto> {
    return this.plans.get(id);
  }

  @Post('plans/:id/activate')
  @HttpCode(HttpStatus.OK)
  @Roles('province_officer')
  @ApiOkResponse({ type: PlanDto, description: 'The province’s other plans stop being active' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'The plan belongs to another province' })
  activate(@Param('id', uuid) id: string): Promise<PlanDto> {
    return this.plans.activate(id);
  }

  @Post('plans/:id/targets')
  @Roles('province_officer')
  @ApiOperation({ summary: 'Adds a target for a catalogue KPI, a custom KPI of the plan, or a new custom KPI' })
  @ApiCreatedResponse({ type: TargetDto })
  @ApiForbiddenResponse({ type: ApiErrorDto })
  addTarget(
    @Param('id', uuid) id: string,
    @Body() body: AddTargetDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TargetDto> {
    return this.plans.addTarget(id, body, user);
  }

  @Patch('plans/:id/targets/:targetId')
  @Roles('province_officer')
  @ApiOkResponse({ type: TargetDto })
  @ApiForbiddenResponse({ type: ApiErrorDto })
  updateTarget(
    @Param('id', uuid) id: string,
    @Param('targetId', uuid) targetId: string,
    @Body() body: UpdateTargetDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TargetDto> {
    return this.plans.updateTarget(id, targetId, body, user);
  }

  @Delete('plans/:id/targets/:targetId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles('province_officer')
  @ApiNoContentResponse({ description: 'Archived: it leaves the plan, its history stays' })
  archiveTarget(
    @Param('id', uuid) id: string,
    @Param('targetId', uuid) targetId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    return this.plans.archiveTarget(id, targetId, user);
  }

  @Get('plans/:id/targets/:targetId/history')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [TargetChangeDto] })
  history(@Param('id', uuid) id: string, @Param('targetId', uuid) targetId: string): Promise<TargetChangeDto[]> {
    return this.plans.targetHistory(id, targetId);
  }

  @Get('plans/:id/missing-figures')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({ summary: 'External figures the plan’s targets need for a year that nobody has entered' })
  @ApiOkResponse({ type: MissingFiguresDto })
  missingFigures(@Param('id', uuid) id: string, @Query() query: YearQueryDto): Promise<MissingFiguresDto> {
    return this.plans.missingFigures(id, query.year);
  }
}
