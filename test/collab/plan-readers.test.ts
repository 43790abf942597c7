/**
 * The plan accepts only its own roots, and every reader of the plan reads the
 * schema-2 shapes: a stock client types into Y.Texts of Gezin Bakker's plan
 * (an action's titel, a domain's zorgen, a goal's titel) character by
 * character; the read model (/api/me/actions), the FHIR export and the inzage
 * export (JSON and HTML) show the new words. An update that writes a root
 * outside the plan is refused, never stored or relayed, and the connection
 * goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ActionRowDto, PlanDoc } from '@spil/shared';
import { CollabService } from '../../server/src/collab/collab.service';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { type Client, connect, synced } from './helpers';

/** Type `words` at the end of a Y.Text, one character per update, as a person would. */
function typeInto(doc: Y.Doc, text: Y.Text, words: string): void {
  for (const ch of words) doc.transact(() => text.insert(text.length, ch));
}

describe.each(databaseKinds())('readers of the plan on %s', (kind) => {
  let s: TestServer;
  let collab: CollabService;
  const clients: Client[] = [];
  beforeAll(async () => {
    s = await startTestServer(kind);
    collab = s.app.get(CollabService);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await s?.stop();
  });

  it('refuses a root outside the plan, and the read model, FHIR and inzage read the typed text', async () => {
    const bakker = (await householdByName(s, 'Gezin Bakker')).id;
    const logins = await Promise.all(
      ['maatschappelijk-werker', 'huisarts', 'poh-jeugd'].map((k) => loginAs(s.url, k)),
    );
    const mw = logins[0]!;
    const a = connect(s.wsUrl, mw.token, bakker);
    const b = connect(s.wsUrl, logins[1]!.token, bakker);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const rejected: string[] = [];
    const off = collab.onRejected((e) => {
      if (e.docName === bakker) rejected.push(e.reason);
    });

    // A root outside the plan: refused, not relayed, not stored; the connection stays.
    b.doc.getMap('bench').set('probe', 1);
    await eventually(() => expect(rejected).toContain('unknown_root'), 10_000);
    expect(b.closes).toEqual([]);

    // Typing into the plan's Y.Texts, character by character.
    const plan = new PlanDoc(a.doc);
    const actie = plan
      .acties()
      .find((x) => logins.some((l) => l.user.id === x.eigenaarId) && x.status !== 'vervallen');
    expect(actie).toBeDefined();
    const owner = logins.find((l) => l.user.id === actie!.eigenaarId)!;
    const doel = plan.doelen()[0]!;
    typeInto(a.doc, plan.textField('acties', actie!.id, 'titel')!, ' – met de buurvrouw');
    typeInto(a.doc, plan.textField('domeinen', 'financien', 'zorgen')!, ' Nieuwe aanmaning.');
    typeInto(a.doc, plan.textField('doelen', doel.id, 'titel')!, ' binnen drie maanden');
    const titel = `${actie!.titel} – met de buurvrouw`;

    await eventually(() => expect(new PlanDoc(b.doc).actie(actie!.id)?.titel).toBe(titel), 10_000);
    const stored = await collab.readDoc(bakker);
    expect(new PlanDoc(stored).actie(actie!.id)?.titel).toBe(titel);
    expect(stored.share.has('bench')).toBe(false);
    expect(b.doc.getMap('bench').toJSON()).toEqual({ probe: 1 }); // only its own copy
    expect(a.doc.share.has('bench')).toBe(false);

    // Read model: the owner's actions.
    await eventually(async () => {
      const mine = await api<ActionRowDto[]>(s.url, 'GET', '/api/me/actions', {
        token: owner.token,
      });
      expect(mine.body.map((r) => r.titel)).toContain(titel);
    }, 10_000);

    // FHIR export and inzage export (JSON and HTML).
    const fhir = await api(s.url, 'GET', `/api/households/${bakker}/fhir`, { token: mw.token });
    expect(fhir.status).toBe(200);
    const fhirText = JSON.stringify(fhir.body);
    expect(fhirText).toContain(titel);
    expect(fhirText).toContain(`${doel.titel} binnen drie maanden`);
    const inzage = await api(s.url, 'GET', `/api/households/${bakker}/export`, {
      token: mw.token,
    });
    expect(inzage.status).toBe(200);
    const inzageText = JSON.stringify(inzage.body);
    expect(inzageText).toContain(titel);
    expect(inzageText).toContain('Nieuwe aanmaning.');
    const html = await fetch(`${s.url}/api/households/${bakker}/export?format=html`, {
      headers: { authorization: `Bearer ${mw.token}` },
    });
    const page = await html.text();
    expect(page).toContain('met de buurvrouw');
    expect(page).toContain('Nieuwe aanmaning.');
    off();
  });
});
