/**
 * The audit log (NEN 7513): what is recorded, who may read it, the inwoner's
 * access overview, and that tampering with any single record is found.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { AccessLogEntryDto, AuditEventDto, type ErrorDto } from '@spil/shared';
import { openDataSource } from '../../server/src/database/data-source';
import { hashRecord } from '../../server/src/modules/audit/audit-chain';
import {
  AuditWriter,
  queryOf,
  rowToRecord,
  verifyAuditChain,
} from '../../server/src/modules/audit/audit.writer';
import { createUser, householdByName } from '../factories';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import {
  type AuditRowLite,
  auditRows,
  auditSettled,
  captureLogs,
  ds,
  verifyAfterTamper,
} from './accountability-helpers';
import { RawCollab } from './collab-client';

const SERVER_DIR = resolve(__dirname, '../../server');

describe.each(databaseKinds())('audit log on %s', (kind) => {
  let s: TestServer;
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    s = await startTestServer(kind, { database: db, env: { INSTANCE_ID: 'spil-audit-test' } });
  });
  afterAll(async () => {
    await s?.stop();
    await db?.drop();
  });

  it('records reads, changes and refused attempts with the NEN 7513 fields', async () => {
    const huisarts = await loginAs(s.url, 'huisarts');
    const coord = await loginAs(s.url, 'coordinator');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const visser = await householdByName(s, 'Gezin Visser');

    expect(
      (await api(s.url, 'GET', `/api/households/${bakker.id}`, { token: huisarts.token })).status,
    ).toBe(200);
    expect(
      (await api(s.url, 'GET', `/api/households/${bakker.id}/team`, { token: huisarts.token }))
        .status,
    ).toBe(200);
    expect(
      (await api(s.url, 'GET', `/api/households/${visser.id}`, { token: huisarts.token })).status,
    ).toBe(404);
    expect((await api(s.url, 'GET', `/api/households/${bakker.id}`)).status).toBe(401);
    const prof = await createUser(s);
    expect(
      (
        await api(s.url, 'POST', `/api/households/${bakker.id}/team`, {
          token: coord.token,
          body: { userId: prof.id, role: 'meelezer' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(s.url, 'PATCH', `/api/households/${bakker.id}/team/${prof.id}`, {
          token: coord.token,
          body: { role: 'lid' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api(s.url, 'DELETE', `/api/households/${bakker.id}/team/${prof.id}`, {
          token: coord.token,
        })
      ).status,
    ).toBe(204);

    const rows = await auditRows(s, 'household_id = $1 OR (household_id = $2 AND user_id = $3)', [
      bakker.id,
      visser.id,
      huisarts.user.id,
    ]);
    const read = rows.find(
      (r) =>
        r.event === 'huishouden.read' && r.user_id === huisarts.user.id && r.outcome === 'success',
    );
    expect(read).toMatchObject({
      action: 'R',
      user_name: 'Pieter Hendriks',
      user_role: 'professional/huisarts/lid',
      organisation: 'Huisartsenpraktijk De Linde',
      on_behalf_of: 'Wijkteam Spilwijk-Oost',
      purpose: 'zorgverlening',
      channel: 'rest',
      source_instance: 'spil-audit-test',
      source_address: expect.stringMatching(/127\.0\.0\.1/) as unknown,
      household_id: bakker.id,
      part: 'huishouden',
    });
    expect(
      rows.some((r) => r.event === 'team.read' && r.part === 'team' && r.outcome === 'success'),
    ).toBe(true);
    expect(
      rows.find((r) => r.household_id === visser.id && r.user_id === huisarts.user.id),
    ).toMatchObject({ outcome: 'refused', action: 'R' });
    expect(rows.find((r) => r.household_id === bakker.id && r.user_id === null)).toMatchObject({
      outcome: 'refused',
      event: 'huishouden.read',
    });
    expect(
      rows
        .filter((r) => r.part === 'team' && r.user_id === coord.user.id)
        .map((r) => `${r.action}:${r.outcome}`),
    ).toEqual(expect.arrayContaining(['C:success', 'U:success', 'D:success']));
    // Nothing from the request itself beyond ids and routes ends up in a record.
    for (const r of rows) expect(r.detail ?? '').not.toMatch(/meelezer|"role"/);

    const logins = await auditRows(s, "event = 'auth.login' AND user_id = $1", [huisarts.user.id]);
    expect(logins.some((r) => r.outcome === 'success' && r.purpose === 'aanmelding')).toBe(true);
    await api(s.url, 'POST', '/api/auth/login', {
      body: { email: 'huisarts@demo.spil.test', password: 'fout' },
    });
    const refusedLogins = await auditRows(
      s,
      "event = 'auth.login' AND user_id = $1 AND outcome = 'refused'",
      [huisarts.user.id],
    );
    expect(refusedLogins.length).toBeGreaterThan(0);
  });

  it('lets the coördinator read the log of their wijkteam, records that reading, and refuses others', async () => {
    const coord = await loginAs(s.url, 'coordinator');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const res = await api<AuditEventDto[]>(
      s.url,
      'GET',
      `/api/audit?householdId=${bakker.id}&limit=50`,
      { token: coord.token },
    );
    expect(res.status).toBe(200);
    const events = res.body.map((e) => AuditEventDto.parse(e));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.householdId === bakker.id)).toBe(true);
    expect(events[0]!.seq).toBeGreaterThan(events[events.length - 1]!.seq);

    const reads = await auditRows(
      s,
      "event = 'logboek.read' AND user_id = $1 AND household_id = $2",
      [coord.user.id, bakker.id],
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]).toMatchObject({
      purpose: 'verantwoording',
      part: 'logboek',
      outcome: 'success',
    });

    const huisarts = await loginAs(s.url, 'huisarts');
    const forbidden = await api<ErrorDto>(s.url, 'GET', '/api/audit', { token: huisarts.token });
    expect(forbidden.status).toBe(403);
    await auditSettled(s);
    const refused = await auditRows(
      s,
      "part = 'logboek' AND user_id = $1 AND outcome = 'refused'",
      [huisarts.user.id],
    );
    expect(refused.length).toBeGreaterThan(0);

    // Filters: by user and time.
    const byUser = await api<AuditEventDto[]>(
      s.url,
      'GET',
      `/api/audit?userId=${huisarts.user.id}&from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`,
      {
        token: coord.token,
      },
    );
    expect(byUser.status).toBe(200);
    expect(byUser.body.every((e) => e.userId === huisarts.user.id)).toBe(true);

    // A coördinator of another wijkteam sees nothing of this one.
    const wt = await ds(s).query<{ id: string }[]>(
      `INSERT INTO wijkteam (name, wijk) VALUES ('Wijkteam Elders', 'Elders') RETURNING id`,
    );
    const other = await createUser(s, {
      systemRole: 'coordinator',
      discipline: 'coordinator',
      wijkteamId: wt[0]!.id,
    });
    const otherLogin = await loginAs(s.url, other.email, other.password);
    expect(
      (await api(s.url, 'GET', `/api/audit?householdId=${bakker.id}`, { token: otherLogin.token }))
        .status,
    ).toBe(404);
    const all = await api<AuditEventDto[]>(s.url, 'GET', '/api/audit', { token: otherLogin.token });
    expect(all.body).toEqual([]);

    // A beheerder sees every record, logins too.
    const beheerder = await createUser(s, {
      systemRole: 'beheerder',
      discipline: 'coordinator',
      wijkteamId: null,
    });
    const b = await loginAs(s.url, beheerder.email, beheerder.password);
    const everything = await api<AuditEventDto[]>(s.url, 'GET', '/api/audit?limit=5000', {
      token: b.token,
    });
    expect(everything.body.some((e) => e.event === 'auth.login')).toBe(true);
    const verify = await api<{ ok: boolean; count: number }>(s.url, 'GET', '/api/audit/verify', {
      token: b.token,
    });
    expect(verify.body.ok).toBe(true);
  });

  it('shows the inwoner, in plain Dutch and oldest first, who looked at their file, and nothing else', async () => {
    const huisarts = await loginAs(s.url, 'huisarts');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const jansen = await householdByName(s, 'Huishouden Jansen');
    await api(s.url, 'GET', `/api/households/${bakker.id}`, { token: huisarts.token });
    await api(s.url, 'GET', `/api/households/${jansen.id}`, { token: huisarts.token });
    const inwoner = await loginAs(s.url, 'inwoner');
    await api(s.url, 'GET', `/api/households/${bakker.id}`, { token: inwoner.token });

    const res = await api<AccessLogEntryDto[]>(s.url, 'GET', '/api/me/access-log', {
      token: inwoner.token,
    });
    expect(res.status).toBe(200);
    const log = res.body.map((e) => AccessLogEntryDto.parse(e));
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((e) => e.householdId === bakker.id)).toBe(true);
    expect(log.map((e) => e.at)).toEqual([...log.map((e) => e.at)].sort());
    expect(log.some((e) => e.who === inwoner.user.name)).toBe(false);
    const line = log.find(
      (e) =>
        e.who === 'Pieter Hendriks' && e.sentence.includes('de gegevens van uw huishouden bekeken'),
    );
    expect(line?.sentence).toMatch(
      /^Op \w+dag \d+ \w+ \d{4} om \d{2}:\d{2} heeft Pieter Hendriks \(Huisarts, Huisartsenpraktijk De Linde\) /,
    );
    expect(JSON.stringify(log)).not.toContain(jansen.id);

    const rows = await auditRows(s, "event = 'logboek.read' AND user_id = $1", [inwoner.user.id]);
    expect(rows[rows.length - 1]).toMatchObject({ purpose: 'inzage', household_id: bakker.id });

    expect((await api(s.url, 'GET', '/api/me/access-log', { token: huisarts.token })).status).toBe(
      403,
    );
  });

  it('records collab opens, edit sessions linked to the update log, refused updates and connections, and socket.io refusals', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const huisarts = await loginAs(s.url, 'huisarts');
    const wmo = await loginAs(s.url, 'wmo-consulent');
    const outsider = await loginAs(s.url, 'wijkverpleegkundige');

    const editor = new RawCollab(`${s.wsUrl}/collab/${bakker.id}`, huisarts.token);
    expect(await editor.roundTrip()).toBe('synced');
    for (let i = 0; i < 3; i++)
      editor.edit((doc) =>
        doc.getMap('huishouden').set(`audit-${i}`, new Y.Map<unknown>([['id', `audit-${i}`]])),
      );
    expect(await editor.roundTrip()).toBe('synced');
    editor.close();
    const reader = new RawCollab(`${s.wsUrl}/collab/${bakker.id}`, wmo.token);
    expect(await reader.roundTrip()).toBe('synced');
    reader.edit((doc) => doc.getMap('acties').set('mag-niet', new Y.Map<unknown>()));
    expect(await reader.roundTrip()).toBe('synced');
    reader.close();
    expect(
      await new RawCollab(`${s.wsUrl}/collab/${bakker.id}:medisch`, outsider.token).roundTrip(),
    ).toBe(4403);
    expect(await new RawCollab(`${s.wsUrl}/collab/${bakker.id}`, null).roundTrip()).toBe(4401);

    let edit: AuditRowLite | undefined;
    await eventually(async () => {
      const rows = await auditRows(s, "channel = 'collab' AND household_id = $1", [bakker.id]);
      expect(
        rows.find((r) => r.user_id === huisarts.user.id && r.event === 'plan.read'),
      ).toMatchObject({
        action: 'R',
        outcome: 'success',
        part: 'plan',
        user_role: 'professional/huisarts/lid',
      });
      edit = rows.find((r) => r.user_id === huisarts.user.id && r.event === 'plan.update');
      expect(edit).toMatchObject({ action: 'U', outcome: 'success' });
      expect(
        rows.find((r) => r.user_id === wmo.user.id && r.event === 'plan.update'),
      ).toMatchObject({ outcome: 'refused' });
      expect(rows.find((r) => r.user_id === outsider.user.id)).toMatchObject({
        outcome: 'refused',
        part: 'medisch',
        event: 'medisch.read',
        user_name: 'Marloes de Groot',
        user_role: 'professional/wijkverpleegkundige',
      });
      const anonymous = await auditRows(
        s,
        "channel = 'collab' AND user_id IS NULL AND outcome = 'refused'",
      );
      expect(anonymous.length).toBeGreaterThan(0);
      // The 4401 names the household that was asked for, like a 4403 does.
      const unauthenticated = rows.find((r) => r.user_id === null && r.outcome === 'refused');
      expect(unauthenticated).toMatchObject({ event: 'plan.read', part: 'plan', action: 'R' });
      expect(JSON.parse(unauthenticated?.detail ?? '{}')).toMatchObject({ code: 4401 });
    });
    const log = (
      JSON.parse(edit!.detail ?? '{}') as {
        updateLog: { docName: string; firstId: string; lastId: string; rows: number };
      }
    ).updateLog;
    expect(log).toMatchObject({ docName: bakker.id, rows: 3 });
    const linked = await ds(s).query<{ n: string }[]>(
      'SELECT count(*)::text AS n FROM plan_update WHERE doc_name = $1 AND id BETWEEN $2 AND $3 AND user_id = $4',
      [log.docName, log.firstId, log.lastId, huisarts.user.id],
    );
    expect(linked[0]!.n).toBe('3');

    // socket.io: a refused handshake and a refused subscription.
    const anon = io(`${s.url}/events`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    // Refused in the namespace middleware: the client gets connect_error and never connects.
    await new Promise<void>((resolve) => anon.on('connect_error', () => resolve()));
    const sock = io(`${s.url}/events`, {
      auth: { token: outsider.token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await eventually(async () => {
      const ack = (await sock
        .timeout(2000)
        .emitWithAck('plan:subscribe', { docName: `${bakker.id}:werk` })) as {
        error?: { code: string };
      };
      expect(ack.error?.code).toBe('household.not_found');
    });
    sock.close();
    await eventually(async () => {
      const rows = await auditRows(s, "channel = 'socket' AND outcome = 'refused'");
      expect(rows.some((r) => r.event === 'events.connect' && r.user_id === null)).toBe(true);
      expect(rows.find((r) => r.user_id === outsider.user.id)).toMatchObject({
        event: 'plan.subscribe',
        household_id: bakker.id,
        part: 'werk',
      });
    });
  });

  it('refuses to change or delete audit records, whoever asks', async () => {
    await auditSettled(s);
    const d = ds(s);
    await expect(d.query(`UPDATE audit_event SET user_name = 'x' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(d.query(`DELETE FROM audit_event WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(d.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    await expect(d.query(`UPDATE audit_chain_head SET seq = 0`)).rejects.toThrow(/forward/);
    await expect(d.query(`DELETE FROM audit_chain_head`)).rejects.toThrow(/forward/);
  });

  it('finds any single altered or deleted record, and names it', async () => {
    await auditSettled(s);
    const rows = await auditRows(s);
    expect(rows.length).toBeGreaterThan(20);
    const clean = await verifyAuditChain(queryOf(ds(s)));
    expect(clean).toMatchObject({ ok: true, count: rows.length });

    const columns: [string, string][] = [
      ['user_name', `'Iemand Anders'`],
      ['occurred_at', `occurred_at + interval '1 second'`],
      ['outcome', `CASE WHEN outcome = 'success' THEN 'refused' ELSE 'success' END`],
      ['household_id', `gen_random_uuid()`],
      ['detail', `'{"verzonnen":true}'`],
      ['event', `event || '.x'`],
      ['user_id', `gen_random_uuid()`],
      ['source_address', `'10.6.6.6'`],
      ['hash', `md5(hash) || md5(hash)`],
      ['prev_hash', `md5(prev_hash) || md5(prev_hash)`],
      ['purpose', `CASE WHEN purpose = 'beheer' THEN 'inzage' ELSE 'beheer' END`],
    ];
    let tampered = 0;
    for (const [i, row] of rows.entries()) {
      const seq = Number(row.seq);
      const [column, value] = columns[i % columns.length]!;
      const altered = await verifyAfterTamper(s, async (q) => {
        await q(`UPDATE audit_event SET "${column}" = ${value} WHERE seq = $1`, [row.seq]);
      });
      expect(altered, `altered ${column} of ${seq}`).toMatchObject({ ok: false, seq });
      const removed = await verifyAfterTamper(s, async (q) => {
        await q('DELETE FROM audit_event WHERE seq = $1', [row.seq]);
      });
      expect(removed, `deleted ${seq}`).toMatchObject({ ok: false, seq, problem: 'missing' });
      tampered += 2;
    }
    // A careful forger who also recomputes the altered record's hash is still caught at the next link (or the head).
    for (const row of [rows[0]!, rows[Math.floor(rows.length / 2)]!, rows[rows.length - 1]!]) {
      const seq = Number(row.seq);
      const result = await verifyAfterTamper(s, async (q) => {
        const [full] = await q<Parameters<typeof rowToRecord>[0]>(
          'SELECT * FROM audit_event WHERE seq = $1',
          [row.seq],
        );
        const forged = { ...rowToRecord(full!), userName: 'Vervalst' };
        await q('UPDATE audit_event SET user_name = $2, hash = $3 WHERE seq = $1', [
          row.seq,
          'Vervalst',
          hashRecord(forged),
        ]);
      });
      expect(result, `recomputed ${seq}`).toMatchObject({ ok: false, seq });
      tampered++;
    }
    console.log(
      `audit tamper detection (${kind}): ${tampered} single-record tamperings over ${rows.length} records, all detected`,
    );
    expect(await verifyAuditChain(queryOf(ds(s)))).toMatchObject({ ok: true });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    const writer = new AuditWriter(ds(s), 'second-writer');
    const coord = await loginAs(s.url, 'coordinator');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const extra = db ? await openDataSource({ url: db.url, embedded: false }) : null;
    try {
      const third = extra ? new AuditWriter(extra, 'third-instance') : writer;
      const record = {
        event: 'test.append',
        action: 'E' as const,
        outcome: 'success' as const,
        purpose: 'beheer' as const,
        channel: 'system' as const,
      };
      await Promise.all([
        ...Array.from({ length: 40 }, () => writer.append([record, record])),
        ...Array.from({ length: 40 }, () => third.append([record])),
        ...Array.from({ length: 20 }, () =>
          api(s.url, 'GET', `/api/households/${bakker.id}`, { token: coord.token }),
        ),
      ]);
    } finally {
      await extra?.destroy();
    }
    await auditSettled(s);
    const result = await verifyAuditChain(queryOf(ds(s)));
    expect(result.ok).toBe(true);
    const n = await ds(s).query<{ n: string; max: string }[]>(
      'SELECT count(*)::text AS n, max(seq)::text AS max FROM audit_event',
    );
    expect(n[0]!.n).toBe(n[0]!.max);
  });

  it('records the edit session of a connection still open when the server stops', async () => {
    // A server of its own (on a database of its own), so that it can be stopped here.
    const own = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    const logs = captureLogs();
    try {
      const server = await startTestServer(kind, { database: own });
      const huisarts = await loginAs(server.url, 'huisarts');
      const bakker = await householdByName(server, 'Gezin Bakker');
      const mw = await loginAs(server.url, 'maatschappelijk-werker');
      const editors = [huisarts, mw].map(
        (who) => new RawCollab(`${server.wsUrl}/collab/${bakker.id}`, who.token),
      );
      for (const [n, editor] of editors.entries()) {
        expect(await editor.roundTrip()).toBe('synced');
        for (let i = 0; i < 4; i++)
          editor.edit((doc) =>
            doc.getMap('doelen').set(`stop-${n}-${i}`, new Y.Map<unknown>([['id', `${n}-${i}`]])),
          );
        expect(await editor.roundTrip()).toBe('synced');
      }
      // One editor leaves as the server stops, the other is still connected and closed by the
      // shutdown: both sessions are written before the database goes.
      editors[1]!.close();
      await server.stop();
      editors[0]!.close();
      expect(logs.lines.filter((l) => /Audit (record|append)/.test(l))).toEqual([]);
      if (own) {
        const after = await openDataSource({ url: own.url, embedded: false });
        try {
          const rows = await after.query<{ detail: string; outcome: string }[]>(
            `SELECT detail, outcome FROM audit_event
              WHERE event = 'plan.update' AND channel = 'collab' AND user_id = ANY($1) AND household_id = $2`,
            [[huisarts.user.id, mw.user.id], bakker.id],
          );
          expect(rows.map((r) => r.outcome)).toEqual(['success', 'success']);
          for (const r of rows)
            expect(JSON.parse(r.detail)).toMatchObject({
              updateLog: { docName: bakker.id, rows: 4 },
            });
          expect(await verifyAuditChain(queryOf(after))).toMatchObject({ ok: true });
        } finally {
          await after.destroy();
        }
      }
    } finally {
      logs.restore();
      await own?.drop();
    }
  });

  it.runIf(kind === 'postgres')(
    'verifies from the command line and names the first altered record',
    async () => {
      await auditSettled(s);
      const env = {
        ...process.env,
        DATABASE_URL: db!.url,
        SWC_NODE_PROJECT: resolve(SERVER_DIR, 'tsconfig.json'),
      };
      const run = () =>
        spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/audit-verify.ts'], {
          cwd: SERVER_DIR,
          env,
          encoding: 'utf8',
          timeout: 60_000,
        });
      const ok = run();
      expect(ok.stdout, ok.stderr).toMatch(/^OK: \d+ records/m);
      expect(ok.status).toBe(0);
      // Really tamper (committed), then verify: exit 1 naming the record. The test database is dropped afterwards.
      const [victim] = await ds(s).query<{ seq: string }[]>(
        'SELECT seq FROM audit_event ORDER BY seq OFFSET 5 LIMIT 1',
      );
      await ds(s).query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await ds(s).query(`UPDATE audit_event SET user_name = 'Vervalst' WHERE seq = $1`, [
        victim!.seq,
      ]);
      await ds(s).query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
      const bad = run();
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(`record: ${victim!.seq}`);
    },
  );
});
