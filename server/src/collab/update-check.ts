/**
 * Which roots of a document a Yjs update would change, and whether the sender
 * may change them. Pure: it reads a document's store and a decoded update and
 * never changes either. It runs inside the validation worker against the
 * worker's mirror of the document (stored state plus every update already
 * accepted), so every struct an update refers to is either in that store or
 * in the update itself.
 *
 * The rules follow Yjs's own integration (`Item.getMissing`/`integrate`):
 * an item's parent is its explicit parent (a root name or the id of a type
 * item), or else the parent of its left origin, or else of its right origin.
 * An item whose neighbour or parent was garbage collected becomes garbage
 * itself and touches nothing.
 */
import * as Y from 'yjs';

export type WriteLevel = 'all' | 'household' | 'none';

export interface WriteRules {
  write: WriteLevel;
  /** Roots a `household` connection may change. */
  householdRoots: readonly string[];
  /** The root nobody but the server changes. */
  serverRoot: string;
  /** The server's own client id in this document: nobody else may write structs under it. */
  reservedClient: number;
}

export type RejectReason =
  | 'read_only'
  | 'root_not_writable'
  | 'server_root'
  | 'reserved_client'
  | 'unresolvable'
  | 'gap'
  | 'malformed'
  | 'too_complex'
  | 'doc_too_large';

export type CheckResult =
  { kind: 'noop' } | { kind: 'ok'; roots: string[] } | { kind: 'rejected'; reason: RejectReason };

/** Limits on one update, far above what an editor sends. */
export const UPDATE_LIMITS = {
  maxStructs: 200_000,
  maxDeleteRanges: 200_000,
};

const GC_RESULT = Symbol('gc');
const UNRESOLVABLE = Symbol('unresolvable');
type Resolved = string | typeof GC_RESULT | typeof UNRESOLVABLE;
type Struct = Y.Item | Y.GC | Y.Skip;

/** The root key of a type that lives in `doc`. */
function rootKeyOf(type: Y.AbstractType<unknown>): Resolved {
  let t = type;
  for (let depth = 0; t._item !== null; depth++) {
    const parent = t._item.parent;
    if (!(parent instanceof Y.AbstractType) || depth > 100_000) return UNRESOLVABLE;
    t = parent as Y.AbstractType<unknown>;
  }
  try {
    return Y.findRootTypeKey(t);
  } catch {
    return UNRESOLVABLE;
  }
}

/** Root of a struct already in the store. */
function storeRootOf(s: Y.Item | Y.GC): Resolved {
  if (!(s instanceof Y.Item)) return GC_RESULT;
  const parent = s.parent;
  if (parent instanceof Y.AbstractType) return rootKeyOf(parent as Y.AbstractType<unknown>);
  return UNRESOLVABLE;
}

