/**
 * The plan of approach as a Yjs document: its roots, their shapes and typed
 * accessors. Bump PLAN_SCHEMA_VERSION when a root changes shape and migrate
 * in `migratePlan`.
 *
 * Roots:
 *  - `meta`       Y.Map: { schemaVersion }
 *  - `situatie`   Y.XmlFragment (rich text, TipTap)
 *  - `hulpvraag`  Y.XmlFragment (rich text, TipTap)
 *  - `domeinen`   Y.Map<Levensdomein, Y.Map>: { score: 1..5 | null, zorgen: Y.Text, doelen: Y.Text }
 *  - `doelen`     Y.Map<id, Y.Map>: { id, titel: Y.Text, domein, aangemaakt }
 *  - `acties`     Y.Map<id, Y.Map>: { id, titel: Y.Text, eigenaarId, deadline, status,
 *                 inschakelen: Y.Text, doelId, domein, aangemaakt, updates: Y.Array<StatusUpdate> }
 *  - `huishouden` Y.Map<id, Y.Map>: the inwoner's and naasten's own part (eigen kracht). Each
 *                 entry has `soort`:
 *                 `actie`   { id, soort, tekst: Y.Text, wieHelpt: Y.Text, auteurId, auteurNaam, gedaan, gedaanOp, aangemaakt }
 *                 `reactie` { id, soort, tekst: Y.Text, actieId, auteurId, auteurNaam, aangemaakt }
 *                 The household writes only this root, and in it only their own entries: an
 *                 inwoner or naaste creates an entry only with their own `auteurId` (set in the
 *                 same update, never to anyone else), and changes or deletes only an entry
 *                 whose current `auteurId` is theirs; a key held by another's entry is not
 *                 theirs to replace. The server enforces both per update (`not_own_entry`).
 *                 Readers skip entries of another shape (professionals may write anything here,
 *                 and a member anything inside their own entries).
 *  - `server`     Y.Map: { regie, team }. Written by the server only.
 *
 * No other root: the server refuses an update that creates or writes one
 * (`unknown_root`). Free text (schema version 2, see `PLAN_TEXT_FIELDS`) is a
 * Y.Text and merges character by character; version 1 held plain strings, and
 * the server migrates every plan once (`migratePlan`). Writing a plain value
 * into a free-text key is what a version-1 client does: the server refuses it
 * (`schema_outdated`, close code 4409). Read text through `textOf`.
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import type { Levensdomein } from './levensdomeinen';
import { LEVENSDOMEINEN } from './levensdomeinen';
import type { Domain, Discipline, TeamRole } from './domain';
import { PLAN_TEXT_FIELDS, PLAN_TEXT_LIMITS, setText, textOf, tooLong } from './plan-text';

export const PLAN_SCHEMA_VERSION = 2;

export const PLAN_ROOTS = {
  meta: 'meta',
  situatie: 'situatie',
  hulpvraag: 'hulpvraag',
  domeinen: 'domeinen',
  doelen: 'doelen',
  acties: 'acties',
  huishouden: 'huishouden',
  server: 'server',
} as const;
export type PlanRoot = (typeof PLAN_ROOTS)[keyof typeof PLAN_ROOTS];
/** Every root a plan document may have. */
export const PLAN_ROOT_NAMES: readonly string[] = Object.values(PLAN_ROOTS);

/** The root only the server writes. */
export const SERVER_ROOT = PLAN_ROOTS.server;
/** The roots a household member (inwoner, naaste) may write. */
export const HOUSEHOLD_WRITABLE_ROOTS: readonly string[] = [PLAN_ROOTS.huishouden];

export const ACTIE_STATUSES = ['open', 'bezig', 'gereed', 'geblokkeerd', 'vervallen'] as const;
export type ActieStatus = (typeof ACTIE_STATUSES)[number];
export const ACTIE_STATUS_LABELS: Record<ActieStatus, string> = {
  open: 'Open',
  bezig: 'Bezig',
  gereed: 'Gereed',
  geblokkeerd: 'Geblokkeerd',
  vervallen: 'Vervallen',
};
/** Statuses that still ask something of the owner. */
export function isOpenStatus(status: ActieStatus): boolean {
  return status === 'open' || status === 'bezig' || status === 'geblokkeerd';
}

