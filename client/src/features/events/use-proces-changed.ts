import type { ProcesChanged } from '@spil/shared';
import { useEffect, useRef } from 'react';
import { useEvents } from './EventsContext';

/**
 * Call `listener` when the process of a household changes elsewhere (colour,
 * escalation, phase): of `householdId`, or of any household I may see when
 * it is null. The listener may change between renders without resubscribing.
 * After the socket was down it hears every kind once, since a change may
 * have been missed meanwhile.
 */
export function useProcesChanged(
  householdId: string | null,
  listener: (e: ProcesChanged) => void,
): void {
  const events = useEvents();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(
    () =>
      events.onProcesChanged((e) => {
        if (householdId === null || e.householdId === householdId) latest.current(e);
      }),
    [events, householdId],
  );
  useEffect(
    () =>
      events.onReconnect(() => {
        for (const what of PROCES_PARTS) latest.current({ householdId: householdId ?? '', what });
      }),
    [events, householdId],
  );
}

const PROCES_PARTS: readonly ProcesChanged['what'][] = ['kleur', 'escalatie', 'fase'];
