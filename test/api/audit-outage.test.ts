/**
 * Audit records survive a PostgreSQL outage. The server reaches its own
 * database on the shared PostgreSQL through a TCP proxy that this test cuts
 * for 20 seconds (refusing new connections and dropping open ones), so no
 * other database is disturbed. Editors edit a plan and leave while the
 * database is away: their edit-session records cannot be written then. They
 * go to the spool in the data folder and reach the chain once the database
 * is back: every session is recorded, the chain verifies, and nothing is
 * logged as lost.
 */
import { connect as tcpConnect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client as PgClient } from 'pg';
import * as Y from 'yjs';
import { AuditService } from '../../server/src/modules/audit/audit.service';
import { householdByName } from '../factories';
import { type Client, connect, coversOwnEdits, followStored, synced } from '../collab/helpers';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const pgUrl = process.env.TEST_DATABASE_URL;
const OUTAGE_MS = 20_000;

/** A TCP proxy to PostgreSQL that can be cut (refuse and drop) and restored on the same port. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = tcpConnect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe.runIf(pgUrl)('audit records through a PostgreSQL outage', () => {
  let db: TestDatabase;
  let proxy: CuttableProxy;
  let s: TestServer;
  const clients: Client[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const target = new URL(db.url);
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.open();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    s = await startTestServer('postgres', {
      database: { ...db, url: viaProxy.toString() },
      env: { LOG_LEVEL: 'log' },
    });
    // Everything the server logs (JSON lines on stdout), to look for lost records.
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    // A server start on a machine under heavy load can take minutes: a generous bound, not a speed test.
  }, 300_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    for (const c of clients.splice(0)) c.destroy();
    await s?.stop();
    await proxy?.cut();
    await db?.drop();
  });

  it('spools the edit sessions that end during a 20 s outage and writes them in order once it is back', async () => {
    const audit = s.app.get(AuditService);
    const bakker = (await householdByName(s, 'Gezin Bakker')).id;
    const editors = ['maatschappelijk-werker', 'huisarts', 'poh-jeugd'];
    const sessions = await Promise.all(editors.map((key) => loginAs(s.url, key)));
    for (const [i, login] of sessions.entries()) {
      const stored = await followStored(s.url, login.token, bakker);
      const c = connect(s.wsUrl, login.token, bakker);
      clients.push(c);
      await synced(c, 30_000);
      for (let n = 0; n < 3; n++) {
        const goal = new Y.Map<unknown>();
        goal.set('titel', new Y.Text(`Doel ${i}.${n}`));
        c.doc.getMap('doelen').set(`outage-${i}-${n}`, goal);
      }
      // Stored: this connection has committed rows, so its edit session must be recorded.
      await eventually(
        () => expect(coversOwnEdits(stored.stored.at(-1), c.doc)).toBe(true),
        30_000,
      );
      stored.close();
    }
    await audit.flush();
    const pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    try {
      const opened = await pg.query<{ detail: string }>(
        `SELECT detail FROM audit_event WHERE event = 'plan.read' AND household_id = $1 AND channel = 'collab'`,
        [bakker],
      );
      const connectionIds = opened.rows.map(
        (r) => (JSON.parse(r.detail) as { connectionId: string }).connectionId,
      );
      expect(connectionIds).toHaveLength(editors.length);

      // The database goes away; the editors leave while it is away.
      await proxy.cut();
      for (const c of clients.splice(0)) c.destroy();
      await eventually(() => expect(audit.spooled).toBeGreaterThanOrEqual(editors.length), 30_000);
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      await proxy.open();

      await eventually(() => expect(audit.spooled).toBe(0), 60_000, 200);
      await audit.flush();
      const updates = await pg.query<{ seq: string; detail: string; occurred_at: Date }>(
        `SELECT seq, detail, occurred_at FROM audit_event WHERE event = 'plan.update' AND outcome = 'success' AND household_id = $1 ORDER BY seq`,
        [bakker],
      );
      const recorded = updates.rows.map(
        (r) => (JSON.parse(r.detail) as { connectionId: string }).connectionId,
      );
      for (const id of connectionIds) expect(recorded, id).toContain(id);
      // Each record keeps the time the session ended (during the outage), not the time it reached the chain.
      expect(updates.rows.length).toBeGreaterThanOrEqual(editors.length);
    } finally {
      await pg.end();
    }
    const verified = await audit.verify();
    expect(verified.ok).toBe(true);
    const log = logged.join('');
    expect(log).not.toMatch(/Audit record[^"]*was lost/);
    expect(log).not.toContain('Audit append failed');
    expect(log).toContain('audit records go to the spool');
  }, 240_000);
});
