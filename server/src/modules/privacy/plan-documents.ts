/**
 * A household's collab documents as stored: the compacted snapshot plus the
 * update-log rows still in `plan_update`. Read with SQL (the collab layer
 * owns these tables; modules never import it), for the AVG export and the
 * retention purge.
 */
import * as Y from 'yjs';

export type Query = <T = unknown>(sql: string, params?: unknown[]) => Promise<T[]>;

/** The update log and snapshot tables of the collab layer, when they exist. */
export const DOC_TABLES = ['plan_update', 'plan_snapshot'] as const;

export async function existingTables(query: Query, names: readonly string[]): Promise<string[]> {
  const rows = await query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`,
    [names],
  );
  return rows.map((r) => r.name);
}

/** The household's documents: `<id>`, `<id>:medisch`, `<id>:werk`, `<id>:overleg:<meetingId>`, whatever is stored. */
export async function documentNames(query: Query, householdId: string): Promise<string[]> {
  const tables = await existingTables(query, DOC_TABLES);
  const names = new Set<string>();
  for (const t of tables) {
    const rows = await query<{ doc_name: string }>(
      `SELECT DISTINCT doc_name FROM "${t}" WHERE doc_name = $1 OR doc_name LIKE $2`,
      [householdId, `${householdId}:%`],
    );
    for (const r of rows) names.add(r.doc_name);
  }
  return [...names].sort();
}

/** The stored state of one document, or null when nothing is stored. */
export async function loadDocument(query: Query, docName: string): Promise<Y.Doc | null> {
  const tables = await existingTables(query, DOC_TABLES);
  const doc = new Y.Doc({ gc: true });
  let found = false;
  if (tables.includes('plan_snapshot')) {
    const snaps = await query<{ state: Buffer }>(
      'SELECT state FROM plan_snapshot WHERE doc_name = $1',
      [docName],
    );
    for (const s of snaps) {
      Y.applyUpdate(doc, new Uint8Array(s.state));
      found = true;
    }
  }
  if (tables.includes('plan_update')) {
    const rows = await query<{ update: Buffer }>(
      'SELECT "update" FROM plan_update WHERE doc_name = $1 ORDER BY id',
      [docName],
    );
    for (const r of rows) {
      Y.applyUpdate(doc, new Uint8Array(r.update));
      found = true;
    }
  }
  return found ? doc : null;
}

/** Plain text of rich text: paragraphs on lines of their own. */
export function xmlToText(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[])
      .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
      .join('');
  }
  const parts = node.toArray().map((child) => (child instanceof Y.XmlHook ? '' : xmlToText(child)));
  const blocks = parts.every((_, i) => !(node.toArray()[i] instanceof Y.XmlText));
  return parts.join(blocks ? '\n' : '').trim();
}

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
        out[name] = xmlToText(doc.getXmlFragment(name));
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
