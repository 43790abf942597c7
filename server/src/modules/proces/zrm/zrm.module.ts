import { Module } from '@nestjs/common';
import { ProcesAccess } from '../proces-access';
import { ZrmController } from './zrm.controller';
import { ZrmRepository } from './zrm.repository';
import { ZrmService } from './zrm.service';

@Module({
  controllers: [ZrmController],
  providers: [ZrmRepository, ZrmService, ProcesAccess],
  exports: [ZrmService, ZrmRepository],
})
export class ZrmModule {}
