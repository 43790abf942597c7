import { Module } from '@nestjs/common';
import { EffectsModule } from './effects/effects.module';
import { EscalationsModule } from './escalations/escalations.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { QuickscanModule } from './quickscan/quickscan.module';
import { ZrmModule } from './zrm/zrm.module';

/** The process around a household: quickscan and colour, escalations, ZRM, evaluation and closing, effects. */
@Module({
  imports: [QuickscanModule, EscalationsModule, ZrmModule, EvaluationsModule, EffectsModule],
})
export class ProcesModule {}
