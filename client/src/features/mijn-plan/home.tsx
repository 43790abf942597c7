import type { HouseholdSummaryDto } from '@spil/shared';
import { lazy, Suspense } from 'react';
import { householdQueries } from '../../api/households';
import { authed, loaderUser, useCurrentUser } from '../../app/session';
import { loadQuery } from '../../lib/query';
import { HouseholdListPage, householdPageQuery } from '../households/HouseholdListPage';
import { isHouseholdUser } from './household-user';
import { householdsWhenOffline } from './offline-cache';

// Mijn plan opens the plan document (Yjs); the professionals' list does not need it.
const MijnPlanPage = lazy(() => import('./MijnPlanPage'));

/** The households of the caller; for the inwoner and naasten offline, the list of the last visit. */
export const homeLoader = authed(async ({ request }): Promise<HouseholdSummaryDto[] | null> => {
  const user = await loaderUser();
  if (!isHouseholdUser(user)) {
    // Professionals: the page of the list in the address, searched on the server.
    await loadQuery(householdPageQuery(new URL(request.url).searchParams));
    return null;
  }
  try {
    return await loadQuery(householdQueries.list());
  } catch (e) {
    const cached = householdsWhenOffline(e);
    if (cached) return cached;
    throw e;
  }
});

/** "/": Mijn plan for the inwoner and naasten, the list of households for professionals. */
export function Home() {
  const user = useCurrentUser();
  if (!isHouseholdUser(user)) return <HouseholdListPage />;
  return (
    <Suspense fallback={<p role="status">Mijn plan wordt geopend…</p>}>
      <MijnPlanPage />
    </Suspense>
  );
}
