import { type HouseholdDto, isHouseholdRole, type UserDto } from '@spil/shared';

export interface ProcesPermissions {
  /** Quickscan, colour, escalations and effects: professionals and the coördinator. */
  internal: boolean;
  /** Record quickscans, scores, escalations, effects: a `lid` or the coördinator. */
  write: boolean;
  /** Evaluate, close and reopen: the regiehouder or the coördinator. */
  manage: boolean;
}

export function procesPermissions(
  household: Pick<HouseholdDto, 'myRole' | 'regie'>,
  user: Pick<UserDto, 'id' | 'systemRole'>,
): ProcesPermissions {
  const coordinator = user.systemRole === 'coordinator';
  const householdSide = household.myRole !== null && isHouseholdRole(household.myRole);
  return {
    internal: coordinator || !householdSide,
    write: coordinator || household.myRole === 'lid',
    manage: coordinator || household.regie?.userId === user.id,
  };
}
