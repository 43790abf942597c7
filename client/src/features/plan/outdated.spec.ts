import { migratePlan, PlanDoc } from '@spil/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { legacyLabel, legacyTexts, unsentTexts } from './outdated';

describe('text of an outdated local copy', () => {
  it('notes plain strings, and after the merge shows those the plan does not hold', () => {
    const server = new Y.Doc();
    const id = new PlanDoc(server).addActie({ titel: 'Bellen', inschakelen: 'Als het misgaat' });
    migratePlan(server);
    // The old copy: the same plan with strings, one of them edited offline.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    const entry = local.getMap('acties').get(id) as Y.Map<unknown>;
    entry.set('titel', 'Bellen');
    entry.set('inschakelen', 'Offline: eerst de huisarts');
    (local.getMap('domeinen').get('financien') as Y.Map<unknown>).set('zorgen', 'Schulden');
    const legacy = legacyTexts(local);
    expect(legacy.map((t) => t.value).sort()).toEqual(
      ['Bellen', 'Offline: eerst de huisarts', 'Schulden'].sort(),
    );
    // Still plain strings locally: the server never stored them in that shape.
    expect(unsentTexts(local, legacy)).toHaveLength(3);
    // Once the plan's Y.Text holds the same words, that one is not unsent.
    entry.set('titel', new Y.Text('Bellen'));
    expect(
      unsentTexts(local, legacy)
        .map((t) => t.key)
        .sort(),
    ).toEqual(['inschakelen', 'zorgen']);
    expect(legacyLabel(legacy.find((t) => t.key === 'zorgen')!)).toBe('Financiën: zorgen');
    expect(legacyLabel(legacy.find((t) => t.key === 'inschakelen')!)).toBe(
      'Actie: wanneer schakel je de ander in',
    );
  });
});
