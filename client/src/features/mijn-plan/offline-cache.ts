/**
 * What Mijn plan needs to open again without a network, next to the plan
 * itself (which y-indexeddb keeps): the logged-in household user, their
 * households and the "who helps" facts. Only for the inwoner and naasten, in
 * localStorage, parsed with the shared schemas on the way out, and gone at
 * logout. Never API responses in a cache the service worker serves.
 */
import { HouseholdSummaryDto, MijnPlanDto, UserDto } from '@spil/shared';
import { z } from 'zod';
import { ApiError } from '../../api/http';
import { isHouseholdUser } from './household-user';

const KEY = 'spil-mijn-plan-offline';

const Stored = z.object({
  user: UserDto,
  households: z.array(HouseholdSummaryDto).default([]),
  plans: z.record(z.string(), MijnPlanDto).default({}),
});
type Stored = z.infer<typeof Stored>;

function read(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = Stored.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function write(value: Stored): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    /* storage full or blocked: Mijn plan then simply needs the network */
  }
}

/** Only a network failure (the server unreachable) falls back to the copy; a 401 or 404 never does. */
export function isOffline(e: unknown): boolean {
  return e instanceof ApiError && e.status === 0;
}

/** Keep what Mijn plan needs to open offline; for anyone else, keep nothing. */
export function remember(patch: {
  user: UserDto;
  households?: HouseholdSummaryDto[];
  plan?: MijnPlanDto;
}): void {
  if (!isHouseholdUser(patch.user)) return;
  const prev = read();
  const same = prev?.user.id === patch.user.id ? prev : null;
  write({
    user: patch.user,
    households: patch.households ?? same?.households ?? [],
    plans: {
      ...(same?.plans ?? {}),
      ...(patch.plan ? { [patch.plan.householdId]: patch.plan } : {}),
    },
  });
}

/** The remembered household user, when `e` says the server is out of reach. */
export function userWhenOffline(e: unknown): UserDto | null {
  return isOffline(e) ? (read()?.user ?? null) : null;
}

export function householdsWhenOffline(e: unknown): HouseholdSummaryDto[] | null {
  const stored = isOffline(e) ? read() : null;
  return stored && stored.households.length > 0 ? stored.households : null;
}

export function planWhenOffline(e: unknown, householdId: string): MijnPlanDto | null {
  return isOffline(e) ? (read()?.plans[householdId] ?? null) : null;
}

/** At logout: nothing of Mijn plan stays on this device. */
export function forgetOfflineCopy(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing to forget */
  }
}
