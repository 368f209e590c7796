import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { AccessTokenGuard } from './access-token.guard.js';
import { AccountsController } from './accounts.controller.js';
import { AuthController } from './auth.controller.js';
import { IdentityService } from './identity.service.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshSession } from './refresh-session.entity.js';
import { TokenService } from './token.service.js';
import { User } from './user.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshSession]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
    // Only the routes that carry ThrottlerGuard (sign-in, sign-up) are limited.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [
        { name: 'default', limit: config.SIGN_IN_RATE_LIMIT, ttl: config.SIGN_IN_RATE_WINDOW_SECONDS * 1000 },
      ],
    }),
  ],
  controllers: [AuthController, AccountsController],
  providers: [PasswordHasher, TokenService, IdentityService, { provide: APP_GUARD, useClass: AccessTokenGuard }],
  exports: [IdentityService, TokenService],
})
export class IdentityModule {}
