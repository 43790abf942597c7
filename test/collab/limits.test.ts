/** COLLAB_MAX_DOC_BYTES: an update that would make the stored document too large is refused; smaller edits go on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollabService, type RejectedUpdate } from '../../server/src/collab/collab.service';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { connect, synced } from './helpers';

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
      a.doc.getText('notes').insert(0, 'x'.repeat(100 * 1024));
      await eventually(
        () => expect(rejected.map((r) => r.reason)).toContain('doc_too_large'),
        10_000,
      );
      expect((await collab.readDoc(visser)).getText('notes').length).toBe(0);
      b.doc.getText('notes').insert(0, 'klein');
      await eventually(
        async () => expect((await collab.readDoc(visser)).getText('notes').toJSON()).toBe('klein'),
        10_000,
      );
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});
