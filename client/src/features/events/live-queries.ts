/**
 * The one place where live events make data stale. Every screen reads its
 * data through `lib/query`; here each socket event names what it changed,
 * and TanStack Query refetches the queries that are on screen (the others
 * when they are next shown). No screen reloads by hand.
 */
import { docNameOf, type HouseholdChanged, type ProcesChanged } from '@spil/shared';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys, queryClient } from '../../lib/query';
import { useEvents } from './EventsContext';
import type { EventsClient } from './events-client';

/** After a plan is stored the read model follows (debounced on the server); wait for typing to settle. */
export const PLAN_SETTLE_MS = 2500;

/** Lists that summarise households: the caseload, my actions, the wijkteam's views. */
const SUMMARIES: QueryKey[] = [keys.households(), keys.me(), keys.wijkteam()];

function stale(client: QueryClient, list: QueryKey[]): void {
  for (const queryKey of list) void client.invalidateQueries({ queryKey });
}

/** Which queries one event makes stale. Exported for the unit test. */
export function staleOnHouseholdChanged(e: HouseholdChanged): QueryKey[] {
  // Team and regie show on many screens; consent and meetings only on the household's own.
  // Voorzieningen: the household's list and budget, Mijn plan, and the wijkteam's dashboard.
  if (e.what === 'voorzieningen')
    return [
      keys.household(e.householdId, 'voorzieningen'),
      keys.household(e.householdId, 'budget'),
      keys.household(e.householdId, 'mijn-hulp'),
      keys.wijkteam(),
    ];
  if (e.what === 'consent' || e.what === 'meetings')
    return [keys.household(e.householdId), keys.me('meetings')];
  return [keys.household(e.householdId), ...SUMMARIES];
}

export function staleOnProcesChanged(e: ProcesChanged): QueryKey[] {
  const h = e.householdId;
  if (e.what === 'kleur') return [keys.household(h, 'colour'), ...SUMMARIES];
  if (e.what === 'escalatie') return [keys.household(h, 'escalations'), ...SUMMARIES];
  // The phase: the household itself, its evaluation and ZRM, Mijn plan, every list.
  return [keys.household(h), ...SUMMARIES];
}

/** Wire the events client to the query cache. Returns the way to stop. */
export function bindLiveQueries(events: EventsClient, client: QueryClient = queryClient) {
  const offs = [
    events.onHouseholdChanged((e) => stale(client, staleOnHouseholdChanged(e))),
    events.onProcesChanged((e) => stale(client, staleOnProcesChanged(e))),
    // Removed from the team: the household's page refetches, gets 404 and says so.
    events.onAccessRevoked((e) => stale(client, [keys.household(e.householdId), ...SUMMARIES])),
    // A terugkoppeling, an action or a regie change for me: my lists and that household move.
    events.onNotification((n) =>
      stale(client, [
        keys.me(),
        keys.wijkteam(),
        keys.households(),
        ...(n.householdId ? [keys.household(n.householdId)] : []),
      ]),
    ),
    // Anything may have happened while the socket was down.
    events.onReconnect(() => void client.invalidateQueries()),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/**
 * While a screen shows data drawn from a household's plan (wie doet wat, the
 * compact action list), follow the plan: every stored change makes those
 * parts stale once the typing has settled.
 */
export function usePlanFollowers(householdId: string, parts: readonly string[]): void {
  const events = useEvents();
  const key = parts.join('|');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = events.subscribePlan(docNameOf(householdId), () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const part of key.split('|'))
          void queryClient.invalidateQueries({ queryKey: keys.household(householdId, part) });
      }, PLAN_SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [events, householdId, key]);
}
