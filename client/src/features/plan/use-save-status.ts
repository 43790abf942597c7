import { useEffect, useState } from 'react';
import { useEvents } from '../events/EventsContext';
import { markUnsaved } from './local-plans';
import type { PlanSession } from './plan-session';
import { type Connection, decodeStoredVector, saveState, type SaveState } from './save-status';

/**
 * "Opgeslagen" waits this long after the server stored everything, so a
 * screen reader does not hear "Wordt opgeslagen… Opgeslagen" after every
 * keystroke. The other way round is immediate: never claim stored too early.
 */
const SETTLE_MS = 600;

export interface SaveStatus {
  state: SaveState;
  /** Close code when the server refused the plan for good: 4401 not logged in, 4403 not allowed. */
  refusedCode: number | null;
}

function connectionOf(session: PlanSession): Connection {
  const p = session.provider;
  return p.wsconnected ? 'connected' : p.wsconnecting ? 'connecting' : 'disconnected';
}

export function useSaveStatus(session: PlanSession): SaveStatus {
  const events = useEvents();
  const [status, setStatus] = useState<SaveStatus>(() => ({
    state: saveState({
      connection: connectionOf(session),
      everConnected: false,
      refused: false,
      stored: false,
    }),
    refusedCode: null,
  }));

  useEffect(() => {
    const { provider, stored } = session;
    let connection = connectionOf(session);
    let everConnected = connection === 'connected';
    let refusedCode: number | null = null;
    let settle: ReturnType<typeof setTimeout> | undefined;

    const recompute = () => {
      const allStored = stored.allStored;
      markUnsaved(session.householdId, !allStored);
      const state = saveState({
        connection,
        everConnected,
        refused: refusedCode !== null,
        stored: allStored,
      });
      clearTimeout(settle);
      if (state === 'opgeslagen')
        settle = setTimeout(() => setStatus({ state, refusedCode }), SETTLE_MS);
      else setStatus({ state, refusedCode });
    };

    const onStatus = ({ status }: { status: Connection }) => {
      connection = status;
      if (status === 'connected') everConnected = true;
      recompute();
    };
    const onClosed = ({ code }: { code: number }) => {
      refusedCode = code;
      recompute();
    };
    const offStored = events.subscribePlan(session.docName, (e) => {
      const vector = decodeStoredVector(e.stateVector);
      if (vector) stored.addStored(vector);
    });
    const offTracker = stored.subscribe(recompute);
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    // The provider may have connected between the first render and now.
    queueMicrotask(recompute);
    return () => {
      clearTimeout(settle);
      offStored();
      offTracker();
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
    };
  }, [session, events]);

  return status;
}
