import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migratePlan, PlanDoc, PLAN_SCHEMA_VERSION } from './plan';
import {
  applyTextChange,
  charCount,
  clipChars,
  diffText,
  isTextField,
  PLAN_TEXT_LIMITS,
  replaceText,
  textOf,
  tooLong,
} from './plan-text';

/** A version-1 plan: free text as plain strings, as the old writers left it. */
function v1Plan(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap('meta').set('schemaVersion', 1);
    const actie = new Y.Map<unknown>();
    actie.set('id', 'a1');
    actie.set('titel', 'Aanmelden schuldhulp');
    actie.set('inschakelen', 'Als de post weer blijft liggen');
    actie.set('status', 'open');
    actie.set('aangemaakt', '2026-01-01T00:00:00.000Z');
    doc.getMap('acties').set('a1', actie);
    const doel = new Y.Map<unknown>();
    doel.set('titel', 'Rust in huis');
    doel.set('aangemaakt', '2026-01-01T00:00:00.000Z');
    doc.getMap('doelen').set('d1', doel);
    const domein = new Y.Map<unknown>();
    domein.set('score', 2);
    domein.set('zorgen', 'Betalingsachterstand');
    doc.getMap('domeinen').set('financien', domein);
    const eigen = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      soort: 'actie',
      tekst: 'Zelf bellen',
      wieHelpt: 'Mijn zus',
      auteurId: 'u1',
      auteurNaam: 'Sandra',
      gedaan: false,
      aangemaakt: '2026-01-02T00:00:00.000Z',
    }))
      eigen.set(k, v);
    doc.getMap('huishouden').set('h1', eigen);
  });
  return doc;
}

describe('textOf', () => {
  it('reads a string, a Y.Text and nothing else', () => {
    const doc = new Y.Doc();
    const t = doc.getText('t');
    t.insert(0, 'hallo');
    expect(textOf('los')).toBe('los');
    expect(textOf(t)).toBe('hallo');
    expect(textOf(3)).toBe('');
    expect(textOf(null)).toBe('');
    expect(textOf(new Y.Map())).toBe('');
  });
});

