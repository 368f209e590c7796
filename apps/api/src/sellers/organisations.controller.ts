import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import {
  OptionalReasonDto,
  OrganisationApplicationDto,
  OrganisationDto,
  OrganisationListQueryDto,
  StatusChangeDto,
  StatusReasonDto,
} from './dto/organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** Applications, and the province's review of organisations. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post('applications')
  @Roles('buyer')
  @ApiCreatedResponse({
    type: OrganisationDto,
    description: 'The organisation, pending review; the caller is its owner',
  })
  @ApiConflictResponse({ type: ApiErrorDto })
  apply(@CurrentUser() user: AuthenticatedUser, @Body() body: OrganisationApplicationDto): Promise<OrganisationDto> {
    return this.organisations.apply(user, body);
  }

  @Get()
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [OrganisationDto] })
  list(@Query() query: OrganisationListQueryDto): Promise<OrganisationDto[]> {
    return this.organisations.list(query.status);
  }

  @Get(':id')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: OrganisationDto })
  get(@Param('id', uuid) id: string): Promise<OrganisationDto> {
    return this.organisations.getById(id);
  }

  @Get(':id/status-history')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [StatusChangeDto] })
  history(@Param('id', uuid) id: string): Promise<StatusChangeDto[]> {
    return this.organisations.history(id);
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('province_officer')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not pending' })
  approve(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: OptionalReasonDto) {
    return this.organisations.decide(id, 'approve', user, body.reason);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @Roles('province_officer')
  @ApiOkResponse({ type: OrganisationDto })
  reject(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: StatusReasonDto) {
    return this.organisations.decide(id, 'reject', user, body.reason);
  }

  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  @Roles('province_officer')
  @ApiOkResponse({ type: OrganisationDto, description: 'Its products leave the shop at once' })
  suspend(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: StatusReasonDto) {
    return this.organisations.decide(id, 'suspend', user, body.reason);
  }

  @Post(':id/reinstate')
  @HttpCode(HttpStatus.OK)
  @Roles('province_officer')
  @ApiOkResponse({ type: OrganisationDto })
  reinstate(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: OptionalReasonDto) {
    return this.organisations.decide(id, 'reinstate', user, body.reason);
  }
}