/* ---------- document names ---------- */

export type DocKind = 'plan' | 'medisch' | 'werk' | 'overleg';
export interface DocName {
  householdId: string;
  kind: DocKind;
  /** Only for `overleg`: the meeting whose live notes this is. */
  meetingId?: string;
}
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `<householdId>` is the plan; `<householdId>:medisch` and `<householdId>:werk`
 * are separate documents; `<householdId>:overleg:<meetingId>` holds the live
 * notes of one overleg.
 */
export function parseDocName(name: string): DocName | null {
  const [id, kind, ...rest] = name.split(':');
  if (!id || !UUID_RE.test(id)) return null;
  if (kind === 'overleg') {
    const [meetingId, ...more] = rest;
    if (!meetingId || !UUID_RE.test(meetingId) || more.length > 0) return null;
    return { householdId: id, kind, meetingId };
  }
  if (rest.length > 0) return null;
  if (kind === undefined) return { householdId: id, kind: 'plan' };
  if (kind === 'medisch' || kind === 'werk') return { householdId: id, kind };
  return null;
}
/** The document's name; `overleg` needs the meeting id. */
export function docNameOf(householdId: string, kind: DocKind = 'plan', meetingId?: string): string {
  if (kind === 'overleg') {
    if (!meetingId) throw new RangeError('Een overleg-document heeft een meetingId nodig');
    return meetingNotesDocName(householdId, meetingId);
  }
  return kind === 'plan' ? householdId : `${householdId}:${kind}`;
}
/** The live notes of one overleg. */
export function meetingNotesDocName(householdId: string, meetingId: string): string {
  return `${householdId}:overleg:${meetingId}`;
}
/** The name of a parsed document, the inverse of `parseDocName`. */
export function formatDocName(doc: DocName): string {
  return docNameOf(doc.householdId, doc.kind, doc.meetingId);
}

/* ---------- shapes ---------- */

export interface ServerTeamEntry {
  userId: string;
  name: string;
  discipline: Discipline;
  domain: Domain | null;
  role: TeamRole;
}
export interface ServerRegie {
  userId: string;
  name: string;
  since: string;
}

export interface StatusUpdate {
  id: string;
  auteurId: string;
  auteurNaam: string;
  tekst: string;
  status: ActieStatus;
  tijd: string;
}

export interface Actie {
  id: string;
  titel: string;
  eigenaarId: string | null;
  deadline: string | null;
  status: ActieStatus;
  inschakelen: string;
  doelId: string | null;
  domein: Levensdomein | null;
  aangemaakt: string;
  updates: StatusUpdate[];
}

export interface Doel {
  id: string;
  titel: string;
  domein: Levensdomein | null;
  aangemaakt: string;
}

/** Limits of the household's own entries, in characters. */
export const HUISHOUDEN_LIMITS = { tekst: 300, wieHelpt: 120, reactie: 1000 } as const;

/** An action the inwoner or a naaste takes on themselves: "wat ga ik zelf doen". */
export interface EigenActie {
  id: string;
  soort: 'actie';
  tekst: string;
  /** "Wie uit mijn omgeving helpt": a name from the household's own network, or ''. */
  wieHelpt: string;
  auteurId: string;
  auteurNaam: string;
  gedaan: boolean;
  gedaanOp: string | null;
  aangemaakt: string;
}

/** A short message of the household on the plan, or on one action (theirs or a professional's). */
export interface Reactie {
  id: string;
  soort: 'reactie';
  tekst: string;
  /** The action it is about (in `acties` or `huishouden`), or null for the plan as a whole. */
  actieId: string | null;
  auteurId: string;
  auteurNaam: string;
  aangemaakt: string;
}

export type HuishoudenEntry = EigenActie | Reactie;

export interface DomeinScore {
  score: number | null;
  zorgen: string;
  doelen: string;
}

/* ---------- accessors ---------- */

