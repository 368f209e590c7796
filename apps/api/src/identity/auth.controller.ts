import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiErrorDto } from '../core/http/api-error.js';
import { type AuthenticatedUser, CurrentUser, Public } from './authenticated-user.js';
import { AccountDto, RefreshDto, SessionDto, SignInDto, SignUpDto } from './dto/auth.dto.js';
import { IdentityService } from './identity.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('sign-up')
  @ApiCreatedResponse({ type: SessionDto, description: 'A buyer account, already signed in' })
  async signUp(@Body() body: SignUpDto): Promise<SessionDto> {
    await this.identity.createAccount({ ...body, role: 'buyer' });
    return this.identity.signIn(body.email ?? body.phone ?? '', body.password);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionDto })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many attempts from this address' })
  signIn(@Body() body: SignInDto): Promise<SessionDto> {
    return this.identity.signIn(body.login, body.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionDto })
  refresh(@Body() body: RefreshDto): Promise<SessionDto> {
    return this.identity.refresh(body.refreshToken);
  }

  @Public()
  @Post('sign-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  signOut(@Body() body: RefreshDto): Promise<void> {
    return this.identity.signOut(body.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: AccountDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<AccountDto> {
    return this.identity.getAccount(user);
  }
}
