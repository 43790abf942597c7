/**
 * The plan-documents port (`common/plan-documents.port.ts`, ADR 013),
 * implemented once, on `CollabService`'s public methods: `readDoc` (the live
 * document when open, else snapshot + log), `withDoc` (server changes, stored
 * and relayed like any update) and `onStored`. Listing and purging read the
 * update log and snapshot tables, which belong to this layer.
 *
 * Everything the rest of the server reads of a plan goes through
 * `planView`, so a change of a field's shape (string → Y.Text) is handled
 * in the shared accessors of `PlanDoc` and here, nowhere else.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import * as Y from 'yjs';
import {
  type Actie,
  type Doel,
  docNameOf,
  type DomeinScore,
  type HuishoudenEntry,
  type Levensdomein,
  parseDocName,
  PlanDoc,
  type ServerRegie,
  type ServerTeamEntry,
} from '@spil/shared';
import type {
  PlanChange,
  PlanDocuments,
  PlanView,
  StoredChange,
  StoredDocument,
} from '../common/plan-documents.port';
import type { CommittedBatch } from './collab.hooks';
import { CollabService } from './collab.service';

/** The tables a household's documents are stored in: the update log and the compacted snapshots. */
const DOC_TABLES = ['plan_update', 'plan_snapshot'] as const;

@Injectable()
export class CollabPlanDocuments implements PlanDocuments {
  constructor(
    private readonly collab: CollabService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async read(householdId: string): Promise<PlanView> {
    const doc = await this.collab.readDoc(docNameOf(householdId));
    try {
      return snapshotOf(planView(householdId, doc));
    } finally {
      doc.destroy();
    }
  }

  onStored(listener: (plan: PlanView, change: StoredChange) => void): () => void {
    // Every stored change is a committed batch: `onCommitted` names its rows' users just before `onStored` fires.
    let batch: CommittedBatch | null = null;
    const offCommitted = this.collab.onCommitted((e) => {
      batch = e;
    });
    const offStored = this.collab.onStored((docName, doc, roots) => {
      const rows = batch?.docName === docName ? batch.rows : [];
      batch = null;
      const parsed = parseDocName(docName);
      if (!parsed || parsed.kind !== 'plan') return;
      const authors = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
      listener(planView(parsed.householdId, doc), { authors, roots });
    });
    return () => {
      offCommitted();
      offStored();
    };
  }

  async change<T>(
    householdId: string,
    fn: (plan: PlanDoc) => T,
    by?: { userId: string },
  ): Promise<PlanChange<T>> {
    const ran: { result?: T } = {};
    const changed = await this.collab.withDoc(
      docNameOf(householdId),
      (doc) => {
        ran.result = fn(new PlanDoc(doc));
      },
      by ? { userId: by.userId } : {},
    );
    return { changed, result: ran.result as T };
  }

  async list(householdId: string): Promise<StoredDocument[]> {
    const rows = await this.ds.query<{ doc_name: string }[]>(
      `SELECT doc_name FROM plan_snapshot WHERE doc_name = $1 OR doc_name LIKE $2
       UNION
       SELECT DISTINCT doc_name FROM plan_update WHERE doc_name = $1 OR doc_name LIKE $2`,
      [householdId, `${householdId}:%`],
    );
    const out: StoredDocument[] = [];
    for (const name of rows.map((r) => r.doc_name).sort()) {
      const parsed = parseDocName(name);
      if (parsed && parsed.householdId === householdId) out.push({ name, kind: parsed.kind });
    }
    return out;
  }

  async contents(docName: string): Promise<Record<string, unknown> | null> {
    if (!parseDocName(docName)) return null;
    const doc = await this.collab.readDoc(docName);
    try {
      return doc.share.size === 0 ? null : flattenDocument(doc);
    } finally {
      doc.destroy();
    }
  }

  async purge(householdId: string, within: EntityManager): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of DOC_TABLES) {
      const rows = await within.query<{ n: string }[]>(
        `WITH d AS (DELETE FROM "${table}" WHERE doc_name = $1 OR doc_name LIKE $2 RETURNING 1)
         SELECT count(*)::text AS n FROM d`,
        [householdId, `${householdId}:%`],
      );
      const n = Number(rows[0]?.n ?? 0);
      if (n > 0) counts[table] = n;
    }
    return counts;
  }
}

