import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../users/user.entity';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionEntity } from './session.entity';
import { AccountTokenEntity, RecoveryCodeEntity } from './account-token.entity';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { SecondFactorService } from './second-factor.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity, AccountTokenEntity, RecoveryCodeEntity]),
  ],
  controllers: [AuthController, AccountController],
  providers: [
    AuthService,
    AccountService,
    SecondFactorService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccountService],
})
export class AuthModule {}
