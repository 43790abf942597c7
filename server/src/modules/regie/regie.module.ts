import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegieController } from './regie.controller';
import { RegieHandoverEntity } from './regie.entity';
import { RegieRepository } from './regie.repository';
import { RegieService } from './regie.service';

@Module({
  imports: [TypeOrmModule.forFeature([RegieHandoverEntity])],
  controllers: [RegieController],
  providers: [RegieRepository, RegieService],
  exports: [RegieService],
})
export class RegieModule {}
