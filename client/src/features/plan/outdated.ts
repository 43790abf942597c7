/**
 * A plan copy of plan schema 1 (IndexedDB edits made before the server
 * migrated the plan) writes plain strings where the plan now holds Y.Text.
 * The server refuses those writes and closes with 4409 (`schema_outdated`);
 * the text must not be lost silently, so the session notes every plain-string
 * text of its local copy before it connects, and after a 4409 shows those the
 * plan does not hold now, to copy, before the local copy is dropped and the
 * page reloaded.
 */
import { LEVENSDOMEIN_LABELS, type Levensdomein, PLAN_TEXT_FIELDS, textOf } from '@spil/shared';
import * as Y from 'yjs';

export const SCHEMA_OUTDATED_CLOSE = 4409;

export interface LegacyText {
  root: string;
  entryId: string;
  key: string;
  value: string;
}

/** Every free-text field of the local copy that is still a plain string. */
export function legacyTexts(doc: Y.Doc): LegacyText[] {
  const out: LegacyText[] = [];
  for (const [root, keys] of Object.entries(PLAN_TEXT_FIELDS)) {
    for (const [entryId, entry] of doc.getMap<unknown>(root).entries()) {
      if (!(entry instanceof Y.Map)) continue;
      for (const key of keys) {
        const v = (entry as Y.Map<unknown>).get(key);
        if (typeof v === 'string' && v.trim()) out.push({ root, entryId, key, value: v });
      }
    }
  }
  return out;
}

/**
 * Of those, the texts the plan does not hold now: not sent, to show. Where
 * the local copy still shows a plain string, the server never stored it in
 * that shape (it refuses it); where it shows the plan's Y.Text with other
 * words, the string lost against the migration.
 */
export function unsentTexts(doc: Y.Doc, legacy: readonly LegacyText[]): LegacyText[] {
  return legacy.filter((t) => {
    const entry = doc.getMap<unknown>(t.root).get(t.entryId);
    const now = entry instanceof Y.Map ? (entry as Y.Map<unknown>).get(t.key) : undefined;
    return !(now instanceof Y.Text) || textOf(now) !== t.value;
  });
}

const FIELD_LABELS: Record<string, string> = {
  'acties.titel': 'Actie: wat gaat er gebeuren',
  'acties.inschakelen': 'Actie: wanneer schakel je de ander in',
  'doelen.titel': 'Doel',
  'domeinen.zorgen': 'Zorgen',
  'domeinen.doelen': 'Doelen',
  'huishouden.tekst': 'Eigen actie of reactie',
  'huishouden.wieHelpt': 'Wie helpt',
};

/** A Dutch label for where a text belongs. */
export function legacyLabel(t: LegacyText): string {
  const field = FIELD_LABELS[`${t.root}.${t.key}`] ?? t.key;
  if (t.root === 'domeinen' && t.entryId in LEVENSDOMEIN_LABELS)
    return `${LEVENSDOMEIN_LABELS[t.entryId as Levensdomein].label}: ${field.toLowerCase()}`;
  return field;
}
