import { Module } from '@nestjs/common';
import { ProcesAccess } from '../proces-access';
import { QuickscanController } from './quickscan.controller';
import { QuickscanRepository } from './quickscan.repository';
import { QuickscanService } from './quickscan.service';

@Module({
  controllers: [QuickscanController],
  providers: [QuickscanRepository, QuickscanService, ProcesAccess],
  exports: [QuickscanRepository],
})
export class QuickscanModule {}