/** A string field of a Y.Map, or '' when absent or of another type. */
function str(m: Y.Map<unknown> | undefined, key: string): string {
  const v = m?.get(key);
  return typeof v === 'string' ? v : '';
}
/** A free-text field of a Y.Map: a Y.Text (schema 2) or a string (schema 1); else ''. */
function txt(m: Y.Map<unknown> | undefined, key: string): string {
  return textOf(m?.get(key));
}

function newId(): string {
  return uuidv4();
}

function mapOf<T>(record: Record<string, unknown>): Y.Map<T> {
  const m = new Y.Map<T>();
  for (const [k, v] of Object.entries(record)) m.set(k, v as T);
  return m;
}

/** Typed view over one household's plan document. Writes happen in one transaction each. */
export class PlanDoc {
  constructor(readonly doc: Y.Doc) {}

  get meta(): Y.Map<unknown> {
    return this.doc.getMap(PLAN_ROOTS.meta);
  }
  get situatie(): Y.XmlFragment {
    return this.doc.getXmlFragment(PLAN_ROOTS.situatie);
  }
  get hulpvraag(): Y.XmlFragment {
    return this.doc.getXmlFragment(PLAN_ROOTS.hulpvraag);
  }
  get domeinenMap(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap(PLAN_ROOTS.domeinen);
  }
  get doelenMap(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap(PLAN_ROOTS.doelen);
  }
  get actiesMap(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap(PLAN_ROOTS.acties);
  }
  get serverMap(): Y.Map<unknown> {
    return this.doc.getMap(PLAN_ROOTS.server);
  }
  /** The household's own root. Values may be of any shape: read them through `huishoudenEntries()`. */
  get huishoudenMap(): Y.Map<unknown> {
    return this.doc.getMap(PLAN_ROOTS.huishouden);
  }

  /**
   * The Y.Text of a free-text field (`PLAN_TEXT_FIELDS`) of one entry, for a
   * binding; null when the entry is absent or the field is not (yet) a Y.Text.
   */
  textField(root: keyof typeof PLAN_TEXT_FIELDS, entryId: string, key: string): Y.Text | null {
    const m = asMap(this.doc.getMap<unknown>(root).get(entryId));
    const v = m?.get(key);
    return v instanceof Y.Text ? v : null;
  }

  schemaVersion(): number {
    const v = this.meta.get('schemaVersion');
    return typeof v === 'number' ? v : 0;
  }

  /* domeinen */
  domein(key: Levensdomein): DomeinScore {
    const m = asMap(this.domeinenMap.get(key));
    const score = m?.get('score');
    return {
      score: typeof score === 'number' ? score : null,
      zorgen: txt(m, 'zorgen'),
      doelen: txt(m, 'doelen'),
    };
  }
  domeinen(): Record<Levensdomein, DomeinScore> {
    return Object.fromEntries(LEVENSDOMEINEN.map((k) => [k, this.domein(k)])) as Record<
      Levensdomein,
      DomeinScore
    >;
  }
  setDomein(key: Levensdomein, patch: Partial<DomeinScore>): void {
    if (
      patch.score != null &&
      !(Number.isInteger(patch.score) && patch.score >= 1 && patch.score <= 5)
    ) {
      throw new RangeError('ZRM-score moet 1 tot en met 5 zijn');
    }
    this.doc.transact(() => {
      let m = asMap(this.domeinenMap.get(key));
      if (!m) {
        m = new Y.Map();
        this.domeinenMap.set(key, m);
      }
      for (const [k, v] of Object.entries(patch)) {
        if ((k === 'zorgen' || k === 'doelen') && typeof v === 'string') setText(m, k, v);
        else m.set(k, v);
      }
    });
  }

  /* doelen */
  doelen(): Doel[] {
    return mapEntries(this.doelenMap)
      .map(([id, m]) => ({
        id,
        titel: txt(m, 'titel'),
        domein: strOrNull(m, 'domein') as Levensdomein | null,
        aangemaakt: str(m, 'aangemaakt'),
      }))
      .sort((a, b) => a.aangemaakt.localeCompare(b.aangemaakt));
  }
  addDoel(input: { titel: string; domein?: Levensdomein | null }): string {
    fits(input.titel, PLAN_TEXT_LIMITS.doelTitel, 'Een doel');
    const id = newId();
    this.doelenMap.set(
      id,
      mapOf({
        id,
        titel: new Y.Text(input.titel),
        domein: input.domein ?? null,
        aangemaakt: new Date().toISOString(),
      }),
    );
    return id;
  }

