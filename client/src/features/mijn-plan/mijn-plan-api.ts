import { MijnPlanDto, type UserDto } from '@spil/shared';
import { request } from '../../api/http';
import { planWhenOffline, remember } from './offline-cache';

export interface MijnPlanResult {
  data: MijnPlanDto;
  /** True when the server was out of reach and this is the copy from the last visit. */
  fromCache: boolean;
}

/** Who helps, who holds regie, the next overleg; offline, the copy from the last visit. */
export async function loadMijnPlan(user: UserDto, householdId: string): Promise<MijnPlanResult> {
  try {
    const data = await request(
      'GET',
      `/api/households/${encodeURIComponent(householdId)}/mijn-plan`,
      MijnPlanDto,
    );
    remember({ user, plan: data });
    return { data, fromCache: false };
  } catch (e) {
    const cached = planWhenOffline(e, householdId);
    if (cached) return { data: cached, fromCache: true };
    throw e;
  }
}
