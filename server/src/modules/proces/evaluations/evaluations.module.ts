import { Module } from '@nestjs/common';
import { ProcesAccess } from '../proces-access';
import { ZrmModule } from '../zrm/zrm.module';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';

@Module({
  imports: [ZrmModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsRepository, EvaluationsService, ProcesAccess],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