  /* acties */
  actie(id: string): Actie | null {
    const m = asMap(this.actiesMap.get(id));
    return m ? readActie(id, m) : null;
  }
  acties(): Actie[] {
    return mapEntries(this.actiesMap)
      .map(([id, m]) => readActie(id, m))
      .sort((a, b) => a.aangemaakt.localeCompare(b.aangemaakt));
  }
  addActie(input: {
    titel: string;
    eigenaarId?: string | null;
    deadline?: string | null;
    inschakelen?: string;
    doelId?: string | null;
    domein?: Levensdomein | null;
    status?: ActieStatus;
  }): string {
    fits(input.titel, PLAN_TEXT_LIMITS.actieTitel, 'De titel van een actie');
    fits(input.inschakelen ?? '', PLAN_TEXT_LIMITS.inschakelen, 'Wanneer je de ander inschakelt');
    const id = newId();
    this.doc.transact(() => {
      const m = mapOf<unknown>({
        id,
        titel: new Y.Text(input.titel),
        eigenaarId: input.eigenaarId ?? null,
        deadline: input.deadline ?? null,
        status: input.status ?? 'open',
        inschakelen: new Y.Text(input.inschakelen ?? ''),
        doelId: input.doelId ?? null,
        domein: input.domein ?? null,
        aangemaakt: new Date().toISOString(),
      });
      m.set('updates', new Y.Array<StatusUpdate>());
      this.actiesMap.set(id, m);
    });
    return id;
  }
  updateActie(id: string, patch: Partial<Omit<Actie, 'id' | 'updates' | 'aangemaakt'>>): void {
    const m = asMap(this.actiesMap.get(id));
    if (!m) throw new Error(`Actie ${id} bestaat niet`);
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(patch)) {
        if ((k === 'titel' || k === 'inschakelen') && typeof v === 'string') setText(m, k, v);
        else m.set(k, v);
      }
    });
  }
  /** Terugkoppeling: append a status update and set the action's status in one transaction. */
  addStatusUpdate(id: string, update: Omit<StatusUpdate, 'id' | 'tijd'>): StatusUpdate {
    const m = asMap(this.actiesMap.get(id));
    if (!m) throw new Error(`Actie ${id} bestaat niet`);
    const full: StatusUpdate = { ...update, id: newId(), tijd: new Date().toISOString() };
    this.doc.transact(() => {
      const existing = m.get('updates');
      let arr = existing instanceof Y.Array ? (existing as Y.Array<StatusUpdate>) : undefined;
      if (!arr) {
        arr = new Y.Array<StatusUpdate>();
        m.set('updates', arr);
      }
      arr.push([full]);
      m.set('status', full.status);
    });
    return full;
  }

  /* huishouden: the household's own actions and reactions */

  /** Every well-formed entry of the household's root, oldest first. */
  huishoudenEntries(): HuishoudenEntry[] {
    const out: { entry: HuishoudenEntry; order: [number, number] }[] = [];
    for (const [key, value] of this.huishoudenMap.entries()) {
      const entry = readHuishoudenEntry(key, value);
      if (!entry) continue;
      // Within one millisecond, the order in which one replica wrote them (an entry is a Y.Map).
      const item = (value as Y.Map<unknown>)._item;
      out.push({ entry, order: item ? [item.id.client, item.id.clock] : [0, 0] });
    }
    return out
      .sort(
        (a, b) =>
          a.entry.aangemaakt.localeCompare(b.entry.aangemaakt) ||
          a.order[0] - b.order[0] ||
          a.order[1] - b.order[1],
      )
      .map((x) => x.entry);
  }
  eigenActies(): EigenActie[] {
    return this.huishoudenEntries().filter((e): e is EigenActie => e.soort === 'actie');
  }
  /** Reactions, oldest first; with `actieId`, only those about that action (null: about the plan). */
  reacties(actieId?: string | null): Reactie[] {
    return this.huishoudenEntries().filter(
      (e): e is Reactie =>
        e.soort === 'reactie' && (actieId === undefined || e.actieId === actieId),
    );
  }
  addEigenActie(input: {
    tekst: string;
    wieHelpt?: string;
    auteurId: string;
    auteurNaam: string;
  }): string {
    const tekst = requiredText(input.tekst, HUISHOUDEN_LIMITS.tekst, 'Een actie');
    const wieHelpt = (input.wieHelpt ?? '').trim();
    fits(wieHelpt, HUISHOUDEN_LIMITS.wieHelpt, 'De naam van wie helpt');
    const id = newId();
    this.huishoudenMap.set(
      id,
      mapOf({
        id,
        soort: 'actie',
        tekst: new Y.Text(tekst),
        wieHelpt: new Y.Text(wieHelpt),
        auteurId: input.auteurId,
        auteurNaam: input.auteurNaam,
        gedaan: false,
        gedaanOp: null,
        aangemaakt: new Date().toISOString(),
      }),
    );
    return id;
  }
  /** Tick an own action off, or on again. */
  setEigenActieGedaan(id: string, gedaan: boolean): void {
    const m = this.huishoudenMap.get(id);
    if (!(m instanceof Y.Map) || m.get('soort') !== 'actie')
      throw new Error(`Eigen actie ${id} bestaat niet`);
    this.doc.transact(() => {
      m.set('gedaan', gedaan);
      m.set('gedaanOp', gedaan ? new Date().toISOString() : null);
    });
  }
  addReactie(input: {
    tekst: string;
    actieId?: string | null;
    auteurId: string;
    auteurNaam: string;
  }): string {
    const tekst = requiredText(input.tekst, HUISHOUDEN_LIMITS.reactie, 'Een reactie');
    const id = newId();
    this.huishoudenMap.set(
      id,
      mapOf({
        id,
        soort: 'reactie',
        tekst: new Y.Text(tekst),
        actieId: input.actieId ?? null,
        auteurId: input.auteurId,
        auteurNaam: input.auteurNaam,
        aangemaakt: new Date().toISOString(),
      }),
    );
    return id;
  }

  /* server-owned part */
  regie(): ServerRegie | null {
    return (this.serverMap.get('regie') as ServerRegie | null | undefined) ?? null;
  }
  team(): ServerTeamEntry[] {
    return (this.serverMap.get('team') as ServerTeamEntry[] | undefined) ?? [];
  }
}

