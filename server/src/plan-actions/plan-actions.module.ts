import { Module } from '@nestjs/common';
import { TerugkoppelingController } from './terugkoppeling.controller';
import { TerugkoppelingService } from './terugkoppeling.service';

/** Commands that change plan content on the server's side (terugkoppeling). */
@Module({
  controllers: [TerugkoppelingController],
  providers: [TerugkoppelingService],
})
export class PlanActionsModule {}
