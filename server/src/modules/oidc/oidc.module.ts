import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../users/user.entity';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';

/** Single sign-on with OpenID Connect (OIDC_PROVIDERS). */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [OidcController],
  providers: [OidcService],
})
export class OidcModule {}
