/**
 * Appends audit records to the chain, and reads the chain back for
 * verification. A plain class over a DataSource so that the command-line
 * verifier uses the very same code as the server.
 *
 * Appends are serialised across instances: each batch runs in a transaction
 * that takes a transaction-scoped advisory lock and then locks the single
 * chain-head row, so two instances on one PostgreSQL never interleave.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AuditAction,
  AuditChannel,
  AuditOutcome,
  AuditPart,
  AuditPurpose,
} from '@spil/shared';
import {
  canonicalJson,
  chainValues,
  type ChainRecord,
  hashRecord,
  type StoredRecord,
  verifyChain,
  type VerifyResult,
} from './audit-chain';

/** Advisory lock key for appends ("7513"). */
const APPEND_LOCK = 75130001;
/** The audit_event columns in chain order (see chainValues), then the hash. */
const COLUMNS = [
  'seq',
  'id',
  'event',
  'action',
  'occurred_at',
  'outcome',
  'user_id',
  'user_name',
  'user_role',
  'organisation',
  'on_behalf_of',
  'purpose',
  'channel',
  'source_instance',
  'source_address',
  'household_id',
  'part',
  'detail',
  'prev_hash',
  'hash',
] as const;

/** What a caller states about an event; the writer adds id, seq and the hashes. */
export interface AuditRecordInput {
  /** Given by the spool, so a replayed record is recognised; otherwise made here. */
  id?: string;
  event: string;
  action: AuditAction;
  outcome: AuditOutcome;
  occurredAt?: Date;
  userId?: string | null;
  userName?: string | null;
  userRole?: string | null;
  organisation?: string | null;
  onBehalfOf?: string | null;
  purpose: AuditPurpose;
  channel: AuditChannel;
  sourceAddress?: string | null;
  householdId?: string | null;
  part?: AuditPart | null;
  /** Ids, counts, routes and codes only. Never names or free text. */
  detail?: Record<string, unknown> | null;
}

interface Row {
  seq: string;
  id: string;
  event: string;
  action: string;
  occurred_at: Date | string;
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
  prev_hash: string;
  hash: string;
}

export function rowToRecord(r: Row): StoredRecord {
  return {
    seq: Number(r.seq),
    id: r.id,
    event: r.event,
    action: r.action as ChainRecord['action'],
    occurredAt: r.occurred_at instanceof Date ? r.occurred_at : new Date(r.occurred_at),
    outcome: r.outcome as ChainRecord['outcome'],
    userId: r.user_id,
    userName: r.user_name,
    userRole: r.user_role,
    organisation: r.organisation,
    onBehalfOf: r.on_behalf_of,
    purpose: r.purpose as ChainRecord['purpose'],
    channel: r.channel as ChainRecord['channel'],
    sourceInstance: r.source_instance,
    sourceAddress: r.source_address,
    householdId: r.household_id,
    part: r.part as ChainRecord['part'],
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** A query function: a DataSource, an EntityManager or a test's own client. */
export type Query = <T = unknown>(sql: string, params?: unknown[]) => Promise<T[]>;

export function queryOf(target: DataSource | EntityManager): Query {
  return <T>(sql: string, params?: unknown[]) => target.query<T[]>(sql, params);
}

export class AuditWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly instanceId: string,
  ) {}

  /**
   * Append records in order, in one transaction. Returns them as stored.
   * `skipExisting`: leave out records whose id is already in the chain (a
   * spool replay that was interrupted after its commit).
   */
  async append(
    records: AuditRecordInput[],
    opts: { skipExisting?: boolean } = {},
  ): Promise<StoredRecord[]> {
    if (records.length === 0) return [];
    return this.ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      let inputs = records;
      if (opts.skipExisting) {
        const ids = records.map((r) => r.id).filter((id): id is string => !!id);
        const there = new Set(
          (
            await em.query<{ id: string }[]>(
              'SELECT id FROM audit_event WHERE id = ANY($1::uuid[])',
              [ids],
            )
          ).map((r) => r.id),
        );
        inputs = records.filter((r) => !r.id || !there.has(r.id));
        if (inputs.length === 0) return [];
      }
      const heads = await em.query<{ seq: string; hash: string }[]>(
        'SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE',
      );
      const head = heads[0];
      if (!head) throw new Error('audit chain head is missing');
      let seq = Number(head.seq);
      let prevHash = head.hash;
      const stored: StoredRecord[] = [];
      for (const input of inputs) {
        seq++;
        const record: ChainRecord = {
          seq,
          id: input.id ?? randomUUID(),
          event: input.event,
          action: input.action,
          occurredAt: input.occurredAt ?? new Date(),
          outcome: input.outcome,
          userId: input.userId ?? null,
          userName: input.userName ?? null,
          userRole: input.userRole ?? null,
          organisation: input.organisation ?? null,
          onBehalfOf: input.onBehalfOf ?? null,
          purpose: input.purpose,
          channel: input.channel,
          sourceInstance: this.instanceId,
          sourceAddress: input.sourceAddress ?? null,
          householdId: input.householdId ?? null,
          part: input.part ?? null,
          detail: input.detail ? canonicalJson(input.detail) : null,
          prevHash,
        };
        const hash = hashRecord(record);
        stored.push({ ...record, hash });
        prevHash = hash;
      }
      await insertRows(em, stored);
      await em.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1', [
        String(seq),
        prevHash,
      ]);
      return stored;
    });
  }
}

async function insertRows(em: EntityManager, records: StoredRecord[]): Promise<void> {
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const r of records) {
    const values = [...chainValues(r), r.hash];
    tuples.push(`(${values.map((v) => `$${params.push(v)}`).join(', ')})`);
  }
  await em.query(
    `INSERT INTO audit_event (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
    params,
  );
}

/** Read the whole chain in pages of `pageSize`, ordered by seq. */
export async function* chainPages(query: Query, pageSize = 5000): AsyncGenerator<StoredRecord[]> {
  let after = 0;
  for (;;) {
    const rows = await query<Row>(
      `SELECT ${COLUMNS.map((c) => `"${c}"`).join(', ')} FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [String(after), pageSize],
    );
    if (rows.length === 0) return;
    const page = rows.map(rowToRecord);
    yield page;
    after = (page[page.length - 1] as StoredRecord).seq;
    if (rows.length < pageSize) return;
  }
}

/** Verify the whole chain against its head. Names the first altered or missing record. */
export async function verifyAuditChain(query: Query): Promise<VerifyResult> {
  const heads = await query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_chain_head WHERE id = 1',
  );
  const head = heads[0] ? { seq: Number(heads[0].seq), hash: heads[0].hash } : null;
  return verifyChain(chainPages(query), head);
}

/**
 * Verify in one consistent snapshot (REPEATABLE READ), so appends made
 * meanwhile by running instances are neither half seen nor reported.
 */
export async function verifyAuditChainSnapshot(ds: DataSource): Promise<VerifyResult> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    const result = await verifyAuditChain(
      <T>(sql: string, params?: unknown[]) => runner.query(sql, params) as Promise<T[]>,
    );
    await runner.commitTransaction();
    return result;
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw e;
  } finally {
    await runner.release();
  }
}

export const AUDIT_COLUMNS = COLUMNS;
export type AuditRow = Row;
