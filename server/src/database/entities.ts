/** Every TypeORM entity of the server. A test fails when these and the migrations disagree. */
import { SessionEntity } from '../modules/auth/session.entity';
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  RegieAssignmentEntity,
  TeamMembershipEntity,
} from '../modules/households/household.entity';
import { UserEntity, WijkteamEntity } from '../modules/users/user.entity';

export const ENTITIES = [
  WijkteamEntity,
  UserEntity,
  SessionEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  TeamMembershipEntity,
  RegieAssignmentEntity,
];