function requiredText(value: string, max: number, what: string): string {
  const t = value.trim();
  if (!t) throw new RangeError(`${what} heeft tekst nodig`);
  fits(t, max, what);
  return t;
}

/** Refuses a text over `max` characters, with the message a form shows for it. */
function fits(value: string, max: number, what: string): void {
  const refusal = tooLong(value, max, what);
  if (refusal) throw new RangeError(refusal);
}

/**
 * One entry of the `huishouden` root, or null when it is not of a known
 * shape. The key is the id: a crafted `id` field cannot point elsewhere.
 */
export function readHuishoudenEntry(key: string, value: unknown): HuishoudenEntry | null {
  if (!(value instanceof Y.Map)) return null;
  const m = value as Y.Map<unknown>;
  const soort = m.get('soort');
  const tekst = txt(m, 'tekst').trim();
  if (!tekst) return null;
  const common = {
    id: key,
    tekst,
    auteurId: str(m, 'auteurId'),
    auteurNaam: str(m, 'auteurNaam'),
    aangemaakt: str(m, 'aangemaakt'),
  };
  if (soort === 'actie') {
    const gedaanOp = m.get('gedaanOp');
    return {
      ...common,
      soort,
      wieHelpt: txt(m, 'wieHelpt'),
      gedaan: m.get('gedaan') === true,
      gedaanOp: typeof gedaanOp === 'string' ? gedaanOp : null,
    };
  }
  if (soort === 'reactie') {
    const actieId = m.get('actieId');
    return { ...common, soort, actieId: typeof actieId === 'string' && actieId ? actieId : null };
  }
  return null;
}

