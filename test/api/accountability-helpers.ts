/**
 * Helpers for the audit, privacy, authorisation-matrix and fuzz tests.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { PlanDoc } from '@spil/shared';
import type { SpilInstance } from '../../server/src/bootstrap';
import { AuditService } from '../../server/src/modules/audit/audit.service';
import { type Query, verifyAuditChain } from '../../server/src/modules/audit/audit.writer';
import type { VerifyResult } from '../../server/src/modules/audit/audit-chain';
import { addToTeam, createUser } from '../factories';
import { api, loginAs } from '../support/http';

export function ds(spil: SpilInstance): DataSource {
  return spil.app.get(DataSource);
}

/** Wait until every audit record queued so far is stored. */
export async function auditSettled(spil: SpilInstance): Promise<void> {
  await spil.app.get(AuditService).flush();
}

export interface AuditRowLite {
  seq: string;
  event: string;
  action: string;
  outcome: string;
  user_id: string | null;
  user_name: string | null;
  user_role: string | null;
  organisation: string | null;
  on_behalf_of: string | null;
  purpose: string;
  channel: string;
  source_instance: string;
  source_address: string | null;
  household_id: string | null;
  part: string | null;
  detail: string | null;
}

export async function auditRows(
  spil: SpilInstance,
  where = 'TRUE',
  params: unknown[] = [],
): Promise<AuditRowLite[]> {
  await auditSettled(spil);
  return ds(spil).query<AuditRowLite[]>(
    `SELECT * FROM audit_event WHERE ${where} ORDER BY seq`,
    params,
  );
}

/**
 * Run `tamper` with the append-only trigger switched off, verify the chain in
 * the same transaction, and roll everything back: the log is untouched
 * afterwards, so every row can be tried in turn.
 */
