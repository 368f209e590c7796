import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../identity/authenticated-user.js';
import { InvitationDto, MemberDto } from './dto/organisation.dto.js';
import { MembersService } from './members.service.js';

/** Invitations seen from the invited person's side. */
@ApiTags('my organisation')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOkResponse({ type: [InvitationDto] })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<InvitationDto[]> {
    return this.members.invitationsForMe(user);
  }

  @Post(':id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MemberDto })
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<MemberDto> {
    return this.members.accept(user, id);
  }
}
