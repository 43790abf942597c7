import { Module } from '@nestjs/common';
import { EffectsModule } from '../proces/effects/effects.module';
import { ProcesAccess } from '../proces/proces-access';
import { VoorzieningenController } from './voorzieningen.controller';
import { VoorzieningenRepository } from './voorzieningen.repository';
import { VoorzieningenService } from './voorzieningen.service';

/** Voorzieningen, beschikkingen and the budget per household. Needs `PLAN_PORT` (the orchestration module gives it). */
@Module({
  imports: [EffectsModule],
  controllers: [VoorzieningenController],
  providers: [VoorzieningenRepository, VoorzieningenService, ProcesAccess],
  exports: [VoorzieningenService],
})
export class VoorzieningenModule {}
