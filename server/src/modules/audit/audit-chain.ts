/**
 * The hash chain that makes the audit log tamper-evident. Each record's hash
 * is sha256 over a canonical serialisation of all its fields, its sequence
 * number and the previous record's hash; the chain head (last seq and hash)
 * is kept in a row of its own so that a deleted last record is found too.
 *
 * Pure functions only: the writer, the verifier and the tests share them.
 */
import { createHash } from 'node:crypto';
import type {
  AuditAction,
  AuditChannel,
  AuditOutcome,
  AuditPart,
  AuditPurpose,
} from '@spil/shared';

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);
/** Bump when the serialisation changes; old records keep verifying under their own version. */
const CHAIN_VERSION = 'spil-audit-v1';

/** Every field of a stored audit record, as the chain sees it. */
export interface ChainRecord {
  seq: number;
  id: string;
  event: string;
  action: AuditAction;
  occurredAt: Date;
  outcome: AuditOutcome;
  userId: string | null;
  userName: string | null;
  userRole: string | null;
  organisation: string | null;
  onBehalfOf: string | null;
  purpose: AuditPurpose;
  channel: AuditChannel;
  sourceInstance: string;
  sourceAddress: string | null;
  householdId: string | null;
  part: AuditPart | null;
  /** Canonical JSON (see `canonicalJson`) or null. */
  detail: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so equal values always serialise to equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * A record's fields in their fixed chain order: the order they are hashed in
 * and the order of the audit_event columns (which add `hash` at the end).
 */
export function chainValues(r: ChainRecord): (string | null)[] {
  return [
    String(r.seq),
    r.id,
    r.event,
    r.action,
    r.occurredAt.toISOString(),
    r.outcome,
    r.userId,
    r.userName,
    r.userRole,
    r.organisation,
    r.onBehalfOf,
    r.purpose,
    r.channel,
    r.sourceInstance,
    r.sourceAddress,
    r.householdId,
    r.part,
    r.detail,
    r.prevHash,
  ];
}

/** The exact text that is hashed: a JSON array in a fixed field order. */
export function serialiseRecord(r: ChainRecord): string {
  return JSON.stringify([CHAIN_VERSION, ...chainValues(r)]);
}

export function hashRecord(r: ChainRecord): string {
  return createHash('sha256').update(serialiseRecord(r), 'utf8').digest('hex');
}

export type VerifyProblem = 'altered' | 'missing';

export type VerifyResult =
  | { ok: true; count: number; headSeq: number; headHash: string }
  | { ok: false; seq: number; problem: VerifyProblem; message: string; checked: number };

/** A stored record with its stored hash. */
export type StoredRecord = ChainRecord & { hash: string };

/**
 * Walk the chain in order and name the first record that was altered or is
 * missing. `pages` yields the records ordered by seq; `head` is the stored
 * chain head (null when the head row itself is gone).
 */
export async function verifyChain(
  pages: AsyncIterable<StoredRecord[]>,
  head: { seq: number; hash: string } | null,
): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for await (const page of pages) {
    for (const r of page) {
      if (r.seq !== expectedSeq) {
        return {
          ok: false,
          seq: expectedSeq,
          problem: 'missing',
          message: `Record ${expectedSeq} ontbreekt (na record ${expectedSeq - 1} volgt record ${r.seq}).`,
          checked,
        };
      }
      if (r.prevHash !== prevHash) {
        // This record points at another predecessor than the one stored: the predecessor was altered
        // (and its own hash recomputed), or this record's link was.
        const culprit = hashRecord(r) === r.hash && expectedSeq > 1 ? expectedSeq - 1 : expectedSeq;
        return {
          ok: false,
          seq: culprit,
          problem: 'altered',
          message: `Record ${culprit} is gewijzigd (de keten breekt bij record ${expectedSeq}).`,
          checked,
        };
      }
      if (hashRecord(r) !== r.hash) {
        return {
          ok: false,
          seq: r.seq,
          problem: 'altered',
          message: `Record ${r.seq} is gewijzigd.`,
          checked,
        };
      }
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
  }
  const lastSeq = expectedSeq - 1;
  if (!head) {
    return {
      ok: false,
      seq: lastSeq + 1,
      problem: 'missing',
      message: 'De kop van de keten ontbreekt.',
      checked,
    };
  }
  if (head.seq > lastSeq) {
    return {
      ok: false,
      seq: lastSeq + 1,
      problem: 'missing',
      message: `Record ${lastSeq + 1} ontbreekt (de keten hoort tot record ${head.seq} te lopen).`,
      checked,
    };
  }
  if (head.seq < lastSeq || head.hash !== prevHash) {
    return {
      ok: false,
      seq: head.seq < lastSeq ? head.seq + 1 : lastSeq,
      problem: 'altered',
      message: `De kop van de keten (record ${head.seq}) klopt niet met de records.`,
      checked,
    };
  }
  return { ok: true, count: checked, headSeq: lastSeq, headHash: prevHash };
}
