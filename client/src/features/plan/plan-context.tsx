import type { Discipline, TeamRole } from '@spil/shared';
import { createContext, useContext } from 'react';
import type { PlanSession } from './plan-session';

/** Someone an action can belong to. */
export interface Owner {
  userId: string;
  name: string;
  discipline: Discipline;
  role: TeamRole;
}

export interface PlanContextValue {
  session: PlanSession;
  canEdit: boolean;
  owners: Owner[];
}

export const PlanContext = createContext<PlanContextValue | null>(null);

export function usePlan(): PlanContextValue {
  const value = useContext(PlanContext);
  if (!value) throw new Error('usePlan outside PlanContext');
  return value;
}
