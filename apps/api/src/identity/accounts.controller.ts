import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from './authenticated-user.js';
import { AccountDto, CreateAccountDto } from './dto/auth.dto.js';
import { IdentityService, toAccountDto } from './identity.service.js';

/** Platform administration of accounts: officers and administrators are created here, not by sign-up. */
@ApiTags('accounts')
@ApiBearerAuth()
@Roles('platform_admin')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  @ApiOkResponse({ type: [AccountDto] })
  list(): Promise<AccountDto[]> {
    return this.identity.listAccounts();
  }

  @Post()
  @ApiCreatedResponse({ type: AccountDto })
  async create(@Body() body: CreateAccountDto): Promise<AccountDto> {
    return toAccountDto(await this.identity.createAccount(body));
  }
}
