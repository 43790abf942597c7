/**
 * Limits of the collab endpoint. COLLAB_MAX_DOC_BYTES: an update that would
 * make the stored document too large is refused; smaller edits go on.
 * COLLAB_RATE_LIMIT_*: a connection that sends too many messages is closed
 * with 1008, and a stock client typing fast never is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CollabService, type RejectedUpdate } from '../../server/src/collab/collab.service';
import { auditRows } from '../api/accountability-helpers';
import { RawCollab } from '../api/collab-client';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { connect, notesOf, synced } from './helpers';

describe.each(databaseKinds())('document size limit on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind, { env: { COLLAB_MAX_DOC_BYTES: String(64 * 1024) } });
  });
  afterAll(async () => s?.stop());

  it('rejects an update that would pass COLLAB_MAX_DOC_BYTES', async () => {
    const collab = s.app.get(CollabService);
    const rejected: RejectedUpdate[] = [];
    collab.onRejected((e) => {
      rejected.push(e);
    });
    const visser = (await householdByName(s, 'Gezin Visser')).id;
    const login = await loginAs(s.url, 'poh-jeugd');
    const a = connect(s.wsUrl, login.token, visser);
    const b = connect(s.wsUrl, (await loginAs(s.url, 'jeugdconsulent')).token, visser);
    try {
      await Promise.all([synced(a), synced(b)]);
      notesOf(a.doc).insert(0, 'x'.repeat(100 * 1024));
      await eventually(
        () => expect(rejected.map((r) => r.reason)).toContain('doc_too_large'),
        10_000,
      );
      expect(notesOf(await collab.readDoc(visser)).length).toBe(0);
      notesOf(b.doc).insert(0, 'klein');
      await eventually(
        async () => expect(notesOf(await collab.readDoc(visser)).toJSON()).toBe('klein'),
        10_000,
      );
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('never closes a stock client that types three times faster than anyone, at the default message rate limit', async () => {
    const bakker = (await householdByName(s, 'Gezin Bakker')).id;
    const a = connect(s.wsUrl, (await loginAs(s.url, 'huisarts')).token, bakker);
    const b = connect(s.wsUrl, (await loginAs(s.url, 'maatschappelijk-werker')).token, bakker);
    try {
      await Promise.all([synced(a), synced(b)]);
      // 50 keystrokes a second for 4 s, each an update and a cursor move (awareness): 100 messages a second.
      const typed = 'snel getypt, '.repeat(16).slice(0, 200);
      const text = notesOf(a.doc);
      for (let i = 0; i < typed.length; i++) {
        text.insert(i, typed[i] as string);
        a.provider.awareness.setLocalStateField('cursor', { index: i + 1 });
        await new Promise((r) => setTimeout(r, 20));
      }
      await eventually(() => expect(notesOf(b.doc).toJSON()).toBe(typed), 10_000);
      expect(a.closes).toEqual([]);
      expect(a.provider.wsconnected).toBe(true);
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});

describe.each(databaseKinds())('message rate limit per collab connection on %s', (kind) => {
  let s: TestServer;
  const burst = 40;
  beforeAll(async () => {
    s = await startTestServer(kind, {
      env: {
        COLLAB_RATE_LIMIT_BURST: String(burst),
        COLLAB_RATE_LIMIT_PER_SECOND: '1',
        RETENTION_CHECK_SECONDS: '0',
      },
    });
  });
  afterAll(async () => s?.stop());

  it('closes a flooding connection with 1008: nothing past the limit is stored or relayed, others go on, audited once', async () => {
    const collab = s.app.get(CollabService);
    const visser = (await householdByName(s, 'Gezin Visser')).id;
    const flooder = await loginAs(s.url, 'poh-jeugd');
    const a = new RawCollab(`${s.wsUrl}/collab/${visser}`, flooder.token);
    const b = new RawCollab(
      `${s.wsUrl}/collab/${visser}`,
      (await loginAs(s.url, 'jeugdconsulent')).token,
    );
    try {
      expect(await a.roundTrip()).toBe('synced');
      expect(await b.roundTrip()).toBe('synced');
      for (let i = 0; i < 5; i++) a.edit((doc) => doc.getMap('doelen').set(`early-${i}`, i));
      expect(await a.roundTrip()).toBe('synced');
      // Far more than the bucket holds, at once: the connection is closed partway.
      for (let i = 0; i < 100; i++) a.edit((doc) => doc.getMap('doelen').set(`flood-${i}`, i));
      expect(await a.closed()).toBe(1008);

      // The other connection was not touched and still edits.
      expect(await b.roundTrip()).toBe('synced');
      b.edit((doc) => doc.getMap('doelen').set('na', 1));
      expect(await b.roundTrip()).toBe('synced');
      expect(b.code()).toBe(-1);
      const stored = (await collab.readDoc(visser)).getMap('doelen').toJSON() as Record<
        string,
        number
      >;
      for (let i = 0; i < 5; i++) expect(stored[`early-${i}`]).toBe(i);
      expect(stored['na']).toBe(1);
      // At most the bucket's worth of messages was taken; anything after it was dropped whole.
      const flooded = Object.keys(stored).filter((k) => k.startsWith('flood-'));
      expect(flooded.length).toBeLessThan(burst);
      expect(stored['flood-99']).toBeUndefined();
      // What reached the other connection was stored: nothing relayed that is not.
      const relayed = Object.keys(b.doc.getMap('doelen').toJSON());
      expect(relayed.filter((k) => !(k in stored))).toEqual([]);

      await eventually(async () => {
        const rows = await auditRows(s, "event = 'collab.message' AND user_id = $1", [
          flooder.user.id,
        ]);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          outcome: 'refused',
          channel: 'collab',
          household_id: visser,
          part: 'plan',
        });
        expect(JSON.parse(rows[0]?.detail ?? '{}')).toMatchObject({
          code: 'rate.limited',
          closeCode: 1008,
        });
      });
    } finally {
      a.close();
      b.close();
    }
  });

  it('says why: close 1008 "te veel berichten", also for messages the server would ignore', async () => {
    const visser = (await householdByName(s, 'Gezin Visser')).id;
    const { token } = await loginAs(s.url, 'poh-jeugd');
    const ws = new WebSocket(`${s.wsUrl}/collab/${visser}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    ws.on('error', () => undefined);
    const closed = new Promise<[number, string]>((resolve) =>
      ws.on('close', (code, reason) => resolve([code, reason.toString()])),
    );
    // The server's sync step 1 arrives once the connection has joined the document.
    await new Promise((resolve) => ws.once('message', resolve));
    // Message type 9 is unknown and ignored, but still counted.
    for (let i = 0; i < burst + 10; i++) ws.send(Uint8Array.of(9));
    expect(await closed).toEqual([1008, 'te veel berichten']);
  });
});
