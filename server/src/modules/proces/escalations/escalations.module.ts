import { Module } from '@nestjs/common';
import { ProcesAccess } from '../proces-access';
import { ProcesLive } from '../proces-live';
import { ProcesLiveRepository } from '../proces-live.repository';
import { QuickscanModule } from '../quickscan/quickscan.module';
import { EscalationsController } from './escalations.controller';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsService } from './escalations.service';

@Module({
  imports: [QuickscanModule],
  controllers: [EscalationsController],
  providers: [
    EscalationsRepository,
    EscalationsService,
    ProcesAccess,
    ProcesLive,
    ProcesLiveRepository,
  ],
})
export class EscalationsModule {}
