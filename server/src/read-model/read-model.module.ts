import { Module } from '@nestjs/common';
import { ActionAssignments } from './action-assignments';
import { ActionProjector } from './action-projector';
import { ReadModelRepository } from './read-model.repository';
import { ViewsController } from './views.controller';
import { ViewsService } from './views.service';

/** The read model of actions and the cross-household views built on it. */
@Module({
  controllers: [ViewsController],
  providers: [ReadModelRepository, ViewsService, ActionProjector, ActionAssignments],
  exports: [ReadModelRepository, ActionProjector],
})
export class ReadModelModule {}
