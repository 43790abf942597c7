/**
 * Collab's metrics on `GET /metrics` (prom-client's default registry): open
 * documents, connections, updates received, refused by reason, check time,
 * commit time and batch size, time to confirmation, compaction backlog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { type Client, connect, coversOwnEdits, followStored, notesOf, synced } from './helpers';

/** The value of one sample line, e.g. `spil_collab_open_documents` or `name{label="x"}`; NaN when absent. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : NaN;
}

describe.each(databaseKinds())('collab metrics on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(async () => s?.stop());

  it('shows documents, connections, updates, refusals, check, commit and confirmation times on /metrics', async () => {
    const scrape = async () => (await fetch(`${s.url}/metrics`)).text();
    const before = await scrape();
    const bakker = (await householdByName(s, 'Gezin Bakker')).id;
    const editor = await loginAs(s.url, 'huisarts');
    const reader = await loginAs(s.url, 'coordinator');
    const follow = await followStored(s.url, editor.token, bakker);
    const clients: Client[] = [];
    try {
      const a = connect(s.wsUrl, editor.token, bakker);
      const r = connect(s.wsUrl, reader.token, bakker);
      clients.push(a, r);
      await Promise.all([synced(a), synced(r)]);
      for (let i = 0; i < 10; i++) notesOf(a.doc).insert(0, `${i} `);
      await eventually(
        () => expect(coversOwnEdits(follow.stored.at(-1), a.doc)).toBe(true),
        10_000,
      );
      const m = await scrape();
      expect(sample(m, 'spil_collab_open_documents')).toBeGreaterThanOrEqual(1);
      expect(sample(m, 'spil_collab_connections')).toBeGreaterThanOrEqual(2);
      expect(sample(m, 'spil_collab_updates_received_total')).toBeGreaterThanOrEqual(
        (sample(before, 'spil_collab_updates_received_total') || 0) + 10,
      );
      expect(sample(m, 'spil_collab_validation_seconds_count')).toBeGreaterThanOrEqual(10);
      expect(sample(m, 'spil_collab_commit_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(sample(m, 'spil_collab_commit_batch_rows_sum')).toBeGreaterThanOrEqual(10);
      expect(sample(m, 'spil_collab_confirmation_seconds_count')).toBeGreaterThanOrEqual(10);
      expect(sample(m, 'spil_collab_compaction_backlog_rows')).toBeGreaterThanOrEqual(1);
      expect(m).toMatch(/^# TYPE spil_collab_pending_writes gauge$/m);
      expect(m).toMatch(/^# TYPE spil_collab_resyncs_total counter$/m);

      // A reader's edit is refused: counted by reason.
      const refusedBefore =
        sample(m, 'spil_collab_updates_rejected_total{reason="read_only"}') || 0;
      notesOf(r.doc).insert(0, 'mag niet');
      await eventually(async () => {
        expect(
          sample(await scrape(), 'spil_collab_updates_rejected_total{reason="read_only"}'),
        ).toBeGreaterThan(refusedBefore);
      }, 10_000);
    } finally {
      follow.close();
      for (const c of clients) c.destroy();
    }
    await eventually(async () => {
      expect(sample(await scrape(), 'spil_collab_connections')).toBe(0);
    }, 15_000);
  });
});
