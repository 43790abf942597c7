/**
 * AVG: the inzage export (JSON and a readable document), and the retention
 * purge after which no deleted text is left anywhere in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorDto, HouseholdExportDto } from '@spil/shared';
import { PrivacyService } from '../../server/src/modules/privacy/privacy.service';
import { queryOf, verifyAuditChain } from '../../server/src/modules/audit/audit.writer';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import {
  auditRows,
  auditSettled,
  type CanaryHousehold as Fixture,
  createCanaryHousehold as setUp,
  ds,
  findTextAnywhere,
  tag,
} from './accountability-helpers';

describe.each(databaseKinds())('privacy on %s', (kind) => {
  let s: TestServer;
  let f: Fixture;
  beforeAll(async () => {
    s = await startTestServer(kind, { env: { RETENTION_CHECK_SECONDS: '0' } });
    f = await setUp(s);
  });
  afterAll(async () => s?.stop());

  it('exports all data the inwoner may see, as JSON, and leaves out the professionals’ notes', async () => {
    const res = await api<HouseholdExportDto>(s.url, 'GET', `/api/households/${f.id}/export`, {
      token: f.tokens.inwoner,
    });
    expect(res.status).toBe(200);
    const x = HouseholdExportDto.parse(res.body);
    const text = JSON.stringify(x);
    expect(x.household.displayName).toBe(f.canary.household);
    expect(x.members[0]?.firstName).toBe(f.canary.member);
    expect(x.documents.map((d) => d.kind)).toContain('plan');
    expect(text).toContain(f.canary.plan);
    for (const hidden of [f.canary.medisch, f.canary.werk]) expect(text).not.toContain(hidden);
    expect(x.notes.join(' ')).toMatch(/werkaantekeningen/);
    expect(x.team.some((t) => t.role === 'meelezer')).toBe(true);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('gives the regiehouder the working notes, and the huisarts (a member, not regiehouder) no export', async () => {
    const res = await api<HouseholdExportDto>(s.url, 'GET', `/api/households/${f.id}/export`, {
      token: f.tokens.regiehouder,
    });
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).toContain(f.canary.werk);
    expect(text).toContain(f.canary.plan);
    expect(text).not.toContain(f.canary.medisch);
    // Every section of the household is in it, including the history of regie handover offers.
    expect(Object.keys(res.body.sections)).toEqual(
      expect.arrayContaining(['regie', 'regie-overdrachten', 'toestemmingen', 'overleggen']),
    );
    expect(
      (
        await api<ErrorDto>(s.url, 'GET', `/api/households/${f.id}/export`, {
          token: f.tokens.huisarts,
        })
      ).body.code,
    ).toBe('export.forbidden');
    expect(
      (await api(s.url, 'GET', `/api/households/${f.id}/export`, { token: f.tokens.meelezer }))
        .status,
    ).toBe(403);
    const outsider = await api<ErrorDto>(s.url, 'GET', `/api/households/${f.id}/export`, {
      token: f.tokens.outsider,
    });
    expect(outsider.status).toBe(404);
    expect(JSON.stringify(outsider.body)).not.toContain(f.canary.household);
    expect((await api(s.url, 'GET', `/api/households/${f.id}/export`)).status).toBe(401);
  });

  it('renders a readable Dutch document with every value escaped', async () => {
    const coord = await loginAs(s.url, 'coordinator');
    await api(s.url, 'POST', `/api/households`, {
      token: coord.token,
      body: {
        reference: `SPW-X-${tag()}`,
        displayName: 'Gezin <script>alert(1)</script>',
        wijk: 'Oosterpark',
      },
    });
    const res = await fetch(`${s.url}/api/households/${f.id}/export?format=html`, {
      headers: { authorization: `Bearer ${f.tokens.inwoner}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const html = await res.text();
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).toContain(`Inzage in het dossier van ${f.canary.household}`);
    for (const h of [
      'Gezinsleden',
      'Casusteam',
      'Plan van aanpak',
      'Wie heeft dit dossier ingezien',
    ])
      expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain(f.canary.plan);
    expect(html).not.toContain(f.canary.werk);
    expect(html).not.toMatch(/<script/i);

    const xss = await api<{ id: string }[]>(s.url, 'GET', '/api/households', {
      token: coord.token,
    });
    const evil = (xss.body as unknown as { id: string; displayName: string }[]).find((h) =>
      h.displayName.includes('<script>'),
    );
    const evilHtml = await (
      await fetch(`${s.url}/api/households/${evil!.id}/export?format=html`, {
        headers: { authorization: `Bearer ${coord.token}` },
      })
    ).text();
    expect(evilHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evilHtml).not.toMatch(/<script/i);
  });

  it('audits every export, and refused ones', async () => {
    const rows = await auditRows(s, "event = 'export.read' AND household_id = $1", [f.id]);
    expect(
      rows.some(
        (r) =>
          r.outcome === 'success' &&
          (JSON.parse(r.detail ?? '{}') as { format?: string }).format === 'html',
      ),
    ).toBe(true);
    expect(rows.some((r) => r.outcome === 'success' && r.purpose === 'inzage')).toBe(true);
    expect(rows.filter((r) => r.outcome === 'refused').length).toBeGreaterThanOrEqual(3);
  });

  it('purges a household closed longer than the retention period, leaving no deleted text anywhere', async () => {
    const privacy = s.app.get(PrivacyService);
    const present = new Map<string, string[]>();
    for (const [name, canary] of Object.entries(f.canary))
      present.set(name, await findTextAnywhere(s, canary));
    for (const name of ['household', 'member', 'plan', 'medisch', 'werk', 'overleg', 'account']) {
      expect(present.get(name), `${name} stored before the purge`).not.toEqual([]);
    }
    const stored = [...present].filter(([, where]) => where.length > 0).map(([name]) => name);
    console.log(
      `purge (${kind}): canaries stored before the purge: ${[...present].map(([n, w]) => `${n} in ${w.join('+') || 'nowhere'}`).join('; ')}`,
    );

    // Not closed: nothing happens. Closed: the clock starts; only after RETENTION_DAYS is it purged.
    const now = new Date();
    const ours = async (at: Date) =>
      (await privacy.purgeDue(at)).filter((r) => r.householdId === f.id);
    expect(await ours(now)).toEqual([]);
    await ds(s).query(`UPDATE household SET phase = 'afgesloten' WHERE id = $1`, [f.id]);
    expect(await ours(now)).toEqual([]);
    expect(await ours(new Date(now.getTime() + 364 * 86_400_000))).toEqual([]);
    const reports = await ours(new Date(now.getTime() + 366 * 86_400_000));
    expect(reports.map((r) => r.householdId)).toEqual([f.id]);
    expect(reports[0]!.accounts).toBe(1);
    expect(reports[0]!.rows).toMatchObject({
      household: 1,
      plan_update: expect.any(Number) as unknown,
      plan_snapshot: 1,
    });

    for (const name of stored) {
      expect(
        await findTextAnywhere(s, f.canary[name as keyof Fixture['canary']]),
        `${name} after the purge`,
      ).toEqual([]);
    }
    expect(await findTextAnywhere(s, f.id.slice(0, 8) + f.canary.plan)).toEqual([]);
    const leftovers = await ds(s).query<{ n: string }[]>(
      `SELECT count(*)::text AS n FROM plan_update WHERE doc_name = $1 OR doc_name LIKE $2`,
      [f.id, `${f.id}:%`],
    );
    expect(leftovers[0]!.n).toBe('0');

    // The inwoner's account went with it; the audit log stayed, intact, with the purge in it.
    expect(
      (
        await api(s.url, 'POST', '/api/auth/login', {
          body: { email: f.inwonerEmail, password: f.inwonerPassword },
        })
      ).status,
    ).toBe(401);
    expect(
      (await api(s.url, 'GET', `/api/households/${f.id}`, { token: f.tokens.regiehouder })).status,
    ).toBe(404);
    await auditSettled(s);
    const audit = await auditRows(s, 'household_id = $1', [f.id]);
    expect(audit.length).toBeGreaterThan(5);
    expect(audit.find((r) => r.event === 'huishouden.delete')).toMatchObject({
      action: 'D',
      user_name: 'Spil',
      purpose: 'bewaartermijn',
      channel: 'system',
    });
    expect(await verifyAuditChain(queryOf(ds(s)))).toMatchObject({ ok: true });

    if (kind === 'postgres') {
      // The rewritten table files hold no trace either (after a checkpoint, so nothing waits in memory).
      await ds(s).query('CHECKPOINT');
      for (const name of stored) {
        const needle = f.canary[name as keyof Fixture['canary']];
        const files = await ds(s).query<{ relname: string }[]>(
          `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE (n.nspname = current_schema() OR n.nspname = 'pg_toast') AND c.relkind IN ('r', 't', 'i')
              AND pg_relation_filepath(c.oid) IS NOT NULL AND pg_relation_size(c.oid) > 0
              AND position(convert_to($1, 'UTF8') in pg_read_binary_file(pg_relation_filepath(c.oid))) > 0`,
          [needle],
        );
        expect(
          files.map((r) => r.relname),
          `${name} in table files`,
        ).toEqual([]);
      }
    }
  });

  it('purges at once a household whose afsluiting lies beyond the retention period', async () => {
    const again = await setUp(s);
    const [closure] = await ds(s).query<{ column_name: string }[]>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'household_closure' AND column_name = 'kind'`,
    );
    if (!closure) return;
    const coord = await loginAs(s.url, 'coordinator');
    const me = await api<{ id: string }>(s.url, 'GET', '/api/auth/me', { token: coord.token });
    await ds(s).query(`UPDATE household SET phase = 'afgesloten' WHERE id = $1`, [again.id]);
    await ds(s).query(
      `INSERT INTO household_closure (household_id, kind, reason, phase, by_user, at) VALUES ($1, 'gesloten', 'Klaar', 'afgesloten', $2, now() - interval '400 days')`,
      [again.id, me.body.id],
    );
    const reports = await s.app.get(PrivacyService).purgeDue(new Date());
    expect(reports.map((r) => r.householdId)).toContain(again.id);
    expect(await findTextAnywhere(s, again.canary.plan)).toEqual([]);
    expect(await findTextAnywhere(s, again.canary.household)).toEqual([]);
  });
});
