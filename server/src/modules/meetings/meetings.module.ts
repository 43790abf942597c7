import { Module } from '@nestjs/common';
import { MeetingsController, MyMeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

/** Needs the `PLAN_DOCUMENTS` port in the app (`OrchestrationModule` gives it, on top of collab). */
@Module({
  controllers: [MeetingsController, MyMeetingsController],
  providers: [MeetingsRepository, MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}
