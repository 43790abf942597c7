import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegieBulkController } from './regie-bulk.controller';
import { RegieController } from './regie.controller';
import { RegieHandoverEntity } from './regie.entity';
import { RegieRepository } from './regie.repository';
import { RegieService } from './regie.service';

@Module({
  imports: [TypeOrmModule.forFeature([RegieHandoverEntity])],
  controllers: [RegieController, RegieBulkController],
  providers: [RegieRepository, RegieService],
  exports: [RegieService],
})
export class RegieModule {}
