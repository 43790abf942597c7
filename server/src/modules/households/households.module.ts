import { Global, Module } from '@nestjs/common';
import { HouseholdAccessPolicy } from './household-access.policy';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';

/** Global so that collab and the events gateway can ask the access policy without importing this module's internals. */
@Global()
@Module({
  controllers: [HouseholdsController],
  providers: [HouseholdsRepository, HouseholdsService, HouseholdAccessPolicy],
  exports: [HouseholdAccessPolicy, HouseholdsRepository, HouseholdsService],
})
export class HouseholdsModule {}
