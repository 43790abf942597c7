import type { HouseholdChanged } from '@spil/shared';
import { useEffect } from 'react';
import { useEvents } from '../events/EventsContext';

/** Call `reload` when the server says this part of the household changed (someone else planned, decided, withdrew). */
export function useHouseholdChanged(
  householdId: string,
  what: HouseholdChanged['what'][],
  reload: () => void,
): void {
  const events = useEvents();
  const key = what.join(',');
  useEffect(
    () =>
      events.onHouseholdChanged((e) => {
        if (e.householdId === householdId && key.split(',').includes(e.what)) reload();
      }),
    [events, householdId, key, reload],
  );
}
