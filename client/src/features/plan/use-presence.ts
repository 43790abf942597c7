import { useEffect, useState } from 'react';
import { safeColor } from './colors';
import type { PlanSession } from './plan-session';

export interface Present {
  key: string;
  name: string;
  color: string;
  self: boolean;
}

function readUser(state: unknown): { name: string; color: string } | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user: unknown = state.user;
  if (
    typeof user !== 'object' ||
    user === null ||
    !('name' in user) ||
    typeof user.name !== 'string'
  )
    return null;
  return { name: user.name, color: safeColor('color' in user ? user.color : null) };
}

/** Who has this plan open now, from the provider's awareness; one entry per person, me first. */
function present(session: PlanSession): Present[] {
  const { awareness } = session.provider;
  const self = awareness.clientID;
  const byName = new Map<string, Present>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = readUser(state);
    if (!user) continue;
    const isSelf = clientId === self;
    const existing = byName.get(user.name);
    // The same person in two tabs is one person; my own entry wins.
    if (existing && !isSelf) continue;
    byName.set(user.name, {
      key: String(clientId),
      name: user.name,
      color: user.color,
      self: isSelf || !!existing?.self,
    });
  }
  return [...byName.values()].sort(
    (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, 'nl'),
  );
}

export function usePresence(session: PlanSession): Present[] {
  const [list, setList] = useState<Present[]>(() => present(session));
  useEffect(() => {
    const { awareness } = session.provider;
    const onChange = () => setList(present(session));
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [session]);
  return list;
}
