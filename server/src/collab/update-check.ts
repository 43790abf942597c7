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
 * item), or else the parent of its left origin, or else of its right origin;
 * its key in a map (`parentSub`) comes from the same place. An item whose
 * neighbour or parent was garbage collected becomes garbage itself and
 * touches nothing.
 *
 * Inside a household root (`huishouden`: a map of entries, each a Y.Map with
 * an `auteurId`) a `household` writer changes only their own entries: every
 * struct and every deletion is traced to its top-level entry (the item whose
 * parent is the root), which must be theirs. See `checkUpdate`.
 */
import * as Y from 'yjs';

export type WriteLevel = 'all' | 'household' | 'none';

/**
 * The schema of a plan document, for its own checks: which roots exist, and
 * which keys of their entries hold free text (a Y.Text). Absent for the other
 * documents (medisch, werk, overleg), which hold rich text only.
 */
export interface PlanShape {
  /** Every root of the plan: an update that creates or writes any other root is `unknown_root`. */
  roots: readonly string[];
  /** Per root, the keys of its entries (top-level Y.Maps) that hold a Y.Text: a plain string there is `schema_outdated`. */
  textFields: Readonly<Record<string, readonly string[]>>;
}

interface CommonRules {
  /** Set for a plan document: its roots and free-text keys. */
  plan?: PlanShape;
  /** Roots a `household` connection may change. */
  householdRoots: readonly string[];
  /** The root nobody but the server changes. */
  serverRoot: string;
  /** The server's own client id in this document: nobody else may write structs under it. */
  reservedClient: number;
}

export type WriteRules = CommonRules &
  (
    | { write: 'all' | 'none'; authorId?: string }
    | {
        write: 'household';
        /** The writer's user id: the `auteurId` of the entries they may create, change and delete. */
        authorId: string;
      }
  );

export type RejectReason =
  | 'read_only'
  | 'root_not_writable'
  | 'not_own_entry'
  | 'server_root'
  | 'unknown_root'
  | 'schema_outdated'
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

/** The key of an entry that names its author. */
export const AUTHOR_KEY = 'auteurId';

const GC_RESULT = Symbol('gc');
const UNRESOLVABLE = Symbol('unresolvable');
type Sentinel = typeof GC_RESULT | typeof UNRESOLVABLE;
type Struct = Y.Item | Y.GC | Y.Skip;
/** Deeper than any plan nests; a chain beyond it is refused rather than followed. */
const MAX_DEPTH = 100_000;

/** An item whose content is a type: one already in the store, or one of this update's own. */
type TypeItem = { store: Y.Item } | { own: Y.Item };
/** Where a struct lives: the type it is a child of (a root, or a type item) and its key there (null in a list). */
interface Place {
  parent: { root: string } | TypeItem;
  key: string | null;
}
/** The root a type item lives in, and its top-level ancestor there (the item whose parent is the root). */
interface Top {
  root: string;
  entry: TypeItem;
}

function itemOf(t: TypeItem): Y.Item {
  return 'store' in t ? t.store : t.own;
}

/** Where a struct already in the store lives. */
function storedPlaceOf(s: Y.Item | Y.GC): Place | Sentinel {
  if (!(s instanceof Y.Item)) return GC_RESULT;
  const parent = s.parent;
  if (!(parent instanceof Y.AbstractType)) return UNRESOLVABLE;
  const type = parent as Y.AbstractType<unknown>;
  if (type._item !== null) return { parent: { store: type._item }, key: s.parentSub };
  try {
    return { parent: { root: Y.findRootTypeKey(type) }, key: s.parentSub };
  } catch {
    return UNRESOLVABLE;
  }
}

/** The `auteurId` of an entry in the store: the live string under that key of a live type; else null. */
function storedAuthorOf(entry: Y.Item): string | null {
  if (entry.deleted || !(entry.content instanceof Y.ContentType)) return null;
  const item = (entry.content.type as Y.AbstractType<unknown>)._map.get(AUTHOR_KEY);
  if (!item || item.deleted || !(item.content instanceof Y.ContentAny)) return null;
  const arr = item.content.arr as unknown[];
  const value = arr[arr.length - 1];
  return typeof value === 'string' ? value : null;
}

