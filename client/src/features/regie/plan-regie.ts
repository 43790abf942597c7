/**
 * The regiehouder as the open plan's server part says it (`PlanDoc.regie()`),
 * shared with the rest of the household page. The server mirrors every regie
 * change into open plans, so this is the fastest way for the page to learn of
 * one made elsewhere. `undefined`: no plan open (or not yet synced) for that
 * household.
 */
import type { ServerRegie } from '@spil/shared';
import { useCallback, useSyncExternalStore } from 'react';

interface Entry {
  regie: ServerRegie | null;
}

const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

function same(a: ServerRegie | null, b: ServerRegie | null): boolean {
  return a?.userId === b?.userId && a?.since === b?.since && a?.name === b?.name;
}

function notify(): void {
  for (const l of listeners) l();
}

/** The plan of `householdId` says this about regie. */
export function publishPlanRegie(householdId: string, regie: ServerRegie | null): void {
  const current = entries.get(householdId);
  if (current && same(current.regie, regie)) return;
  entries.set(householdId, { regie });
  notify();
}

/** The plan of `householdId` is closed. */
export function forgetPlanRegie(householdId: string): void {
  if (entries.delete(householdId)) notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The open plan's regiehouder; `undefined` while no plan of this household is open. */
export function usePlanRegie(householdId: string): ServerRegie | null | undefined {
  const get = useCallback(() => entries.get(householdId)?.regie, [householdId]);
  return useSyncExternalStore(subscribe, get, get);
}
