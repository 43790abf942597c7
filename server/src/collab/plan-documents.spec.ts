import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LEVENSDOMEINEN, PlanDoc } from '@spil/shared';
import { flattenDocument, planView, richText, snapshotOf } from './plan-documents';

const HH = '7d4c8a52-6c0b-4e0e-9a35-0d3e1f0b6a01';

function paragraph(...parts: (string | [string, Record<string, unknown>])[]): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.applyDelta(
    parts.map((part) =>
      typeof part === 'string' ? { insert: part } : { insert: part[0], attributes: part[1] },
    ),
  );
  p.insert(0, [t]);
  return p;
}

describe('planView', () => {
  it('reads the plan as typed data, rich text as plain lines', () => {
    const doc = new Y.Doc();
    const plan = new PlanDoc(doc);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    item.insert(0, [paragraph('eerste punt')]);
    const item2 = new Y.XmlElement('listItem');
    item2.insert(0, [paragraph('tweede punt')]);
    list.insert(0, [item, item2]);
    plan.situatie.insert(0, [paragraph('Moeder ', ['werkt', { bold: true }], ' veel.'), list]);
    plan.hulpvraag.insert(0, [paragraph('  '), paragraph('Rust in huis')]);
    const doelId = plan.addDoel({ titel: 'Schulden in beeld', domein: 'financien' });
    const actieId = plan.addActie({ titel: 'Budgetplan maken', doelId });
    const view = planView(HH, doc);
    expect(view.householdId).toBe(HH);
    expect(view.situatie).toBe('Moeder werkt veel.\neerste punt\ntweede punt');
    expect(view.hulpvraag).toBe('Rust in huis');
    expect(view.doelen).toEqual([expect.objectContaining({ id: doelId, domein: 'financien' })]);
    expect(view.acties).toEqual([
      expect.objectContaining({ id: actieId, titel: 'Budgetplan maken', doelId }),
    ]);
    expect(Object.keys(view.domeinen).sort()).toEqual([...LEVENSDOMEINEN].sort());
    expect(view.huishouden).toEqual([]);
    expect(view.regie).toBeNull();
    expect(view.team).toEqual([]);
  });

  it('reads each part once, when first asked; a snapshot outlives the document', () => {
    const doc = new Y.Doc();
    const plan = new PlanDoc(doc);
    plan.addActie({ titel: 'Eerste' });
    const view = planView(HH, doc);
    expect(view.acties.map((a) => a.titel)).toEqual(['Eerste']);
    plan.addActie({ titel: 'Tweede' });
    // Read already: kept (a listener reads synchronously; later reads see the same data).
    expect(view.acties.map((a) => a.titel)).toEqual(['Eerste']);
    // Not read yet: read now.
    expect(planView(HH, doc).acties.map((a) => a.titel)).toEqual(['Eerste', 'Tweede']);
    const snap = snapshotOf(planView(HH, doc));
    doc.destroy();
    expect(JSON.parse(JSON.stringify(snap))).toMatchObject({
      householdId: HH,
      acties: [{ titel: 'Eerste' }, { titel: 'Tweede' }],
    });
  });

  it('reads text fields of either shape: a string (schema 1) and a Y.Text (schema 2)', () => {
    const doc = new Y.Doc();
    const acties = doc.getMap<Y.Map<unknown>>('acties');
    const huishouden = doc.getMap<Y.Map<unknown>>('huishouden');
    const v1 = new Y.Map<unknown>();
    const v2 = new Y.Map<unknown>();
    const eigen = new Y.Map<unknown>();
    acties.set('a1', v1);
    acties.set('a2', v2);
    huishouden.set('h1', eigen);
    v1.set('titel', 'Als string');
    v1.set('aangemaakt', '2026-01-01');
    v2.set('titel', new Y.Text('Als Y.Text'));
    v2.set('inschakelen', new Y.Text('Bij een aanmaning'));
    v2.set('aangemaakt', '2026-01-02');
    eigen.set('soort', 'actie');
    eigen.set('tekst', new Y.Text('Zelf de post openen'));
    eigen.set('wieHelpt', new Y.Text('Zus'));
    eigen.set('auteurId', 'u1');
    const view = planView(HH, doc);
    expect(view.acties.map((a) => [a.titel, a.inschakelen])).toEqual([
      ['Als string', ''],
      ['Als Y.Text', 'Bij een aanmaning'],
    ]);
    expect(view.huishouden).toEqual([
      expect.objectContaining({ id: 'h1', tekst: 'Zelf de post openen', wieHelpt: 'Zus' }),
    ]);
  });

  it('reads an empty document as an empty plan', () => {
    const view = snapshotOf(planView(HH, new Y.Doc()));
    expect(view).toMatchObject({
      situatie: '',
      hulpvraag: '',
      doelen: [],
      acties: [],
      huishouden: [],
      regie: null,
      team: [],
    });
  });
});

describe('richText and flattenDocument', () => {
  it('gives an empty fragment as empty text', () => {
    expect(richText(new Y.Doc().getXmlFragment('x'))).toBe('');
  });

  it('gives every root as plain data: maps with their text values, rich text, text and arrays', () => {
    const doc = new Y.Doc();
    const entry = new Y.Map<unknown>();
    doc.getMap('acties').set('a1', entry);
    entry.set('titel', 'Bellen');
    const typed = new Y.Text();
    entry.set('inschakelen', typed);
    typed.insert(0, 'Bij een aanmaning');
    doc.getXmlFragment('situatie').insert(0, [paragraph('Situatie')]);
    doc.getText('notulen').insert(0, 'Notulen');
    doc.getArray('lijst').push([1, 2]);
    doc.getMap('leeg');
    expect(flattenDocument(doc)).toEqual({
      acties: { a1: { titel: 'Bellen', inschakelen: 'Bij een aanmaning' } },
      situatie: 'Situatie',
      notulen: 'Notulen',
      lijst: [1, 2],
    });
  });
});
