import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import {
  InvitationDto,
  InviteMemberDto,
  MemberDto,
  OrganisationDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto.js';
import { MembersService } from './members.service.js';
import { OrganisationsService } from './organisations.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** The seller's own organisation. There is no organisation id in these routes: it comes from the session. */
@ApiTags('my organisation')
@ApiBearerAuth()
@Roles('seller_member')
@Controller('organisations/mine')
export class MyOrganisationController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
  ) {}

  @Get()
  @ApiOkResponse({ type: OrganisationDto })
  get(@CurrentUser() user: AuthenticatedUser): Promise<OrganisationDto> {
    return this.organisations.getOwn(user);
  }

  @Patch()
  @ApiOkResponse({ type: OrganisationDto })
  update(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.updateOwn(user, body);
  }

  @Post('resubmit')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrganisationDto, description: 'A rejected application goes back to review' })
  resubmit(@CurrentUser() user: AuthenticatedUser): Promise<OrganisationDto> {
    return this.organisations.resubmitOwn(user);
  }

  @Get('members')
  @ApiOkResponse({ type: [MemberDto] })
  listMembers(@CurrentUser() user: AuthenticatedUser): Promise<MemberDto[]> {
    return this.members.list(user);
  }

  @Delete('members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeMember(@CurrentUser() user: AuthenticatedUser, @Param('userId', uuid) userId: string): Promise<void> {
    return this.members.remove(user, userId);
  }

  @Get('invitations')
  @ApiOkResponse({ type: [InvitationDto] })
  listInvitations(@CurrentUser() user: AuthenticatedUser): Promise<InvitationDto[]> {
    return this.members.listInvitations(user);
  }

  @Post('invitations')
  @ApiCreatedResponse({ type: InvitationDto })
  invite(@CurrentUser() user: AuthenticatedUser, @Body() body: InviteMemberDto): Promise<InvitationDto> {
    return this.members.invite(user, body.login);
  }

  @Delete('invitations/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  revokeInvitation(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string): Promise<void> {
    return this.members.revokeInvitation(user, id);
  }
}
