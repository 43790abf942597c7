import { Module } from '@nestjs/common';
import { ProcesAccess } from '../proces-access';
import { ProcesLive } from '../proces-live';
import { ProcesLiveRepository } from '../proces-live.repository';
import { QuickscanController } from './quickscan.controller';
import { QuickscanRepository } from './quickscan.repository';
import { QuickscanService } from './quickscan.service';

@Module({
  controllers: [QuickscanController],
  providers: [
    QuickscanRepository,
    QuickscanService,
    ProcesAccess,
    ProcesLive,
    ProcesLiveRepository,
  ],
  exports: [QuickscanRepository],
})
export class QuickscanModule {}
