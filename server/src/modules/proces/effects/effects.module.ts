import { Module } from '@nestjs/common';
import { ProcesAccess } from '../proces-access';
import { EffectsController } from './effects.controller';
import { EffectsRepository } from './effects.repository';
import { EffectsService } from './effects.service';

@Module({
  controllers: [EffectsController],
  providers: [EffectsRepository, EffectsService, ProcesAccess],
  exports: [EffectsService],
})
export class EffectsModule {}
