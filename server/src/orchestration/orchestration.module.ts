import { Global, Module } from '@nestjs/common';
import { MeetingsModule } from '../modules/meetings/meetings.module';
import { PLAN_PORT } from '../modules/meetings/plan.port';
import { CollabPlanPort } from './plan-port.adapter';

/**
 * Bridges between modules that own authoritative facts and the collab layer
 * they may not import. Global: `PLAN_PORT` is injected by the meetings module.
 */
@Global()
@Module({
  providers: [{ provide: PLAN_PORT, useClass: CollabPlanPort }],
  exports: [PLAN_PORT],
})
export class OrchestrationModule {}

/** The meetings feature with its bridge to the plan: import this one in the app. */
@Module({ imports: [OrchestrationModule, MeetingsModule] })
export class MeetingsFeatureModule {}
