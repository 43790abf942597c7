import { useEffect, useState } from 'react';
import { openPlanSession, type PlanSession } from './plan-session';

/** Open the household's plan while the component is mounted; null until the local copy is loaded. */
export function usePlanSession(
  householdId: string,
  name: string,
  color: string,
): PlanSession | null {
  const [session, setSession] = useState<PlanSession | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    let opened: PlanSession | null = null;
    void openPlanSession(householdId, { name, color }, abort.signal).then((s) => {
      if (!s) return;
      opened = s;
      setSession(s);
    });
    return () => {
      abort.abort();
      opened?.destroy();
    };
  }, [householdId, name, color]);
  return session;
}
