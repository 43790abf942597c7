/**
 * The local copies of plans (IndexedDB) hold household data. They stay while
 * they carry edits the server has not stored yet, and go at logout otherwise.
 */
/** IndexedDB name of a household's local copy. */
export const localDbName = (householdId: string) => `spil-plan-${householdId}`;

const UNSAVED_KEY = 'spil-unsaved-plans';

function readUnsaved(): Set<string> {
  try {
    const raw = localStorage.getItem(UNSAVED_KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return new Set(
      Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [],
    );
  } catch {
    return new Set();
  }
}

export function markUnsaved(householdId: string, unsaved: boolean): void {
  const set = readUnsaved();
  if (set.has(householdId) === unsaved) return;
  if (unsaved) set.add(householdId);
  else set.delete(householdId);
  try {
    localStorage.setItem(UNSAVED_KEY, JSON.stringify([...set]));
  } catch {
    /* storage full or blocked: the local copy simply stays */
  }
}

/** Households whose local copy still holds edits the server has not stored. */
export function unsavedPlans(): string[] {
  return [...readUnsaved()];
}

/** Delete every local plan copy without unsaved edits. */
export async function forgetSavedPlans(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const keep = new Set(unsavedPlans().map(localDbName));
  const dbs = await indexedDB.databases();
  await Promise.all(
    dbs
      .map((d) => d.name)
      .filter((name): name is string => !!name && name.startsWith('spil-plan-') && !keep.has(name))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const req = indexedDB.deleteDatabase(name);
            req.onsuccess = req.onerror = req.onblocked = () => resolve();
          }),
      ),
  );
}
