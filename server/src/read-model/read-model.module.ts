import { Module } from '@nestjs/common';
import { ActionProjector } from './action-projector';
import { ReadModelRepository } from './read-model.repository';
import { ViewsController } from './views.controller';
import { ViewsService } from './views.service';

/** The read model of actions and the cross-household views built on it. */
@Module({
  controllers: [ViewsController],
  providers: [ReadModelRepository, ViewsService, ActionProjector],
  exports: [ReadModelRepository, ActionProjector],
})
export class ReadModelModule {}