export async function verifyAfterTamper(
  spil: SpilInstance,
  tamper: (q: Query) => Promise<void>,
): Promise<VerifyResult> {
  await auditSettled(spil);
  const runner = ds(spil).createQueryRunner();
  await runner.connect();
  const q: Query = <T>(sql: string, params?: unknown[]) =>
    runner.query(sql, params) as Promise<T[]>;
  try {
    await runner.startTransaction();
    await q('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await tamper(q);
    await q('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    return await verifyAuditChain(q);
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

/** Every text-like value in every table, searched for `needle`: table.column names where it was found. */
export async function findTextAnywhere(spil: SpilInstance, needle: string): Promise<string[]> {
  const d = ds(spil);
  const cols = await d.query<{ table_name: string; column_name: string; data_type: string }[]>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')`,
  );
  const hits: string[] = [];
  for (const c of cols) {
    const col = `"${c.column_name}"`;
    const expr =
      c.data_type === 'bytea'
        ? `position(convert_to($1, 'UTF8') in ${col}) > 0`
        : `${col}::text LIKE '%' || $1 || '%'`;
    const rows = await d.query<{ n: string }[]>(
      `SELECT count(*)::text AS n FROM "${c.table_name}" WHERE ${expr}`,
      [needle],
    );
    if (Number(rows[0]?.n ?? 0) > 0) hits.push(`${c.table_name}.${c.column_name}`);
  }
  return hits;
}

/** A deterministic PRNG (mulberry32), so a failing fuzz run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* ---------- a household full of canaries ---------- */

export const tag = (): string => randomBytes(6).toString('hex').toUpperCase();

export type CanaryKey =
  | 'household'
  | 'member'
  | 'plan'
  | 'medisch'
  | 'werk'
  | 'overleg'
  | 'regie'
  | 'consent'
  | 'meeting'
  | 'account';
export type ActorKey =
  | 'coordinator'
  | 'regiehouder'
  | 'huisarts'
  | 'meelezer'
  | 'inwoner'
  | 'removed'
  | 'outsider'
  | 'otherCoordinator'
  | 'expired'
  | 'forged'
  | 'anonymous';

export interface CanaryHousehold {
  id: string;
  meetingId: string;
  canary: Record<CanaryKey, string>;
  /** Bearer tokens; null for the anonymous caller. */
  tokens: Record<ActorKey, string | null> &
    Record<
      'coordinator' | 'regiehouder' | 'huisarts' | 'meelezer' | 'inwoner' | 'outsider',
      string
    >;
  userIds: Partial<Record<ActorKey, string>>;
  inwonerEmail: string;
  inwonerPassword: string;
}

/** Store a Yjs document the way collab does: one row per update in `plan_update`, or a snapshot. */
export async function storeDoc(
  s: SpilInstance,
  docName: string,
  build: (doc: Y.Doc) => void,
  snapshot = false,
): Promise<void> {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  build(doc);
  if (snapshot) {
    await ds(s).query(
      'INSERT INTO plan_snapshot (doc_name, state, last_update_id) VALUES ($1, $2, 0)',
      [docName, Buffer.from(Y.encodeStateAsUpdate(doc))],
    );
  } else {
    for (const u of updates)
      await ds(s).query('INSERT INTO plan_update (doc_name, "update") VALUES ($1, $2)', [
        docName,
        Buffer.from(u),
      ]);
  }
  doc.destroy();
}

export function richText(doc: Y.Doc, root: string, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(root).insert(0, [p]);
}

async function signToken(
  secret: string,
  sub: string,
  sid: string,
  expiresAt: number,
): Promise<string> {
  return new SignJWT({ sid })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

/**
 * A new household with a unique canary string in each kind of data: the
 * household itself, a member, the plan, the medical and working notes, an
 * overleg's notes, regie, consent, a meeting and the inwoner's account. The
 * team: regiehouder (maatschappelijk werker, lid), huisarts (lid, medical),
 * meelezer (Wmo-consulent), an inwoner; a professional who was removed; an
 * outsider of the same wijkteam; a coördinator of another wijkteam; and an
 * expired and a forged token.
 */
export async function createCanaryHousehold(
  s: SpilInstance & { url: string },
): Promise<CanaryHousehold> {
  const t = tag();
  const canary: Record<CanaryKey, string> = {
    household: `Gezin Kanarie${t}`,
    member: `Kanariekind${t}`,
    plan: `PLANKANARIE-${t}`,
    medisch: `MEDISCHKANARIE-${t}`,
    werk: `WERKKANARIE-${t}`,
    overleg: `OVERLEGKANARIE-${t}`,
    regie: `REGIEKANARIE-${t}`,
    consent: `TOESTEMMINGKANARIE-${t}`,
    meeting: `OVERLEGTITELKANARIE-${t}`,
    account: `Inwoner Kanarie${t}`,
  };
  const coord = await loginAs(s.url, 'coordinator');
  const created = await api<{ id: string }>(s.url, 'POST', '/api/households', {
    token: coord.token,
    body: {
      reference: `SPW-K-${t}`,
      displayName: canary.household,
      wijk: 'Oosterpark',
      members: [{ firstName: canary.member, birthYear: 2015, relation: 'zoon' }],
    },
  });
  if (created.status !== 201) throw new Error(`household not created: ${created.status}`);
  const id = created.body.id;
  const mw = await loginAs(s.url, 'maatschappelijk-werker');
  const huisarts = await loginAs(s.url, 'huisarts');
  const wmo = await loginAs(s.url, 'wmo-consulent');
  const outsider = await loginAs(s.url, 'jeugdconsulent');
  const leaver = await createUser(s, { name: 'Vertrokken Professional' });
  for (const [userId, role] of [
    [mw.user.id, 'lid'],
    [huisarts.user.id, 'lid'],
    [wmo.user.id, 'meelezer'],
    [leaver.id, 'lid'],
  ] as const) {
    const r = await api(s.url, 'POST', `/api/households/${id}/team`, {
      token: coord.token,
      body: { userId, role },
    });
    if (r.status !== 201) throw new Error(`team member not added: ${r.status}`);
  }
  const removed = await loginAs(s.url, leaver.email, leaver.password);
  if (
    (await api(s.url, 'DELETE', `/api/households/${id}/team/${leaver.id}`, { token: coord.token }))
      .status !== 204
  )
    throw new Error('member not removed');

  const inwonerPassword = `pw-${t}`;
  const inwoner = await createUser(s, {
    name: canary.account,
    systemRole: 'inwoner',
    discipline: 'inwoner',
    domain: null,
    organisation: canary.household,
    password: inwonerPassword,
  });
  await addToTeam(s, id, inwoner.id, 'inwoner');
  const inw = await loginAs(s.url, inwoner.email, inwonerPassword);

  const wt = await ds(s).query<{ id: string }[]>(
    `INSERT INTO wijkteam (name, wijk) VALUES ($1, 'Elders') RETURNING id`,
    [`Wijkteam Elders ${t}`],
  );
  const otherCoord = await createUser(s, {
    systemRole: 'coordinator',
    discipline: 'coordinator',
    wijkteamId: wt[0]!.id,
  });
  const other = await loginAs(s.url, otherCoord.email, otherCoord.password);

  // Other modules' data, through their own endpoints.
  await api(s.url, 'PUT', `/api/households/${id}/regie`, {
    token: coord.token,
    body: { userId: mw.user.id, reason: canary.regie },
  });
  await api(s.url, 'POST', `/api/households/${id}/consents`, {
    token: mw.token,
    body: {
      givenBy: 'inwoner',
      givenByName: 'Inwoner',
      informationKinds: ['medisch'],
      sharedWithDomains: ['medisch'],
      purpose: canary.consent,
      validFrom: new Date().toISOString().slice(0, 10),
    },
  });
  const meeting = await api<{ id: string }>(s.url, 'POST', `/api/households/${id}/meetings`, {
    token: mw.token,
    body: {
      kind: 'casusoverleg',
      title: canary.meeting,
      date: '2030-01-15',
      time: '10:00',
      durationMinutes: 60,
      location: 'Wijkcentrum',
      agenda: [],
    },
  });
  const meetingId =
    meeting.status === 201 ? meeting.body.id : '00000000-0000-4000-8000-000000000001';

  await storeDoc(s, id, (doc) => {
    const plan = new PlanDoc(doc);
    richText(doc, 'situatie', `De situatie: ${canary.plan}`);
    const actie = plan.addActie({ titel: `Actie ${canary.plan}`, eigenaarId: mw.user.id });
    plan.addStatusUpdate(actie, {
      auteurId: mw.user.id,
      auteurNaam: 'Johan Kuipers',
      tekst: `Terugkoppeling ${canary.plan}`,
      status: 'bezig',
    });
  });
  await storeDoc(s, `${id}:medisch`, (doc) =>
    richText(doc, 'notities', `Medisch: ${canary.medisch}`),
  );
  await storeDoc(
    s,
    `${id}:werk`,
    (doc) => doc.getMap('notities').set('n1', `Werk: ${canary.werk}`),
    true,
  );
  await storeDoc(s, `${id}:overleg:${meetingId}`, (doc) =>
    doc.getText('notulen').insert(0, `Overleg: ${canary.overleg}`),
  );

  const secret = s.config.AUTH_SECRET ?? '';
  const sid = (
    JSON.parse(Buffer.from(huisarts.token.split('.')[1] ?? '', 'base64url').toString()) as {
      sid: string;
    }
  ).sid;
  const expired = await signToken(
    secret,
    huisarts.user.id,
    sid,
    Math.floor(Date.now() / 1000) - 3600,
  );
  const forged = await signToken(
    'x'.repeat(48),
    huisarts.user.id,
    sid,
    Math.floor(Date.now() / 1000) + 3600,
  );

  return {
    id,
    meetingId,
    canary,
    tokens: {
      coordinator: coord.token,
      regiehouder: mw.token,
      huisarts: huisarts.token,
      meelezer: wmo.token,
      inwoner: inw.token,
      removed: removed.token,
      outsider: outsider.token,
      otherCoordinator: other.token,
      expired,
      forged,
      anonymous: null,
    },
    userIds: {
      coordinator: coord.user.id,
      regiehouder: mw.user.id,
      huisarts: huisarts.user.id,
      meelezer: wmo.user.id,
      inwoner: inwoner.id,
      removed: leaver.id,
      outsider: outsider.user.id,
    },
    inwonerEmail: inwoner.email,
    inwonerPassword,
  };
}

/** Capture everything written to stdout, stderr and the console from now on (the server runs in this process). */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const restore: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    const original = Object.getOwnPropertyDescriptor(stream, 'write');
    stream.write = (chunk: unknown, ...rest: unknown[]): boolean => {
      lines.push(String(chunk));
      return Reflect.apply(write, stream, [chunk, ...rest]) as boolean;
    };
    restore.push(() => {
      if (original) Object.defineProperty(stream, 'write', original);
      else Reflect.deleteProperty(stream, 'write');
    });
  }
  for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
    const original = console[method].bind(console);
    const descriptor = Object.getOwnPropertyDescriptor(console, method);
    console[method] = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      original(...args);
    };
    restore.push(() => {
      if (descriptor) Object.defineProperty(console, method, descriptor);
    });
  }
  return { lines, restore: () => restore.reverse().forEach((r) => r()) };
}
