/**
 * The one way for the rest of the server to reach a household's plan and its
 * other collab documents (ADR 013). Modules inject `PLAN_DOCUMENTS` and never
 * import the collab layer (lint rule); `server/src/collab/plan-documents.ts`
 * implements it once, on `CollabService`.
 *
 *  - read a plan as typed data (`PlanView`), the live document when open;
 *  - hear about every stored change of a plan (`onStored`);
 *  - apply a server change (`change`): stored in the update log and relayed
 *    to every open copy like any update;
 *  - list a household's documents, read one as plain data (inzage), purge them.
 */
import type {
  Actie,
  Doel,
  DocKind,
  DomeinScore,
  HuishoudenEntry,
  Levensdomein,
  PlanDoc,
  ServerRegie,
  ServerTeamEntry,
} from '@spil/shared';
import type { EntityManager } from 'typeorm';

export const PLAN_DOCUMENTS = Symbol('PLAN_DOCUMENTS');

/**
 * A household's plan as typed data. Text fields are plain strings whatever
 * their shape in the document (a string or a Y.Text); rich text (situatie,
 * hulpvraag) is plain text with paragraphs on lines of their own. Entries of
 * an unexpected shape are skipped.
 */
export interface PlanView {
  readonly householdId: string;
  readonly schemaVersion: number;
  readonly situatie: string;
  readonly hulpvraag: string;
  readonly domeinen: Record<Levensdomein, DomeinScore>;
  /** Oldest first. */
  readonly doelen: Doel[];
  /** Oldest first. */
  readonly acties: Actie[];
  /** The household's own part: own actions and reactions. */
  readonly huishouden: HuishoudenEntry[];
  readonly regie: ServerRegie | null;
  readonly team: ServerTeamEntry[];
}

/** One stored collab document of a household. */
export interface StoredDocument {
  /** `<id>`, `<id>:medisch`, `<id>:werk` or `<id>:overleg:<meetingId>`. */
  name: string;
  kind: DocKind;
}

/** Who made a stored change of a plan. */
export interface StoredChange {
  /**
   * The users whose updates are in it: the senders of a committed batch of
   * client updates, or the person a server change was made for (`change`'s
   * `by`). Empty for the server's own changes (team and regie mirroring,
   * the schema migration).
   */
  readonly authors: readonly string[];
  /**
   * The plan's roots (`PLAN_ROOTS`) the change touched, as the checks of its
   * client updates found them; null when not known (a server change): any
   * root may have changed. A listener that reads one part of the plan skips
   * the changes that did not touch it.
   */
  readonly roots: ReadonlySet<string> | null;
}

/** Whether a stored change may have touched the plan's root `root`. */
export function touches(change: StoredChange, root: string): boolean {
  return change.roots === null || change.roots.has(root);
}

/** The result of a server change: whether the plan changed, and what `fn` returned. */
export interface PlanChange<T> {
  changed: boolean;
  result: T;
}

export interface PlanDocuments {
  /** The plan as stored now (the live document when someone has it open); empty when nothing is stored. */
  read(householdId: string): Promise<PlanView>;

  /**
   * After every stored change of a plan (client edits, server changes, the
   * migration on load). `plan` reads the live document: read what you need
   * synchronously, inside the listener. `change` says who made it. Returns
   * the unsubscribe function.
   */
  onStored(listener: (plan: PlanView, change: StoredChange) => void): () => void;

  /**
   * Apply a server change to the plan: `fn` runs once on a copy of the
   * stored state, and what it wrote is stored in the update log and relayed
   * to every open plan. Changes of one plan run one at a time. `by`: the
   * user the change is made for (a REST call), stored with the update and
   * named to `onStored` listeners as its author.
   */
  change<T>(
    householdId: string,
    fn: (plan: PlanDoc) => T,
    by?: { userId: string },
  ): Promise<PlanChange<T>>;

  /** The household's stored documents (the plan, medisch, werk, overleg notes), by name. */
  list(householdId: string): Promise<StoredDocument[]>;

  /**
   * One stored document with every root as plain data (rich text as text,
   * maps and arrays as JSON), for the inzage export; null when nothing is
   * stored under that name.
   */
  contents(docName: string): Promise<Record<string, unknown> | null>;

  /**
   * Delete every stored document of the household (update log and
   * snapshots), inside the caller's transaction. Rows deleted per table.
   */
  purge(householdId: string, within: EntityManager): Promise<Record<string, number>>;
}