/** Plan content comes from clients: read it defensively, never trusting a shape. */
function asMap(v: unknown): Y.Map<unknown> | undefined {
  return v instanceof Y.Map ? (v as Y.Map<unknown>) : undefined;
}
function mapEntries<T>(root: Y.Map<T>): [string, Y.Map<unknown>][] {
  const out: [string, Y.Map<unknown>][] = [];
  for (const [k, v] of root.entries()) if (v instanceof Y.Map) out.push([k, v as Y.Map<unknown>]);
  return out;
}
function strOrNull(m: Y.Map<unknown>, key: string): string | null {
  const v = m.get(key);
  return typeof v === 'string' ? v : null;
}
function isStatusUpdate(u: unknown): u is StatusUpdate {
  if (typeof u !== 'object' || u === null) return false;
  const r = u as Record<string, unknown>;
  return (
    typeof r.tekst === 'string' &&
    typeof r.tijd === 'string' &&
    (ACTIE_STATUSES as readonly unknown[]).includes(r.status)
  );
}

function readActie(id: string, m: Y.Map<unknown>): Actie {
  const updates = m.get('updates');
  const status = m.get('status');
  return {
    id,
    titel: txt(m, 'titel'),
    eigenaarId: strOrNull(m, 'eigenaarId'),
    deadline: strOrNull(m, 'deadline'),
    status: (ACTIE_STATUSES as readonly unknown[]).includes(status)
      ? (status as ActieStatus)
      : 'open',
    inschakelen: txt(m, 'inschakelen'),
    doelId: strOrNull(m, 'doelId'),
    domein: strOrNull(m, 'domein') as Levensdomein | null,
    aangemaakt: str(m, 'aangemaakt'),
    updates: updates instanceof Y.Array ? updates.toArray().filter(isStatusUpdate) : [],
  };
}

/**
 * Bring a document to the current schema. Run by the server on load, in one
 * server change under the document's lock (never by clients, so the
 * migration is written once): version 2 turns every free-text string of an
 * entry into a Y.Text with the same content, gives every levensdomein its
 * entry with empty texts, and sets `meta.schemaVersion`.
 * Idempotent: a second run finds nothing to do and changes nothing.
 */
export function migratePlan(doc: Y.Doc): boolean {
  const plan = new PlanDoc(doc);
  let changed = false;
  doc.transact(() => {
    for (const [root, keys] of Object.entries(PLAN_TEXT_FIELDS)) {
      for (const entry of doc.getMap<unknown>(root).values()) {
        if (!(entry instanceof Y.Map)) continue;
        const m = entry as Y.Map<unknown>;
        for (const key of keys) {
          const v = m.get(key);
          if (typeof v === 'string') {
            m.set(key, new Y.Text(v));
            changed = true;
          }
        }
      }
    }
    if (plan.schemaVersion() < PLAN_SCHEMA_VERSION) {
      // Every levensdomein gets its entry and its texts now, once: two people who start typing
      // into an empty domain at the same moment would otherwise each create one, and one would lose.
      for (const key of LEVENSDOMEINEN) {
        let m = asMap(plan.domeinenMap.get(key));
        if (!m) {
          m = new Y.Map();
          plan.domeinenMap.set(key, m);
        }
        for (const field of PLAN_TEXT_FIELDS.domeinen)
          if (!(m.get(field) instanceof Y.Text)) m.set(field, new Y.Text(textOf(m.get(field))));
      }
      plan.meta.set('schemaVersion', PLAN_SCHEMA_VERSION);
      changed = true;
    }
  });
  return changed;
}

/** Write the server-owned part. Only the server calls this. */
export function writeServerPart(
  doc: Y.Doc,
  part: { regie?: ServerRegie | null; team?: ServerTeamEntry[] },
): void {
  const server = doc.getMap(PLAN_ROOTS.server);
  doc.transact(() => {
    if (part.regie !== undefined) server.set('regie', part.regie);
    if (part.team !== undefined) server.set('team', part.team);
  });
}

/** True when an action is past its due date and still open, seen from `today` (YYYY-MM-DD). */
export function isOverdue(actie: Pick<Actie, 'deadline' | 'status'>, today: string): boolean {
  return actie.deadline != null && actie.deadline < today && isOpenStatus(actie.status);
}