/* ---------- reading a plan as typed data ---------- */

/**
 * The plan in `doc` as typed data. Each part is read when first asked for
 * and then kept, so a listener of `onStored` pays only for what it reads;
 * read synchronously while `doc` is current.
 */
export function planView(householdId: string, doc: Y.Doc): PlanView {
  const plan = new PlanDoc(doc);
  const cache = new Map<keyof PlanView, unknown>();
  const once = <K extends keyof PlanView>(key: K, read: () => PlanView[K]): PlanView[K] => {
    if (!cache.has(key)) cache.set(key, read());
    return cache.get(key) as PlanView[K];
  };
  return {
    householdId,
    get schemaVersion() {
      return once('schemaVersion', () => plan.schemaVersion());
    },
    get situatie() {
      return once('situatie', () => richText(plan.situatie));
    },
    get hulpvraag() {
      return once('hulpvraag', () => richText(plan.hulpvraag));
    },
    get domeinen(): Record<Levensdomein, DomeinScore> {
      return once('domeinen', () => plan.domeinen());
    },
    get doelen(): Doel[] {
      return once('doelen', () => plan.doelen());
    },
    get acties(): Actie[] {
      return once('acties', () => plan.acties());
    },
    get huishouden(): HuishoudenEntry[] {
      return once('huishouden', () => plan.huishoudenEntries());
    },
    get regie(): ServerRegie | null {
      return once('regie', () => plan.regie());
    },
    get team(): ServerTeamEntry[] {
      return once('team', () => plan.team());
    },
  };
}

/** Every part read now, as a plain object that outlives the document. */
export function snapshotOf(view: PlanView): PlanView {
  return {
    householdId: view.householdId,
    schemaVersion: view.schemaVersion,
    situatie: view.situatie,
    hulpvraag: view.hulpvraag,
    domeinen: view.domeinen,
    doelen: view.doelen,
    acties: view.acties,
    huishouden: view.huishouden,
    regie: view.regie,
    team: view.team,
  };
}

/** The plain text of rich text: one line per top-level block, empty blocks left out. */
export function richText(fragment: Y.XmlFragment | Y.XmlElement): string {
  return fragment
    .toArray()
    .map((n) => nodeText(n).trim())
    .filter(Boolean)
    .join('\n');
}

function nodeText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[])
      .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
      .join('');
  }
  if (node instanceof Y.XmlElement) {
    const children = node.toArray();
    // A block of blocks (a list): its blocks on lines of their own.
    const blocks = children.length > 0 && children.every((c) => c instanceof Y.XmlElement);
    return children.map((c) => nodeText(c).trim()).join(blocks ? '\n' : '');
  }
  return '';
}

/* ---------- any document as plain data (inzage) ---------- */

/** What kind of shared type a root holds, judged from its content (roots arrive untyped from an update). */
function rootKind(type: Y.AbstractType<unknown>): 'map' | 'text' | 'xml' | 'array' | 'empty' {
  if (type._map.size > 0) return 'map';
  let item = type._start;
  while (item && item.deleted) item = item.right;
  if (!item) return 'empty';
  const c = item.content;
  if (
    c instanceof Y.ContentType &&
    (c.type instanceof Y.XmlElement || c.type instanceof Y.XmlText || c.type instanceof Y.XmlHook)
  ) {
    return 'xml';
  }
  if (c instanceof Y.ContentString || c instanceof Y.ContentFormat || c instanceof Y.ContentEmbed)
    return 'text';
  return 'array';
}

/** Every root of a document as plain data: rich text as text, maps and arrays as JSON. */
export function flattenDocument(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) {
    const type = doc.share.get(name) as Y.AbstractType<unknown>;
    switch (rootKind(type)) {
      case 'map':
        out[name] = doc.getMap(name).toJSON();
        break;
      case 'xml':
        out[name] = richText(doc.getXmlFragment(name));
        break;
      case 'text':
        out[name] = doc.getText(name).toJSON();
        break;
      case 'array':
        out[name] = doc.getArray(name).toJSON();
        break;
      default:
        break;
    }
  }
  return out;
}
