/**
 * Who may do what with the process of one household. Every proces endpoint
 * asks here first: a household the caller may not see is 404, a visible one
 * the caller's role may not touch is 403.
 *
 *  - read:    everyone with access to the household.
 *  - internal: quickscan, colour, escalations and effects are the
 *             professionals' working information: not for the inwoner or naasten.
 *  - write:   the coördinator of the wijkteam or a `lid` of the casus team.
 *  - manage:  closing and reopening: the coördinator or the regiehouder.
 */
import { Injectable } from '@nestjs/common';
import { isHouseholdRole } from '@spil/shared';
import { SpilError } from '../../common/errors';
import { HouseholdAccessPolicy, type HouseholdAccess } from '../households/household-access.policy';
import type { HouseholdEntity } from '../households/household.entity';
import { HouseholdsRepository } from '../households/households.repository';
import type { UserEntity } from '../users/user.entity';

export interface ProcesContext {
  access: HouseholdAccess;
  household: HouseholdEntity;
}

export type ProcesNeed = 'read' | 'internal' | 'write' | 'manage';

@Injectable()
export class ProcesAccess {
  constructor(
    private readonly policy: HouseholdAccessPolicy,
    private readonly households: HouseholdsRepository,
  ) {}

  /**
   * The household and the caller's access, or a 404/403. With
   * `openOnly`, a closed household refuses the change (409).
   */
  async require(
    user: UserEntity,
    householdId: string,
    need: ProcesNeed,
    opts: { openOnly?: boolean } = {},
  ): Promise<ProcesContext> {
    const access = await this.policy.access(user, householdId);
    const household = access ? await this.households.findById(householdId) : null;
    if (!access || !household) throw new SpilError('household.not_found');
    const role = access.teamRole;
    const householdSide = role !== null && isHouseholdRole(role);
    const editor = access.coordinator || role === 'lid';
    if (need === 'internal' && householdSide && !access.coordinator)
      throw new SpilError('auth.forbidden');
    if (need === 'write' && !editor) throw new SpilError('auth.forbidden');
    if (need === 'manage' && !(await this.policy.canManageTeam(user, householdId)))
      throw new SpilError('auth.forbidden');
    if (opts.openOnly && household.phase === 'afgesloten')
      throw new SpilError('proces.household_closed');
    return { access, household };
  }
}
