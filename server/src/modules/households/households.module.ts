import { Global, Module } from '@nestjs/common';
import { HouseholdAccessPolicy } from './household-access.policy';
import { HouseholdSearchRepository } from './household-search.repository';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';

/** Global so that collab and the events gateway can ask the access policy without importing this module's internals. */
@Global()
@Module({
  controllers: [HouseholdsController],
  providers: [
    HouseholdsRepository,
    HouseholdSearchRepository,
    HouseholdsService,
    HouseholdAccessPolicy,
  ],
  exports: [
    HouseholdAccessPolicy,
    HouseholdsRepository,
    HouseholdSearchRepository,
    HouseholdsService,
  ],
})
export class HouseholdsModule {}
