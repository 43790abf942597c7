import { Module } from '@nestjs/common';
import { CollaborationEvaluationsController } from './collaboration-evaluations.controller';
import { CollaborationEvaluationsRepository } from './collaboration-evaluations.repository';
import { CollaborationEvaluationsService } from './collaboration-evaluations.service';

@Module({
  controllers: [CollaborationEvaluationsController],
  providers: [CollaborationEvaluationsRepository, CollaborationEvaluationsService],
})
export class CollaborationEvaluationsModule {}
