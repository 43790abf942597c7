import type { ServerRegie } from '@spil/shared';
import { useEffect } from 'react';
import { formatDate } from '../../lib/format';
import { usePlan } from '../plan/plan-context';
import { useObserveDeep } from '../plan/use-y';
import { forgetPlanRegie, publishPlanRegie } from './plan-regie';
import './regie.css';

/**
 * The regiehouder inside the open plan, live from the server-owned part of the
 * document: a regie change made anywhere shows here without a reload. It also
 * tells the rest of the household page (see plan-regie.ts).
 */
export function PlanRegie() {
  const { session } = usePlan();
  useObserveDeep(session.plan.serverMap);
  // Before the first sync the server part may be missing: then we know nothing yet.
  const known = session.plan.serverMap.has('regie');
  const regie: ServerRegie | null = session.plan.regie();
  const householdId = session.householdId;

  // Yjs hands out the same object until the server writes a new one.
  useEffect(() => {
    if (known) publishPlanRegie(householdId, regie);
  }, [householdId, known, regie]);
  useEffect(() => () => forgetPlanRegie(householdId), [householdId]);

  if (!known) return null;
  return (
    <p className="plan-regie" aria-live="polite">
      <span className="plan-regie__label">Regiehouder:</span>{' '}
      {regie ? (
        <>
          <strong>{regie.name}</strong>{' '}
          <span className="plan-regie__since">sinds {formatDate(regie.since)}</span>
        </>
      ) : (
        <strong className="text-warning">nog niemand</strong>
      )}
    </p>
  );
}
