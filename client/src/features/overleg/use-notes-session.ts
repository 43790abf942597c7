import { useEffect, useState } from 'react';
import type { PlanSession } from '../plan/plan-session';
import { openNotesSession } from './notes-session';

/** Open a notes document while mounted; null until its local copy is loaded. */
export function useNotesSession(
  docName: string,
  name: string,
  color: string,
  keepLocalCopy: boolean,
): PlanSession | null {
  const [session, setSession] = useState<PlanSession | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    let opened: PlanSession | null = null;
    void openNotesSession(docName, { name, color }, { keepLocalCopy }, abort.signal).then((s) => {
      if (!s) return;
      opened = s;
      setSession(s);
    });
    return () => {
      abort.abort();
      opened?.destroy();
      setSession(null);
    };
  }, [docName, name, color, keepLocalCopy]);
  return session;
}
