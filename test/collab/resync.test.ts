/**
 * An honest client is never cut off or reported as an attacker for what a
 * reconnect does to its messages: an update that does not follow on what the
 * server has of its sender (`gap`: an earlier one was lost with the old
 * connection) is dropped without a refusal, a log line or an audit record,
 * and the server asks the client for everything it lacks (sync step 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { CollabService, type RejectedUpdate } from '../../server/src/collab/collab.service';
import { auditRows } from '../api/accountability-helpers';
import { RawCollab, updateFrame } from '../api/collab-client';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { notesOf } from './helpers';

/** Whether a frame is a sync step 1 (message type 0, step 0). */
function isSyncStep1(frame: Uint8Array): boolean {
  const d = decoding.createDecoder(frame);
  return decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 0;
}

describe.each(databaseKinds())('honest resync on %s', (kind) => {
  let s: TestServer;
  let collab: CollabService;
  const rejected: RejectedUpdate[] = [];
  beforeAll(async () => {
    s = await startTestServer(kind);
    collab = s.app.get(CollabService);
    collab.onRejected((e) => {
      rejected.push(e);
    });
  });
  afterAll(async () => s?.stop());

  it('drops an update with a gap, asks for a resync and stores everything, with no refusal on record', async () => {
    const bakker = (await householdByName(s, 'Gezin Bakker')).id;
    const login = await loginAs(s.url, 'huisarts');
    const raw = new RawCollab(`${s.wsUrl}/collab/${bakker}`, login.token);
    try {
      expect(await raw.roundTrip()).toBe('synced');
      const before = collab.stats();
      // Two edits; the first is "lost with the old connection", only the second arrives.
      const updates: Uint8Array[] = [];
      const grab = (u: Uint8Array) => updates.push(u);
      raw.doc.on('update', grab);
      notesOf(raw.doc).insert(0, 'Eerste regel. ');
      notesOf(raw.doc).insert(0, 'Tweede regel. ');
      raw.doc.off('update', grab);
      expect(updates).toHaveLength(2);
      const framesBefore = raw.received.length;
      raw.send(updateFrame(updates[1] as Uint8Array));
      // The server answers with a sync step 1; RawCollab, like the stock client, answers with all the server lacks.
      await eventually(
        () => expect(raw.received.slice(framesBefore).some(isSyncStep1)).toBe(true),
        10_000,
      );
      await eventually(
        async () =>
          expect(notesOf(await collab.readDoc(bakker)).toJSON()).toBe(
            'Tweede regel. Eerste regel. ',
          ),
        10_000,
      );
      expect(await raw.roundTrip()).toBe('synced');
      expect(raw.code()).toBe(-1);
      expect(rejected.filter((r) => r.userId === login.user.id)).toEqual([]);
      const after = collab.stats();
      expect(after.rejected).toBe(before.rejected);
      expect(after.resyncs).toBeGreaterThan(before.resyncs);
      const refused = await auditRows(s, "user_id = $1 AND outcome = 'refused'", [login.user.id]);
      expect(refused).toEqual([]);
    } finally {
      raw.close();
    }
  });

  it('asks once while a resync is under way, and a stock-protocol answer still brings every edit', async () => {
    const jansen = (await householdByName(s, 'Huishouden Jansen')).id;
    const login = await loginAs(s.url, 'huisarts');
    const raw = new RawCollab(`${s.wsUrl}/collab/${jansen}`, login.token);
    try {
      expect(await raw.roundTrip()).toBe('synced');
      const updates: Uint8Array[] = [];
      const grab = (u: Uint8Array) => updates.push(u);
      raw.doc.on('update', grab);
      for (let i = 0; i < 6; i++) notesOf(raw.doc).insert(0, `${i} `);
      raw.doc.off('update', grab);
      const framesBefore = raw.received.length;
      // Every update but the first: five in a row that each have a gap.
      for (const u of updates.slice(1)) raw.send(updateFrame(u));
      await eventually(
        async () =>
          expect(notesOf(await collab.readDoc(jansen)).toJSON()).toBe(notesOf(raw.doc).toJSON()),
        10_000,
      );
      const asked = raw.received.slice(framesBefore).filter(isSyncStep1).length;
      expect(asked).toBeGreaterThanOrEqual(1);
      expect(asked).toBeLessThan(5);
      expect(raw.code()).toBe(-1);
      expect(rejected.filter((r) => r.userId === login.user.id)).toEqual([]);
      const stateOfServer = Y.encodeStateVector(await collab.readDoc(jansen));
      expect(Y.decodeStateVector(stateOfServer).get(raw.doc.clientID)).toBe(
        Y.decodeStateVector(Y.encodeStateVector(raw.doc)).get(raw.doc.clientID),
      );
    } finally {
      raw.close();
    }
  });
});
