import { Module } from '@nestjs/common';
import { ReadModelModule } from '../../read-model/read-model.module';
import { KpiController } from './kpi.controller';
import { KpiRepository } from './kpi.repository';
import { KpiService } from './kpi.service';

/** The coördinator's dashboard: KPIs of their wijkteam, and CSV export. */
@Module({
  imports: [ReadModelModule],
  controllers: [KpiController],
  providers: [KpiRepository, KpiService],
})
export class KpiModule {}
