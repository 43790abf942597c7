import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migratePlan, PlanDoc } from '@spil/shared';
import { checkUpdate, type WriteRules } from './update-check';
import { PLAN_SHAPE, planShapeFor } from './plan-shape';

const planRules = (write: 'all' | 'household' = 'all', authorId = 'u-inwoner'): WriteRules =>
  write === 'all'
    ? {
        write,
        householdRoots: ['huishouden'],
        serverRoot: 'server',
        reservedClient: 1,
        plan: PLAN_SHAPE,
      }
    : {
        write,
        authorId,
        householdRoots: ['huishouden'],
        serverRoot: 'server',
        reservedClient: 1,
        plan: PLAN_SHAPE,
      };

/** A migrated plan with one action, and a client replica in sync with it. */
function setup(): { server: Y.Doc; client: Y.Doc; actie: string } {
  const server = new Y.Doc();
  const plan = new PlanDoc(server);
  migratePlan(server);
  const actie = plan.addActie({ titel: 'Bellen', inschakelen: 'Als het misgaat' });
  plan.setDomein('financien', { score: 2, zorgen: 'Schulden' });
  plan.addEigenActie({ tekst: 'Zelf bellen', auteurId: 'u-inwoner', auteurNaam: 'Sandra' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, actie };
}

function change(client: Y.Doc, fn: () => void): Uint8Array {
  const sv = Y.encodeStateVector(client);
  client.transact(fn);
  return Y.encodeStateAsUpdate(client, sv);
}
const check = (server: Y.Doc, u: Uint8Array, r: WriteRules) =>
  checkUpdate(server, Y.decodeUpdate(u), r);

describe('the plan accepts only its own roots', () => {
  it('refuses an update that creates or writes a root outside the plan schema', () => {
    const { server, client } = setup();
    const u = change(client, () => client.getMap('bench').set('t', 1));
    expect(check(server, u, planRules())).toEqual({ kind: 'rejected', reason: 'unknown_root' });
    const other = setup();
    const t = change(other.client, () => other.client.getText('notes').insert(0, 'x'));
    expect(check(other.server, t, planRules())).toEqual({
      kind: 'rejected',
      reason: 'unknown_root',
    });
  });

  it('refuses an update that writes a known root and an unknown one together', () => {
    const { server, client, actie } = setup();
    const u = change(client, () => {
      new PlanDoc(client).updateActie(actie, { status: 'bezig' });
      client.getArray('x').push([1]);
    });
    expect(check(server, u, planRules())).toEqual({ kind: 'rejected', reason: 'unknown_root' });
  });

  it('accepts entries of an unexpected shape inside a known root', () => {
    const { server, client } = setup();
    const u = change(client, () => {
      client.getMap('doelen').set('vreemd', 42);
      client.getMap('acties').set('ook-vreemd', new Y.Array());
    });
    expect(check(server, u, planRules())).toMatchObject({ kind: 'ok' });
  });

  it('leaves the other documents (medisch, werk, overleg) to their own roots', () => {
    expect(planShapeFor({ householdId: 'h', kind: 'medisch' })).toEqual({});
    expect(planShapeFor({ householdId: 'h', kind: 'plan' })).toEqual({ plan: PLAN_SHAPE });
  });
});

describe('old-shaped writes (plan schema 1)', () => {
  it('refuses a plain string written into a free-text key', () => {
    const { server, client, actie } = setup();
    const u = change(client, () =>
      (client.getMap('acties').get(actie) as Y.Map<unknown>).set('titel', 'Bellen, morgen'),
    );
    expect(check(server, u, planRules())).toEqual({ kind: 'rejected', reason: 'schema_outdated' });
    const other = setup();
    const z = change(other.client, () =>
      (other.client.getMap('domeinen').get('financien') as Y.Map<unknown>).set('zorgen', 'x'),
    );
    expect(check(other.server, z, planRules())).toEqual({
      kind: 'rejected',
      reason: 'schema_outdated',
    });
  });

  it('refuses a new entry whose free text is a plain string, as a version-1 client writes it', () => {
    const { server, client } = setup();
    const u = change(client, () =>
      client.getMap('doelen').set(
        'd-nieuw',
        new Y.Map<unknown>([
          ['titel', 'Rust in huis'],
          ['aangemaakt', '2026-01-01'],
        ]),
      ),
    );
    expect(check(server, u, planRules())).toEqual({ kind: 'rejected', reason: 'schema_outdated' });
    const other = setup();
    const h = change(other.client, () =>
      other.client.getMap('huishouden').set(
        'h-nieuw',
        new Y.Map<unknown>([
          ['soort', 'reactie'],
          ['tekst', 'Dank'],
          ['auteurId', 'u-inwoner'],
        ]),
      ),
    );
    expect(check(other.server, h, planRules('household'))).toEqual({
      kind: 'rejected',
      reason: 'schema_outdated',
    });
  });

  it('accepts typing into the Y.Text, other keys of the entry, and new entries of schema 2', () => {
    const { server, client, actie } = setup();
    const plan = new PlanDoc(client);
    const u = change(client, () => {
      plan.updateActie(actie, { titel: 'Bellen met school', status: 'bezig' });
      plan.addDoel({ titel: 'Rust' });
      plan.setDomein('financien', { zorgen: 'Schulden, en de huur' });
    });
    expect(check(server, u, planRules())).toMatchObject({ kind: 'ok' });
    Y.applyUpdate(server, u);
    const h = change(client, () =>
      plan.addReactie({ tekst: 'Dank', auteurId: 'u-inwoner', auteurNaam: 'Sandra' }),
    );
    expect(check(server, h, planRules('household'))).toMatchObject({ kind: 'ok' });
  });

  it('without the plan shape (another document), a string anywhere is fine', () => {
    const { server, client, actie } = setup();
    const u = change(client, () =>
      (client.getMap('acties').get(actie) as Y.Map<unknown>).set('titel', 'x'),
    );
    const rules: WriteRules = { ...planRules(), plan: undefined };
    expect(check(server, u, rules)).toMatchObject({ kind: 'ok' });
  });
});