describe('free text in the plan (schema 2)', () => {
  it('writes every free-text value as a Y.Text', () => {
    const doc = new Y.Doc();
    const plan = new PlanDoc(doc);
    const a = plan.addActie({ titel: 'Bellen', inschakelen: 'Als het misgaat' });
    const d = plan.addDoel({ titel: 'Rust' });
    plan.setDomein('financien', { score: 2, zorgen: 'Schulden' });
    const e = plan.addEigenActie({
      tekst: 'Zelf',
      wieHelpt: 'Zus',
      auteurId: 'u',
      auteurNaam: 'S',
    });
    const r = plan.addReactie({ tekst: 'Dank', auteurId: 'u', auteurNaam: 'S' });
    const entry = (root: string, id: string) => doc.getMap<Y.Map<unknown>>(root).get(id)!;
    expect(entry('acties', a).get('titel')).toBeInstanceOf(Y.Text);
    expect(entry('acties', a).get('inschakelen')).toBeInstanceOf(Y.Text);
    expect(entry('doelen', d).get('titel')).toBeInstanceOf(Y.Text);
    expect(entry('domeinen', 'financien').get('zorgen')).toBeInstanceOf(Y.Text);
    expect(entry('huishouden', e).get('tekst')).toBeInstanceOf(Y.Text);
    expect(entry('huishouden', e).get('wieHelpt')).toBeInstanceOf(Y.Text);
    expect(entry('huishouden', r).get('tekst')).toBeInstanceOf(Y.Text);
    expect(plan.actie(a)).toMatchObject({ titel: 'Bellen', inschakelen: 'Als het misgaat' });
    expect(plan.eigenActies()[0]).toMatchObject({ tekst: 'Zelf', wieHelpt: 'Zus' });
  });

  it('changes a Y.Text in place by the minimal change, so concurrent edits merge', () => {
    const a = new Y.Doc();
    const id = new PlanDoc(a).addActie({ titel: 'Bel de school' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const text = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('acties').get(id)!.get('titel');
    const before = text(a);
    new PlanDoc(a).updateActie(id, { titel: 'Bel de school morgen' });
    new PlanDoc(b).updateActie(id, { titel: 'Bel eerst de school' });
    expect(text(a)).toBe(before);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(new PlanDoc(a).actie(id)?.titel).toBe('Bel eerst de school morgen');
    expect(new PlanDoc(b).actie(id)?.titel).toBe('Bel eerst de school morgen');
  });

  it('knows which keys hold free text', () => {
    expect(isTextField('acties', 'titel')).toBe(true);
    expect(isTextField('acties', 'status')).toBe(false);
    expect(isTextField('huishouden', 'wieHelpt')).toBe(true);
    expect(isTextField('server', 'titel')).toBe(false);
  });
});

describe('migratePlan to schema 2', () => {
  it('reads a version-1 plan as before, and turns its strings into Y.Text once', () => {
    const doc = v1Plan();
    const plan = new PlanDoc(doc);
    const read = () => ({
      acties: plan.acties(),
      doelen: plan.doelen(),
      domeinen: plan.domeinen(),
      eigen: plan.eigenActies(),
    });
    const before = read();
    expect(before.acties[0]?.titel).toBe('Aanmelden schuldhulp');
    expect(migratePlan(doc)).toBe(true);
    expect(plan.schemaVersion()).toBe(PLAN_SCHEMA_VERSION);
    expect(read()).toEqual(before);
    expect(doc.getMap<Y.Map<unknown>>('acties').get('a1')!.get('titel')).toBeInstanceOf(Y.Text);
    expect(doc.getMap<Y.Map<unknown>>('huishouden').get('h1')!.get('wieHelpt')).toBeInstanceOf(
      Y.Text,
    );
    // Idempotent: nothing left to do, no update produced.
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migratePlan(doc)).toBe(false);
    expect(updates).toBe(0);
  });
});

describe('diffText', () => {
  it('is the minimal change, and typing a letter equal to its neighbour lands at the caret', () => {
    expect(diffText('abc', 'abc')).toBeNull();
    expect(diffText('abc', 'abXc')).toEqual({ index: 2, remove: 0, insert: 'X' });
    expect(diffText('abc', 'ac')).toEqual({ index: 1, remove: 1, insert: '' });
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('hallo wereld', 'hallo mooie wereld', 12)).toEqual({
      index: 6,
      remove: 0,
      insert: 'mooie ',
    });
  });
  it('never splits a surrogate pair', () => {
    const change = diffText('a😀b', 'a😃b');
    expect(change).toEqual({ index: 1, remove: 2, insert: '😃' });
    expect(applyTextChange('a😀b', change)).toBe('a😃b');
  });
  it('replaceText applies it to a Y.Text', () => {
    const t = new Y.Doc().getText('t');
    t.insert(0, 'Bel de school');
    expect(replaceText(t, 'Bel morgen de school', 11)).toBe(true);
    expect(t.toJSON()).toBe('Bel morgen de school');
  });
});

describe('characters', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(charCount('😀😀')).toBe(2);
    expect(charCount('abc')).toBe(3);
    expect(clipChars('a😀b', 2)).toBe('a😀');
  });

  it('a title of exactly the limit in characters fits, emoji and all; one more is refused in Dutch', () => {
    const max = PLAN_TEXT_LIMITS.actieTitel;
    const exact = '😀'.repeat(10) + 'a'.repeat(max - 10);
    expect(exact.length).toBe(max + 10); // UTF-16 units: what `maxLength` would have counted
    expect(tooLong(exact, max, 'De actie')).toBeNull();
    expect(tooLong(exact + '😀', max, 'De actie')).toBe(
      `De actie mag hoogstens ${max} tekens hebben; nu zijn het er ${max + 1}.`,
    );

    const plan = new PlanDoc(new Y.Doc());
    const id = plan.addActie({ titel: exact });
    expect(plan.actie(id)?.titel).toBe(exact);
    expect(() => plan.addActie({ titel: exact + 'b' })).toThrow(
      `mag hoogstens ${max} tekens hebben; nu zijn het er ${max + 1}.`,
    );
    const doel = '🙂'.repeat(PLAN_TEXT_LIMITS.doelTitel);
    plan.addDoel({ titel: doel });
    expect(plan.doelen()[0]?.titel).toBe(doel);
    expect(() => plan.addDoel({ titel: doel + '🙂' })).toThrow(RangeError);
    expect(plan.acties()).toHaveLength(1);
    expect(plan.doelen()).toHaveLength(1);
  });
});