/**
 * Whether an own struct at `place`, inside the entry `top`, is an old-shaped
 * write: a plain string into a key of an entry that holds free text. That is
 * what a client of plan schema 1 writes; it would replace the Y.Text.
 */
function isOldShapedText(s: Y.Item, place: Place, top: Top, plan: PlanShape): boolean {
  if (place.key === null || 'root' in place.parent) return false;
  if (itemOf(place.parent) !== itemOf(top.entry)) return false;
  if (!plan.textFields[top.root]?.includes(place.key)) return false;
  const c = s.content;
  if (c instanceof Y.ContentAny || c instanceof Y.ContentJSON)
    return (c.arr as unknown[]).some((v) => typeof v === 'string');
  return c instanceof Y.ContentString;
}

/**
 * Check one decoded update against what the sender may write. `noop` when it
 * adds and deletes nothing the document lacks; otherwise `ok` with the roots
 * it touches, or the first reason to refuse it.
 *
 * A `household` writer may touch only the household roots, and in them only
 * their own entries (the top-level values of the root map, each a Y.Map with
 * an `auteurId`):
 *  - a change inside a stored entry, or next to a struct in one, needs that
 *    entry's current `auteurId` to be the writer;
 *  - a new top-level value replaces whatever holds its key, so that key must
 *    be free (no live value) or hold the writer's entry, and the new value
 *    must be a Y.Map whose `auteurId` is set in the same update (or a value
 *    the writer already deleted);
 *  - an entry's `auteurId` is only ever set to the writer's id;
 *  - deleting an entry, or anything in it, needs the entry to be the writer's.
 * Anything else is `not_own_entry`.
 *
 * In a plan (`rules.plan`), an update that touches a root outside the plan's
 * is `unknown_root`, and one that writes a plain string into a free-text key
 * of an entry is `schema_outdated` (a client of schema version 1). Entries of
 * other unexpected shapes are accepted; readers skip them.
 */
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

  type Found = { store: Y.Item | Y.GC } | { own: Y.Item | Y.GC };
  /** The struct an id points at: one in the store, or one of this update's own. */
  const find = (id: Y.ID): Found | typeof UNRESOLVABLE => {
    if (id.clock < known(id.client)) return { store: Y.getItem(store, id) as Y.Item | Y.GC };
    const s = ownAt(id.client, id.clock);
    if (!s || s instanceof Y.Skip) return UNRESOLVABLE;
    return { own: s };
  };

  /** An explicit parent: a type item, or else (garbage, or not a type) Yjs turns the child into garbage. */
  const parentAt = (id: Y.ID, key: string | null): Place | Sentinel => {
    const f = find(id);
    if (f === UNRESOLVABLE) return UNRESOLVABLE;
    const s = 'store' in f ? f.store : f.own;
    if (!(s instanceof Y.Item && s.content instanceof Y.ContentType)) return GC_RESULT;
    return { parent: 'store' in f ? { store: s } : { own: s }, key };
  };

  /* Where each own struct lives, iteratively (chains of origins can be long), memoised, with cycle detection. */
  const placeMemo = new Map<Struct, Place | Sentinel>();
  const ownPlaceOf = (start: Y.Item | Y.GC): Place | Sentinel => {
    const chain: Struct[] = [];
    const inChain = new Set<Struct>();
    let cur: Y.Item | Y.GC = start;
    let value: Place | Sentinel;
    for (;;) {
      const m = placeMemo.get(cur);
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
      if (!(cur instanceof Y.Item)) {
        value = GC_RESULT;
        break;
      }
      const parent = cur.parent as unknown;
      if (typeof parent === 'string') {
        value = { parent: { root: parent }, key: cur.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        value = parentAt(parent, cur.parentSub);
        break;
      }
      // No explicit parent: a sibling of its left origin, or else of its right origin (parent and key alike).
      const next = cur.origin ?? cur.rightOrigin;
      const f = next ? find(next) : UNRESOLVABLE;
      if (f === UNRESOLVABLE) {
        value = UNRESOLVABLE;
        break;
      }
      if ('store' in f) {
        value = storedPlaceOf(f.store);
        break;
      }
      cur = f.own;
    }
    for (const s of chain) placeMemo.set(s, value);
    return value;
  };
  const placeOf = (f: Found): Place | Sentinel =>
    'store' in f ? storedPlaceOf(f.store) : ownPlaceOf(f.own);

  /* The top-level ancestor of each type item, iteratively, memoised for every item on the way up. */
  const topMemo = new Map<Y.Item, Top | Sentinel>();
  const topOf = (start: TypeItem): Top | Sentinel => {
    const path: Y.Item[] = [];
    const onPath = new Set<Y.Item>();
    let cur = start;
    let value: Top | Sentinel;
    for (;;) {
      const item = itemOf(cur);
      const m = topMemo.get(item);
      if (m !== undefined) {
        value = m;
        break;
      }
      if (onPath.has(item) || path.length > MAX_DEPTH) {
        value = UNRESOLVABLE;
        break;
      }
      onPath.add(item);
      path.push(item);
      const p = 'store' in cur ? storedPlaceOf(cur.store) : ownPlaceOf(cur.own);
      if (typeof p === 'symbol') {
        value = p;
        break;
      }
      if ('root' in p.parent) {
        value = { root: p.parent.root, entry: cur };
        break;
      }
      cur = p.parent;
    }
    for (const it of path) topMemo.set(it, value);
    return value;
  };
  const rootOf = (p: Place | Sentinel): string | Sentinel => {
    if (typeof p === 'symbol') return p;
    if ('root' in p.parent) return p.parent.root;
    const t = topOf(p.parent);
    return typeof t === 'symbol' ? t : t.root;
  };

  const touched = new Set<string>();
  const touch = (r: string | Sentinel): boolean => {
    if (r === UNRESOLVABLE) return false;
    if (r !== GC_RESULT) touched.add(r);
    return true;
  };

  /*
   * Entries, for a `household` writer only. Findings are collected here and
   * decided after the roots: an update that also writes a root it may not
   * write is refused for that.
   */
  const household =
    rules.write === 'household'
      ? { author: rules.authorId, roots: new Set(rules.householdRoots) }
      : null;
  let foreign = false;
  /** Own top-level Y.Maps: each needs its own `auteurId` among this update's structs. */
  const newEntries: Y.Item[] = [];
  const authored = new Set<Y.Item>();
  const mineMemo = new Map<Y.Item, boolean>();
  /** A stored entry is the writer's when its current `auteurId` is; a new one is checked on its own. */
  const isMine = (entry: TypeItem): boolean => {
    if ('own' in entry) return true;
    let mine = mineMemo.get(entry.store);
    if (mine === undefined) {
      mine = household !== null && storedAuthorOf(entry.store) === household.author;
      mineMemo.set(entry.store, mine);
    }
    return mine;
  };
  /** A struct at `p` in a household root: `top` (a top-level value itself), the entry it is in, or null. */
  const entryAt = (p: Place | Sentinel): Top | 'top' | null => {
    if (!household || typeof p === 'symbol') return null;
    if ('root' in p.parent) return household.roots.has(p.parent.root) ? 'top' : null;
    const t = topOf(p.parent);
    return typeof t !== 'symbol' && household.roots.has(t.root) ? t : null;
  };
  /** An own struct written at `place`. */
  const checkWrite = (s: Y.Item, place: Place | Sentinel): void => {
    const at = entryAt(place);
    if (at === null || typeof place === 'symbol') return;
    if (at === 'top') {
      // A new top-level value: it replaces whatever holds its key, so that must be free or the writer's.
      const root = (place.parent as { root: string }).root;
      const key = place.key;
      const holder = key === null ? undefined : doc.share.get(root)?._map.get(key);
      if (key === null || (holder && !holder.deleted && !isMine({ store: holder }))) {
        foreign = true;
      } else if (s.content instanceof Y.ContentType && s.content.type instanceof Y.Map) {
        newEntries.push(s);
      } else if (!(s.content instanceof Y.ContentDeleted)) {
        // A value that is not an entry has no author; one already deleted by its writer replaces and holds nothing.
        foreign = true;
      }
      return;
    }
    if (!isMine(at.entry)) {
      foreign = true;
      return;
    }
    // The entry's own `auteurId` names the writer, and only the writer.
    if (place.key === AUTHOR_KEY && itemOf(at.entry) === itemOf(place.parent as TypeItem)) {
      const c = s.content;
      if (
        c instanceof Y.ContentAny &&
        c.arr.length === 1 &&
        (c.arr[0] as unknown) === household?.author
      ) {
        if ('own' in at.entry) authored.add(at.entry.own);
      } else {
        foreign = true;
      }
    }
  };
  /** A neighbour of an own struct: what lies next to it must be the writer's too. */
  const checkNeighbour = (f: Found): void => {
    const at = entryAt(placeOf(f));
    if (at === null) return;
    if (at === 'top') {
      // A live top-level value next to a new one may be replaced by it; a new one is checked on its own.
      if (
        'store' in f &&
        f.store instanceof Y.Item &&
        !f.store.deleted &&
        !isMine({ store: f.store })
      )
        foreign = true;
      return;
    }
    if (!isMine(at.entry)) foreign = true;
  };
  /** A stored item this update deletes: it, or the entry it is in, must be the writer's. */
  const checkDelete = (s: Y.Item): void => {
    const at = entryAt(storedPlaceOf(s));
    if (at === null) return;
    if (!isMine(at === 'top' ? { store: s } : at.entry)) foreign = true;
  };

  /** Touch the root next to an own struct (and, for a household writer, its entry). */
  const touchNeighbour = (id: Y.ID): boolean => {
    const f = find(id);
    if (f === UNRESOLVABLE || !touch(rootOf(placeOf(f)))) return false;
    checkNeighbour(f);
    return true;
  };

  let outdated = false;
  for (const s of effective) {
    if (s instanceof Y.Skip) continue;
    const place = ownPlaceOf(s);
    if (!touch(rootOf(place))) return { kind: 'rejected', reason: 'unresolvable' };
    if (!(s instanceof Y.Item)) continue;
    checkWrite(s, place);
    if (rules.plan && !outdated && typeof place !== 'symbol' && !('root' in place.parent)) {
      const top = topOf(place.parent);
      if (typeof top !== 'symbol' && isOldShapedText(s, place, top, rules.plan)) outdated = true;
    }
    // Both neighbours must be writable too: a crafted item could name a left in one root and a right in another.
    if (s.origin && !touchNeighbour(s.origin)) return { kind: 'rejected', reason: 'unresolvable' };
    if (s.rightOrigin && !touchNeighbour(s.rightOrigin))
      return { kind: 'rejected', reason: 'unresolvable' };
    // Partly known: Yjs integrates the rest after the struct it already has at clock - 1 (and may delete that one).
    const k = known(s.id.client);
    if (s.id.clock < k && !touchNeighbour(Y.createID(s.id.client, k - 1))) {
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
            if (!touch(rootOf(storedPlaceOf(s))))
              return { kind: 'rejected', reason: 'unresolvable' };
            checkDelete(s);
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
  if (rules.plan) {
    for (const r of touched)
      if (!rules.plan.roots.includes(r)) return { kind: 'rejected', reason: 'unknown_root' };
  }
  if (rules.write === 'household') {
    for (const r of touched)
      if (!rules.householdRoots.includes(r))
        return { kind: 'rejected', reason: 'root_not_writable' };
    if (foreign || newEntries.some((e) => !authored.has(e)))
      return { kind: 'rejected', reason: 'not_own_entry' };
  } else if (touched.has(rules.serverRoot)) {
    return { kind: 'rejected', reason: 'server_root' };
  }
  if (outdated) return { kind: 'rejected', reason: 'schema_outdated' };
  return { kind: 'ok', roots: [...touched] };
}
