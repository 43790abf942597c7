/**
 * The validation worker, for client updates too large to check inline
 * (inline-check.ts). It keeps a mirror of the document, rebuilt from the
 * main thread's live state whenever that has changed since (the main thread
 * knows: the document's `version`), decodes the update,
 * checks which roots it touches (and, for the household, whose entries)
 * against the sender's rights, and applies it to the mirror. Whatever it
 * accepts has therefore been decoded and integrated once within the time
 * budget, so the main thread can apply it to the live document without surprises. A
 * crafted update that loops or blows up only costs this thread, which the
 * main thread terminates and replaces.
 *
 * Runs in a `worker_threads` worker; see update-validator.ts.
 */
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { checkUpdate, type RejectReason, type WriteRules } from './update-check';

export type WorkerRequest =
  | {
      op: 'validate';
      seq: number;
      doc: string;
      seed?: Uint8Array[];
      update: Uint8Array;
      rules: WriteRules;
      maxDocBytes: number;
    }
  | { op: 'apply'; seq: number; doc: string; seed?: Uint8Array[]; update: Uint8Array }
  | { op: 'drop'; seq: number; doc: string };

export type WorkerResponse =
  | { seq: number; status: 'accepted'; update: Uint8Array; roots: string[] }
  | { seq: number; status: 'noop' }
  | { seq: number; status: 'rejected'; reason: RejectReason; mirrorLost?: boolean }
  | { seq: number; status: 'done'; mirrorLost?: boolean }
  | { seq: number; status: 'no_mirror' }
  /** Sent once at start (seq 0): the OS thread id, so the main thread can read this thread's CPU time. */
  | { seq: 0; status: 'thread'; tid: number | null };

/** This thread's OS id (Linux: /proc/thread-self → `<pid>/task/<tid>`), or null elsewhere. */
function threadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/')[2]);
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

interface Mirror {
  doc: Y.Doc;
  /** Estimate of the stored size: exact after seeding, then grows with each accepted update. */
  bytes: number;
}

const mirrors = new Map<string, Mirror>();

function seedMirror(name: string, seed: Uint8Array[]): Mirror {
  mirrors.get(name)?.doc.destroy();
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const u of seed) Y.applyUpdate(doc, u);
  });
  const m = { doc, bytes: Y.encodeStateAsUpdate(doc).length };
  mirrors.set(name, m);
  return m;
}

/** Apply an update to the mirror and return what it changed (null: nothing). */
function applyToMirror(m: Mirror, update: Uint8Array): Uint8Array | null {
  const diffs: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => diffs.push(u);
  m.doc.on('update', onUpdate);
  try {
    Y.applyUpdate(m.doc, update);
  } finally {
    m.doc.off('update', onUpdate);
  }
  // Checks reject anything that could stay pending; never keep pending state that the main thread would not have.
  m.doc.store.pendingStructs = null;
  m.doc.store.pendingDs = null;
  if (diffs.length === 0) return null;
  return diffs.length === 1 ? (diffs[0] as Uint8Array) : Y.mergeUpdates(diffs);
}

function handle(req: WorkerRequest): WorkerResponse {
  if (req.op === 'drop') {
    mirrors.get(req.doc)?.doc.destroy();
    mirrors.delete(req.doc);
    return { seq: req.seq, status: 'done' };
  }
  const m = req.seed ? seedMirror(req.doc, req.seed) : mirrors.get(req.doc);
  if (!m) return { seq: req.seq, status: 'no_mirror' };

  if (req.op === 'apply') {
    try {
      const diff = applyToMirror(m, req.update);
      if (diff) m.bytes += diff.length;
      return { seq: req.seq, status: 'done' };
    } catch {
      mirrors.delete(req.doc);
      return { seq: req.seq, status: 'done', mirrorLost: true };
    }
  }

  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(req.update);
  } catch {
    return { seq: req.seq, status: 'rejected', reason: 'malformed' };
  }
  let result: ReturnType<typeof checkUpdate>;
  try {
    result = checkUpdate(m.doc, decoded, req.rules);
  } catch {
    return { seq: req.seq, status: 'rejected', reason: 'malformed' };
  }
  if (result.kind === 'noop') return { seq: req.seq, status: 'noop' };
  if (result.kind === 'rejected')
    return { seq: req.seq, status: 'rejected', reason: result.reason };

  if (m.bytes + req.update.length > req.maxDocBytes) {
    m.bytes = Y.encodeStateAsUpdate(m.doc).length;
    if (m.bytes + req.update.length > req.maxDocBytes)
      return { seq: req.seq, status: 'rejected', reason: 'doc_too_large' };
  }
  let diff: Uint8Array | null;
  try {
    diff = applyToMirror(m, req.update);
  } catch {
    // Integration failed half-way: the mirror can no longer be trusted.
    m.doc.destroy();
    mirrors.delete(req.doc);
    return { seq: req.seq, status: 'rejected', reason: 'malformed', mirrorLost: true };
  }
  if (!diff) return { seq: req.seq, status: 'noop' };
  m.bytes += diff.length;
  return { seq: req.seq, status: 'accepted', update: diff, roots: result.roots };
}

if (parentPort) {
  const port = parentPort;
  port.postMessage({ seq: 0, status: 'thread', tid: threadId() } satisfies WorkerResponse);
  port.on('message', (req: WorkerRequest) => {
    const res = handle(req);
    if (res.status === 'accepted') port.postMessage(res, [res.update.buffer as ArrayBuffer]);
    else port.postMessage(res);
  });
}