export function checkUpdate(
  doc: Y.Doc,
  decoded: ReturnType<typeof Y.decodeUpdate>,
  rules: WriteRules,
): CheckResult {
  const store = doc.store;
  const { structs, ds } = decoded;
  if (structs.length > UPDATE_LIMITS.maxStructs) return { kind: 'rejected', reason: 'too_complex' };
  let dsRanges = 0;
  for (const items of ds.clients.values()) dsRanges += items.length;
  if (dsRanges > UPDATE_LIMITS.maxDeleteRanges) return { kind: 'rejected', reason: 'too_complex' };

  const known = (client: number): number => Y.getState(store, client);

  /* The update's own structs, per client, in clock order, without overlap. */
  const own = new Map<number, Struct[]>();
  for (const s of structs) {
    let list = own.get(s.id.client);
    if (!list) {
      list = [];
      own.set(s.id.client, list);
    }
    list.push(s);
  }
  for (const list of own.values()) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as Struct;
      if ((list[i] as Struct).id.clock < prev.id.clock + prev.length)
        return { kind: 'rejected', reason: 'malformed' };
    }
  }

  /* What is new, and whether it follows what is known without a gap (a gap would stay pending forever). */
  const effective: Struct[] = [];
  for (const [client, list] of own) {
    let expected = known(client);
    if (
      client === rules.reservedClient &&
      list.some((s) => !(s instanceof Y.Skip) && s.id.clock + s.length > expected)
    ) {
      return { kind: 'rejected', reason: 'reserved_client' };
    }
    for (const s of list) {
      if (s instanceof Y.Skip) continue;
      if (s.id.clock > expected) return { kind: 'rejected', reason: 'gap' };
      // Subdocuments have no place in a plan.
      if (s instanceof Y.Item && s.content instanceof Y.ContentDoc)
        return { kind: 'rejected', reason: 'malformed' };
      const end = s.id.clock + s.length;
      if (end > expected) {
        effective.push(s);
        expected = end;
      }
    }
  }

  /** The own struct that holds `clock`, or undefined. */
  const ownAt = (client: number, clock: number): Struct | undefined => {
    const list = own.get(client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = list[mid] as Struct;
      if (clock < s.id.clock) hi = mid - 1;
      else if (clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  };

  type Ref = { value: Resolved } | { own: Y.Item | Y.GC };
  /** Where an id points: a struct in the store, or one of this update's own. */
  const lookup = (id: Y.ID, needType: boolean): Ref => {
    if (id.clock < known(id.client)) {
      const s = Y.getItem(store, id) as Y.Item | Y.GC;
      if (!needType) return { value: storeRootOf(s) };
      if (s instanceof Y.Item && s.content instanceof Y.ContentType)
        return { value: rootKeyOf(s.content.type as Y.AbstractType<unknown>) };
      // A parent that is garbage or not a type: Yjs turns the child into garbage.
      return { value: GC_RESULT };
    }
    const s = ownAt(id.client, id.clock);
    if (!s || s instanceof Y.Skip) return { value: UNRESOLVABLE };
    if (needType && !(s instanceof Y.Item && s.content instanceof Y.ContentType))
      return { value: GC_RESULT };
    return { own: s };
  };

  /** The step that decides a struct's parent, as Yjs takes it. */
  const primary = (s: Y.Item | Y.GC): Ref => {
    if (!(s instanceof Y.Item)) return { value: GC_RESULT };
    const parent = s.parent as unknown;
    if (typeof parent === 'string') return { value: parent };
    if (parent instanceof Y.ID) return lookup(parent, true);
    if (s.origin) return lookup(s.origin, false);
    if (s.rightOrigin) return lookup(s.rightOrigin, false);
    return { value: UNRESOLVABLE };
  };

  /* Resolve every own struct iteratively (chains of origins can be long), memoised, with cycle detection. */
  const memo = new Map<Struct, Resolved>();
  const resolveOwn = (start: Y.Item | Y.GC): Resolved => {
    const chain: Struct[] = [];
    const inChain = new Set<Struct>();
    let cur: Y.Item | Y.GC = start;
    let value: Resolved;
    for (;;) {
      const m = memo.get(cur);
      if (m !== undefined) {
        value = m;
        break;
      }
      if (inChain.has(cur)) {
        value = UNRESOLVABLE;
        break;
      }
      inChain.add(cur);
      chain.push(cur);
      const step = primary(cur);
      if ('value' in step) {
        value = step.value;
        break;
      }
      cur = step.own;
    }
    for (const s of chain) memo.set(s, value);
    return value;
  };
  const resolveRef = (id: Y.ID): Resolved => {
    const r = lookup(id, false);
    return 'value' in r ? r.value : resolveOwn(r.own);
  };

  const touched = new Set<string>();
  const touch = (r: Resolved): boolean => {
    if (r === UNRESOLVABLE) return false;
    if (r !== GC_RESULT) touched.add(r);
    return true;
  };

  for (const s of effective) {
    if (s instanceof Y.Skip) continue;
    if (!touch(resolveOwn(s))) return { kind: 'rejected', reason: 'unresolvable' };
    if (!(s instanceof Y.Item)) continue;
    // Both neighbours must be writable too: a crafted item could name a left in one root and a right in another.
    if (s.origin && !touch(resolveRef(s.origin)))
      return { kind: 'rejected', reason: 'unresolvable' };
    if (s.rightOrigin && !touch(resolveRef(s.rightOrigin)))
      return { kind: 'rejected', reason: 'unresolvable' };
    // Partly known: Yjs integrates the rest after the struct it already has at clock - 1.
    const k = known(s.id.client);
    if (s.id.clock < k && !touch(resolveRef(Y.createID(s.id.client, k - 1)))) {
      return { kind: 'rejected', reason: 'unresolvable' };
    }
  }

  /* Deletions: only those that delete something not deleted yet count; each must resolve. */
  let deletes = false;
  for (const [client, items] of ds.clients) {
    const k = known(client);
    const structsOf = store.clients.get(client);
    for (const { clock, len } of items) {
      const end = clock + len;
      if (len <= 0) continue;
      if (clock < k && structsOf) {
        let i = Y.findIndexSS(structsOf, clock);
        const stop = Math.min(end, k);
        for (; i < structsOf.length; i++) {
          const s = structsOf[i] as Y.Item | Y.GC;
          if (s.id.clock >= stop) break;
          if (s instanceof Y.Item && !s.deleted) {
            deletes = true;
            if (!touch(storeRootOf(s))) return { kind: 'rejected', reason: 'unresolvable' };
          }
        }
      }
      // The part beyond what is known must be covered by this update's own structs.
      let from = Math.max(clock, k);
      while (from < end) {
        const s = ownAt(client, from);
        if (!s || s instanceof Y.Skip) return { kind: 'rejected', reason: 'unresolvable' };
        from = s.id.clock + s.length;
      }
    }
  }

  if (effective.length === 0 && !deletes) return { kind: 'noop' };
  if (rules.write === 'none') return { kind: 'rejected', reason: 'read_only' };
  if (rules.write === 'household') {
    for (const r of touched)
      if (!rules.householdRoots.includes(r))
        return { kind: 'rejected', reason: 'root_not_writable' };
  } else if (touched.has(rules.serverRoot)) {
    return { kind: 'rejected', reason: 'server_root' };
  }
  return { kind: 'ok', roots: [...touched] };
}
