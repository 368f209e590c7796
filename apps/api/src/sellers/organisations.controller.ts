import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import { OrganisationDto } from './dto/organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [OrganisationDto] })
  list(): Promise<OrganisationDto[]> {
    return this.organisations.listAll();
  }

  @Get('mine')
  @Roles('seller_member')
  @ApiOkResponse({ type: OrganisationDto })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<OrganisationDto> {
    return this.organisations.getOwn(user);
  }
}
