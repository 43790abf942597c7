import { Module } from '@nestjs/common';
import { ProcesAccess } from '../proces-access';
import { ProcesLive } from '../proces-live';
import { ProcesLiveRepository } from '../proces-live.repository';
import { ZrmModule } from '../zrm/zrm.module';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';

@Module({
  imports: [ZrmModule],
  controllers: [EvaluationsController],
  providers: [
    EvaluationsRepository,
    EvaluationsService,
    ProcesAccess,
    ProcesLive,
    ProcesLiveRepository,
  ],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
