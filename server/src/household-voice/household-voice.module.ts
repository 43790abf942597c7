import { Module } from '@nestjs/common';
import { HouseholdVoiceNotifier } from './household-voice.notifier';
import { HouseholdVoiceRepository } from './household-voice.repository';
import { MijnPlanController } from './mijn-plan.controller';
import { MijnPlanService } from './mijn-plan.service';

/**
 * The household's own voice in their plan: notifications to the team when the
 * inwoner or a naaste adds an own action or a reaction (listening to collab),
 * and the "Mijn plan" view's extra facts. Outside `modules/` because it
 * listens to the collab layer, which the domain modules never import.
 */
@Module({
  controllers: [MijnPlanController],
  providers: [HouseholdVoiceRepository, HouseholdVoiceNotifier, MijnPlanService],
  exports: [HouseholdVoiceNotifier],
})
export class HouseholdVoiceModule {}
