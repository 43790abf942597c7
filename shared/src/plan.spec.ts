import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  docNameOf,
  formatDocName,
  isOverdue,
  meetingNotesDocName,
  migratePlan,
  parseDocName,
  PlanDoc,
  PLAN_ROOTS,
  PLAN_SCHEMA_VERSION,
  readHuishoudenEntry,
  writeServerPart,
} from './plan';

const ID = '0b7e8a36-3f5e-4c55-9a53-1d2f2b4c9e01';
const MEETING = '5d0c3a1e-2b7f-4e8a-9c61-0f3e4d5a6b7c';

describe('document names', () => {
  it('parses the plan and its separate documents', () => {
    expect(parseDocName(ID)).toEqual({ householdId: ID, kind: 'plan' });
    expect(parseDocName(`${ID}:medisch`)).toEqual({ householdId: ID, kind: 'medisch' });
    expect(parseDocName(`${ID}:werk`)).toEqual({ householdId: ID, kind: 'werk' });
    expect(docNameOf(ID, 'medisch')).toBe(`${ID}:medisch`);
  });
  it('refuses anything else', () => {
    for (const bad of [
      '',
      'abc',
      `${ID}:geheim`,
      `${ID}:werk:x`,
      `${ID.toUpperCase()}`,
      '../etc/passwd',
    ]) {
      expect(parseDocName(bad)).toBeNull();
    }
  });
  it('names the live notes of one overleg by household and meeting', () => {
    const name = meetingNotesDocName(ID, MEETING);
    expect(name).toBe(`${ID}:overleg:${MEETING}`);
    expect(parseDocName(name)).toEqual({ householdId: ID, kind: 'overleg', meetingId: MEETING });
    expect(docNameOf(ID, 'overleg', MEETING)).toBe(name);
    expect(formatDocName({ householdId: ID, kind: 'overleg', meetingId: MEETING })).toBe(name);
    expect(formatDocName({ householdId: ID, kind: 'medisch' })).toBe(`${ID}:medisch`);
    expect(() => docNameOf(ID, 'overleg')).toThrow(RangeError);
    for (const bad of [
      `${ID}:overleg`,
      `${ID}:overleg:`,
      `${ID}:overleg:x`,
      `${ID}:overleg:${MEETING}:x`,
      `${ID}:medisch:${MEETING}`,
    ]) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});

describe('PlanDoc', () => {
  it('adds actions and status updates and reads them back on another replica', () => {
    const a = new Y.Doc();
    const plan = new PlanDoc(a);
    const doel = plan.addDoel({ titel: 'Schulden op een rij', domein: 'financien' });
    const actie = plan.addActie({
      titel: 'Aanmelden schuldhulp',
      eigenaarId: 'u1',
      deadline: '2026-12-01',
      doelId: doel,
    });
    plan.addStatusUpdate(actie, {
      auteurId: 'u1',
      auteurNaam: 'Johan',
      tekst: 'Intake gepland',
      status: 'bezig',
    });

    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const read = new PlanDoc(b).actie(actie);
    expect(read?.status).toBe('bezig');
    expect(read?.updates.map((u) => u.tekst)).toEqual(['Intake gepland']);
    expect(new PlanDoc(b).doelen()[0]?.titel).toBe('Schulden op een rij');
  });

  it('rejects a ZRM score outside 1 to 5', () => {
    const plan = new PlanDoc(new Y.Doc());
    expect(() => plan.setDomein('financien', { score: 6 })).toThrow(RangeError);
    plan.setDomein('financien', { score: 2, zorgen: 'Betalingsachterstand' });
    expect(plan.domein('financien')).toEqual({
      score: 2,
      zorgen: 'Betalingsachterstand',
      doelen: '',
    });
  });

  it('migrates an empty document once and writes the server part', () => {
    const doc = new Y.Doc();
    expect(migratePlan(doc)).toBe(true);
    expect(migratePlan(doc)).toBe(false);
    expect(new PlanDoc(doc).schemaVersion()).toBe(PLAN_SCHEMA_VERSION);
    writeServerPart(doc, { regie: { userId: 'u1', name: 'Johan', since: '2026-11-01T00:00:00Z' } });
    expect(new PlanDoc(doc).regie()?.name).toBe('Johan');
  });

  it('marks open actions past their due date as overdue', () => {
    expect(isOverdue({ deadline: '2026-11-01', status: 'open' }, '2026-11-23')).toBe(true);
    expect(isOverdue({ deadline: '2026-11-01', status: 'gereed' }, '2026-11-23')).toBe(false);
    expect(isOverdue({ deadline: '2026-11-30', status: 'bezig' }, '2026-11-23')).toBe(false);
    expect(isOverdue({ deadline: null, status: 'open' }, '2026-11-23')).toBe(false);
  });
});

describe("huishouden: the household's own actions and reactions", () => {
  const sandra = { auteurId: 'u-inwoner', auteurNaam: 'Sandra Bakker' };

  it('adds own actions and reactions, ticks an action off, and reads them on another replica', () => {
    const a = new Y.Doc();
    const plan = new PlanDoc(a);
    const bellen = plan.addEigenActie({ tekst: '  Zelf de woningcorporatie bellen ', ...sandra });
    const oppas = plan.addEigenActie({
      tekst: 'Oppas op woensdag',
      wieHelpt: 'Anouk (zus)',
      ...sandra,
    });
    const profActie = plan.addActie({ titel: 'Aanmelden schuldhulp' });
    plan.addReactie({ tekst: 'Dinsdag lukt mij.', actieId: profActie, ...sandra });
    plan.addReactie({ tekst: 'Fijn dat het plan er is.', ...sandra });
    plan.setEigenActieGedaan(bellen, true);

    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const read = new PlanDoc(b);
    const acties = read.eigenActies();
    expect(acties.map((x) => [x.tekst, x.wieHelpt, x.gedaan])).toEqual([
      ['Zelf de woningcorporatie bellen', '', true],
      ['Oppas op woensdag', 'Anouk (zus)', false],
    ]);
    expect(acties[0]?.gedaanOp).toMatch(/^\d{4}-/);
    expect(acties[1]?.id).toBe(oppas);
    expect(read.reacties().map((r) => r.tekst)).toEqual([
      'Dinsdag lukt mij.',
      'Fijn dat het plan er is.',
    ]);
    expect(read.reacties(profActie).map((r) => r.auteurNaam)).toEqual(['Sandra Bakker']);
    expect(read.reacties(null).map((r) => r.tekst)).toEqual(['Fijn dat het plan er is.']);

    read.setEigenActieGedaan(bellen, false);
    expect(read.eigenActies()[0]).toMatchObject({ gedaan: false, gedaanOp: null });
  });

  it('writes only the huishouden root', () => {
    const doc = new Y.Doc();
    const plan = new PlanDoc(doc);
    const touched = new Set<string>();
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      for (const type of tr.changed.keys()) {
        let t: Y.AbstractType<unknown> = type as Y.AbstractType<unknown>;
        while (t._item) t = t._item.parent as Y.AbstractType<unknown>;
        touched.add(Y.findRootTypeKey(t));
      }
    });
    const id = plan.addEigenActie({ tekst: 'Post openmaken', ...sandra });
    plan.setEigenActieGedaan(id, true);
    plan.addReactie({ tekst: 'Gedaan!', actieId: id, ...sandra });
    expect([...touched]).toEqual([PLAN_ROOTS.huishouden]);
  });

  it('refuses empty or too long texts and unknown actions', () => {
    const plan = new PlanDoc(new Y.Doc());
    expect(() => plan.addEigenActie({ tekst: '   ', ...sandra })).toThrow(RangeError);
    expect(() => plan.addReactie({ tekst: 'x'.repeat(1001), ...sandra })).toThrow(RangeError);
    expect(() =>
      plan.addEigenActie({ tekst: 'Bellen', wieHelpt: 'x'.repeat(121), ...sandra }),
    ).toThrow(RangeError);
    const reactie = plan.addReactie({ tekst: 'Hallo', ...sandra });
    expect(() => plan.setEigenActieGedaan(reactie, true)).toThrow();
    expect(() => plan.setEigenActieGedaan('bestaat-niet', true)).toThrow();
  });

  it('skips entries of another shape, and takes the id from the key', () => {
    const doc = new Y.Doc();
    const root = doc.getMap<unknown>(PLAN_ROOTS.huishouden);
    root.set('tekst', 'een losse string');
    root.set('getal', 5);
    root.set('niets', null);
    root.set('leeg', new Y.Map([['soort', 'actie']]));
    root.set(
      'vreemd',
      new Y.Map<unknown>([
        ['soort', 'iets'],
        ['tekst', 'x'],
      ]),
    );
    root.set(
      'echt',
      new Y.Map<unknown>([
        ['id', 'ander-id'],
        ['soort', 'reactie'],
        ['tekst', 'Dank!'],
        ['actieId', 42],
      ]),
    );
    const entries = new PlanDoc(doc).huishoudenEntries();
    expect(entries).toEqual([
      {
        id: 'echt',
        soort: 'reactie',
        tekst: 'Dank!',
        actieId: null,
        auteurId: '',
        auteurNaam: '',
        aangemaakt: '',
      },
    ]);
    expect(readHuishoudenEntry('x', 'tekst')).toBeNull();
  });
});

describe('PlanDoc reading content written by any client', () => {
  it('skips entries of the wrong shape instead of failing', () => {
    const doc = new Y.Doc();
    const plan = new PlanDoc(doc);
    const id = plan.addActie({ titel: 'Echt', eigenaarId: 'u1' });
    doc.getMap('acties').set('vreemd', 'geen map');
    doc.getMap('doelen').set('ook-vreemd', 42);
    const m = doc.getMap('acties').get(id) as Y.Map<unknown>;
    m.set('status', 'onzin');
    m.set('deadline', 20261201);
    expect(plan.acties().map((a) => [a.id, a.status, a.deadline])).toEqual([[id, 'open', null]]);
    expect(plan.doelen()).toEqual([]);
    expect(plan.actie('vreemd')).toBeNull();
  });
});
