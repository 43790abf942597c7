import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BeheerController } from './beheer.controller';
import { BeheerService } from './beheer.service';
import { OrganisationEntity, UserEntity, WijkteamEntity } from './user.entity';
import { UsersController } from './users.controller';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, WijkteamEntity, OrganisationEntity])],
  controllers: [UsersController, BeheerController],
  providers: [BeheerService],
})
export class UsersModule {}
