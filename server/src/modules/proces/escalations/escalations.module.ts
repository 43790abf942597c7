import { Module } from '@nestjs/common';
import { ProcesAccess } from '../proces-access';
import { QuickscanModule } from '../quickscan/quickscan.module';
import { EscalationsController } from './escalations.controller';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsService } from './escalations.service';

@Module({
  imports: [QuickscanModule],
  controllers: [EscalationsController],
  providers: [EscalationsRepository, EscalationsService, ProcesAccess],
})
export class EscalationsModule {}
