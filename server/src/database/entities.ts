/** Every TypeORM entity of the server. A test fails when these and the migrations disagree. */
import { SessionEntity } from '../modules/auth/session.entity';
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  RegieAssignmentEntity,
  TeamMembershipEntity,
} from '../modules/households/household.entity';
import { OrganisationEntity, UserEntity, WijkteamEntity } from '../modules/users/user.entity';
import { AccountTokenEntity, RecoveryCodeEntity } from '../modules/auth/account-token.entity';
import { EffectEstimateEntity, EffectPriceEntity } from '../modules/proces/effects/effect.entity';
import { EscalationEntity } from '../modules/proces/escalations/escalation.entity';
import {
  EvaluationEntity,
  HouseholdClosureEntity,
} from '../modules/proces/evaluations/evaluation.entity';
import { ColourChangeEntity, QuickscanEntity } from '../modules/proces/quickscan/quickscan.entity';
import { ZrmScoreEntity } from '../modules/proces/zrm/zrm-score.entity';

import { RegieHandoverEntity } from '../modules/regie/regie.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { PlanActionEntity } from '../read-model/plan-action.entity';
import { ConsentEntity } from '../modules/consent/consent.entity';
import {
  MeetingDecisionEntity,
  MeetingEntity,
  MeetingParticipantEntity,
} from '../modules/meetings/meeting.entity';
import { CollaborationEvaluationEntity } from '../modules/collaboration-evaluations/collaboration-evaluation.entity';
import { AuditChainHeadEntity, AuditEventEntity } from '../modules/audit/audit-event.entity';
import { RetentionClockEntity } from '../modules/privacy/retention-clock.entity';

import { InvitationEntity } from '../modules/invitations/invitation.entity';
import { PlanSnapshotEntity, PlanUpdateEntity } from '../collab/plan-update.entity';
import { PlanSchemaEntity } from '../collab/plan-schema.entity';
import { HouseholdVoiceNoticeEntity } from '../household-voice/household-voice.entity';
import {
  VoorzieningEntity,
  VoorzieningPriceEntity,
} from '../modules/voorzieningen/voorziening.entity';

export const ENTITIES = [
  InvitationEntity,
  RegieHandoverEntity,
  NotificationEntity,
  PlanActionEntity,
  WijkteamEntity,
  UserEntity,
  OrganisationEntity,
  AccountTokenEntity,
  RecoveryCodeEntity,
  SessionEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  TeamMembershipEntity,
  RegieAssignmentEntity,
  QuickscanEntity,
  ColourChangeEntity,
  EscalationEntity,
  ZrmScoreEntity,
  EvaluationEntity,
  HouseholdClosureEntity,
  EffectPriceEntity,
  EffectEstimateEntity,
  ConsentEntity,
  MeetingEntity,
  MeetingParticipantEntity,
  MeetingDecisionEntity,
  CollaborationEvaluationEntity,
  AuditEventEntity,
  AuditChainHeadEntity,
  RetentionClockEntity,
  PlanUpdateEntity,
  PlanSnapshotEntity,
  PlanSchemaEntity,
  HouseholdVoiceNoticeEntity,
  VoorzieningEntity,
  VoorzieningPriceEntity,
];
