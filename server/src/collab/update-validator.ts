/**
 * The main thread's side of the validation worker(s): a small pool, one job in
 * flight per worker, a time budget per job. Each document is pinned to one
 * worker, which keeps its mirror, so the jobs of one document run in order.
 * The budget is CPU time of the worker's thread (thread-cpu.ts), not wall
 * time: on a busy machine an honest check may wait for a core much longer
 * than it computes. A job that has used its budget of CPU is hostile
 * (`timeout`): the worker is terminated and replaced, and the sender is cut
 * off for good. A job that has not, but still has no answer after
 * `maxWaitMs` of wall time, is blamed on load (`overloaded`): the worker is
 * replaced too, and the sender may come back. The new worker rebuilds a
 * mirror from the document's state the next time it needs one (`seed`).
 */
import { Logger } from '@nestjs/common';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  SEED_BUDGET_MS,
  VALIDATION_BUDGET_MS,
  VALIDATION_WORKER_IDLE_MS,
  VALIDATION_BUDGET_PER_KIB_MS,
  VALIDATION_MAX_WAIT_MS,
} from './collab.constants';
import type { RejectReason, WriteRules } from './update-check';
import type { WorkerRequest, WorkerResponse } from './update-worker';
import { readThreadCpuMs, type ThreadCpuReader } from './thread-cpu';

/** How long a new worker may take to start before its jobs' clocks run anyway, in ms. */
const WORKER_START_MS = 60_000;
import { describeError } from '../common/describe-error';

export type ValidationOutcome =
  | { status: 'accepted'; update: Uint8Array; roots: string[] }
  | { status: 'noop' }
  | { status: 'rejected'; reason: RejectReason };

/**
 * The check itself failed: `timeout` (a budget of CPU used) and `crashed`
 * blame the update; `overloaded` (no answer in time, budget not used),
 * `unavailable` and `stale` do not.
 */
export class ValidationFailed extends Error {
  constructor(readonly reason: 'timeout' | 'crashed' | 'overloaded' | 'unavailable' | 'stale') {
    super(`Update validation failed: ${reason}`);
  }
}

/** The state a worker needs to rebuild its mirror of a document; null when the document is gone. */
export type SeedSource = () => Uint8Array[] | null;

type JobInput =
  | { op: 'validate'; update: Uint8Array; rules: WriteRules; maxDocBytes: number }
  | { op: 'apply'; update: Uint8Array; follow?: boolean }
  | { op: 'drop' };

interface Job {
  doc: string;
  /** Which state of the document the mirror must match (DocRoom.version: changes with every change to the live document). */
  epoch: number;
  input: JobInput;
  seed: SeedSource | null;
  resolve(res: WorkerResponse): void;
  reject(e: ValidationFailed): void;
}

interface Slot {
  index: number;
  worker: Worker | null;
  /** Documents this worker mirrors, with the epoch of the mirror. */
  seeded: Map<string, number>;
  queue: Job[];
  inFlight: { job: Job; seq: number; timer: NodeJS.Timeout } | null;
  /** The worker's OS thread id once it reported it (undefined: not yet, still starting; null: unknown, budget in wall time). */
  tid: number | null | undefined;
  /** When the current worker was started (Date.now()). */
  spawnedAt: number;
  /** Workers in a row that died before they started: back off instead of respawning in a loop. */
  startFailures: number;
  /** No worker and none wanted: never needed yet, or retired after a quiet spell. The next job starts one. */
  dormant: boolean;
  /** Retires the worker (and its mirrors) once it has had nothing to do for `idleMs`. */
  idleTimer: NodeJS.Timeout | null;
}

export interface ValidatorOptions {
  workers?: number;
  /** Time budget of one check, in ms. */
  budgetMs?: number;
  /** Extra budget per KiB of update, in ms: a large honest update may take longer than a small one. */
  budgetPerKiBMs?: number;
  /** Wall time after which a job that has not used its CPU budget is given up as `overloaded`, in ms. */
  maxWaitMs?: number;
  /** Extra CPU budget of a check for building the document's mirror, in ms (plus `budgetPerKiBMs` per KiB of state). */
  seedBudgetMs?: number;
  /** Reads a thread's CPU time (tests replace it). */
  threadCpuMs?: ThreadCpuReader;
  /** A worker with nothing to do for this long is ended, with its mirrors, in ms. */
  idleMs?: number;
}

function workerEntry(): { file: string; execArgv: string[] } {
  const ts = __filename.endsWith('.ts');
  const file = join(__dirname, ts ? 'update-worker.ts' : 'update-worker.js');
  if (!ts) return { file, execArgv: [] };
  // Source mode (swc-node, vitest): the worker compiles TypeScript the same way.
  const register = createRequire(__filename).resolve('@swc-node/register');
  return { file, execArgv: ['-r', register] };
}

export class UpdateValidator {
  private readonly logger = new Logger('CollabValidator');
  private readonly slots: Slot[];
  private readonly budgetMs: number;
  private readonly budgetPerKiBMs: number;
  private readonly maxWaitMs: number;
  private readonly seedBudgetMs: number;
  private readonly idleMs: number;
  private readonly threadCpuMs: ThreadCpuReader;
  private seq = 0;
  private closed = false;
  private readonly entry = workerEntry();

  constructor(opts: ValidatorOptions = {}) {
    this.budgetMs = opts.budgetMs ?? VALIDATION_BUDGET_MS;
    this.budgetPerKiBMs = opts.budgetPerKiBMs ?? VALIDATION_BUDGET_PER_KIB_MS;
    this.maxWaitMs = opts.maxWaitMs ?? VALIDATION_MAX_WAIT_MS;
    this.seedBudgetMs = opts.seedBudgetMs ?? SEED_BUDGET_MS;
    this.threadCpuMs = opts.threadCpuMs ?? readThreadCpuMs;
    this.idleMs = opts.idleMs ?? VALIDATION_WORKER_IDLE_MS;
    const n = Math.max(1, opts.workers ?? 1);
    this.slots = Array.from({ length: n }, (_, index) => ({
      index,
      worker: null,
      seeded: new Map<string, number>(),
      queue: [],
      inFlight: null,
      tid: undefined,
      spawnedAt: 0,
      startFailures: 0,
      dormant: true,
      idleTimer: null,
    }));
    // Workers start with their first job: most documents never need one (small updates are checked inline).
  }

  /** How many workers run now (tests, metrics). */
  get running(): number {
    return this.slots.filter((s) => s.worker !== null).length;
  }

  /** Check a client update and, when accepted, fold it into the mirror. Resolves with what the update changed. */
  async validate(
    doc: string,
    epoch: number,
    update: Uint8Array,
    rules: WriteRules,
    maxDocBytes: number,
    seed: SeedSource,
  ): Promise<ValidationOutcome> {
    const res = await this.run(doc, epoch, { op: 'validate', update, rules, maxDocBytes }, seed);
    switch (res.status) {
      case 'accepted':
        return { status: 'accepted', update: res.update, roots: res.roots };
      case 'noop':
        return { status: 'noop' };
      case 'rejected':
        return { status: 'rejected', reason: res.reason };
      default:
        throw new ValidationFailed('stale');
    }
  }

  /** Fold a server-made update into the mirror, in order with the document's other jobs. */
  applyServerUpdate(doc: string, epoch: number, update: Uint8Array, seed: SeedSource): void {
    this.run(doc, epoch, { op: 'apply', update }, seed).catch(() => {
      /* the mirror is rebuilt from the document when it is needed next */
    });
  }

  /**
   * A change to the live document (`version` after it): folded into the
   * worker's mirror, when the worker has one of this document, so that the
   * next large update needs no rebuild. Costs nothing for documents without a
   * mirror (those that never had a large update).
   */
  follow(doc: string, version: number, update: Uint8Array): void {
    if (this.closed) return;
    const slot = this.slotFor(doc);
    if (
      !slot.seeded.has(doc) &&
      slot.inFlight?.job.doc !== doc &&
      !slot.queue.some((j) => j.doc === doc)
    )
      return;
    this.run(doc, version, { op: 'apply', update, follow: true }, null).catch(() => undefined);
  }

  /** Forget the mirror of a document (closed or reloaded). */
  drop(doc: string): void {
    const slot = this.slotFor(doc);
    if (!slot.worker && slot.queue.length === 0) {
      slot.seeded.delete(doc); // no worker, so no mirror to forget
      return;
    }
    this.run(doc, -1, { op: 'drop' }, null).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        const w = slot.worker;
        slot.worker = null;
        if (slot.idleTimer) clearTimeout(slot.idleTimer);
        this.failSlot(slot, 'unavailable');
        for (const job of slot.queue.splice(0)) job.reject(new ValidationFailed('unavailable'));
        if (w) await w.terminate();
      }),
    );
  }

  private slotFor(doc: string): Slot {
    let h = 0;
    for (let i = 0; i < doc.length; i++) h = (h * 31 + doc.charCodeAt(i)) >>> 0;
    return this.slots[h % this.slots.length] as Slot;
  }

  private run(
    doc: string,
    epoch: number,
    input: JobInput,
    seed: SeedSource | null,
  ): Promise<WorkerResponse> {
    if (this.closed) return Promise.reject(new ValidationFailed('unavailable'));
    const slot = this.slotFor(doc);
    return new Promise<WorkerResponse>((resolve, reject) => {
      slot.queue.push({ doc, epoch, input, seed, resolve, reject });
      this.pump(slot);
    });
  }

  private spawn(slot: Slot): void {
    if (this.closed) return;
    slot.dormant = false;
    slot.seeded.clear();
    slot.tid = undefined;
    slot.spawnedAt = Date.now();
    let worker: Worker;
    try {
      worker = new Worker(this.entry.file, {
        execArgv: this.entry.execArgv,
        // A smaller stack than the main thread's: whatever decodes here also decodes there.
        resourceLimits: { maxOldGenerationSizeMb: 512, stackSizeMb: 0.5 },
      });
    } catch (e) {
      this.logger.error(`Validation worker could not start: ${describeError(e)}`);
      slot.worker = null;
      return;
    }
    worker.unref();
    slot.worker = worker;
    let online = false;
    worker.once('online', () => {
      online = true;
      slot.startFailures = 0;
    });
    worker.on('message', (res: WorkerResponse) => {
      if (slot.worker !== worker) return;
      if (res.status === 'thread') slot.tid = res.tid;
      else this.onResponse(slot, res);
    });
    worker.on('error', (e) => {
      if (slot.worker !== worker) return;
      this.logger.warn(`Validation worker failed: ${describeError(e)}`);
      this.replace(slot, 'crashed', !online);
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      this.logger.warn(`Validation worker exited (${code})`);
      this.replace(slot, 'crashed', !online);
    });
  }

  /** Terminate the slot's worker, fail its job in flight, start a fresh one and go on with the queue. */
  private replace(
    slot: Slot,
    reason: 'timeout' | 'crashed' | 'overloaded',
    neverStarted = false,
  ): void {
    const old = slot.worker;
    slot.worker = null;
    if (old) void old.terminate().catch(() => undefined);
    this.failSlot(slot, reason);
    if (neverStarted) slot.startFailures++;
    if (slot.startFailures >= 3) {
      this.logger.error('Validation worker does not start; retrying shortly');
      this.pump(slot); // fails what is queued: without a worker nothing can be checked
      setTimeout(
        () => {
          this.spawn(slot);
          this.pump(slot);
        },
        Math.min(10_000, 500 * slot.startFailures),
      ).unref();
      return;
    }
    this.spawn(slot);
    this.pump(slot);
  }

  private failSlot(slot: Slot, reason: ValidationFailed['reason']): void {
    const f = slot.inFlight;
    slot.inFlight = null;
    if (!f) return;
    clearTimeout(f.timer);
    f.job.reject(new ValidationFailed(reason));
  }

  private onResponse(slot: Slot, res: WorkerResponse): void {
    const f = slot.inFlight;
    if (!f || f.seq !== res.seq) return;
    clearTimeout(f.timer);
    slot.inFlight = null;
    if (('mirrorLost' in res && res.mirrorLost) || res.status === 'no_mirror')
      slot.seeded.delete(f.job.doc);
    f.job.resolve(res);
    this.pump(slot);
    if (!slot.inFlight && slot.queue.length === 0) this.armIdle(slot);
  }

  /** End the worker after a quiet spell: its isolate and mirrors cost memory; the next job starts a fresh one. */
  private armIdle(slot: Slot): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      const w = slot.worker;
      if (!w || slot.inFlight || slot.queue.length > 0) return;
      slot.worker = null;
      slot.seeded.clear();
      slot.dormant = true;
      void w.terminate().catch(() => undefined);
    }, this.idleMs);
    slot.idleTimer.unref();
  }

  private pump(slot: Slot): void {
    if (slot.queue.length > 0 && slot.idleTimer) {
      clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
    }
    if (slot.queue.length > 0 && !slot.worker && slot.dormant) this.spawn(slot);
    while (!slot.inFlight && slot.queue.length > 0) {
      const worker = slot.worker;
      if (!worker) {
        for (const job of slot.queue.splice(0)) job.reject(new ValidationFailed('unavailable'));
        return;
      }
      const job = slot.queue.shift() as Job;
      const seq = ++this.seq;
      let req: WorkerRequest;
      let budget = this.budgetMs;
      if (job.input.op !== 'drop')
        budget += Math.ceil((job.input.update.length / 1024) * this.budgetPerKiBMs);
      if (job.input.op === 'drop') {
        slot.seeded.delete(job.doc);
        req = { op: 'drop', seq, doc: job.doc };
      } else {
        let seed: Uint8Array[] | undefined;
        if (job.input.op === 'apply' && job.input.follow) {
          // Only onto a mirror the worker has; without one the next check rebuilds it anyway.
          if (!slot.seeded.has(job.doc)) {
            job.resolve({ seq, status: 'done' });
            continue;
          }
          slot.seeded.set(job.doc, job.epoch);
        } else if (slot.seeded.get(job.doc) !== job.epoch) {
          let state: Uint8Array[] | null;
          try {
            state = job.seed ? job.seed() : null;
          } catch {
            state = null;
          }
          if (!state) {
            job.reject(new ValidationFailed('stale'));
            continue;
          }
          seed = state;
          slot.seeded.set(job.doc, job.epoch);
          let seedBytes = 0;
          for (const u of state) seedBytes += u.length;
          budget += this.seedBudgetMs + Math.ceil((seedBytes / 1024) * this.budgetPerKiBMs);
        }
        req =
          job.input.op === 'validate'
            ? {
                op: 'validate',
                seq,
                doc: job.doc,
                seed,
                update: job.input.update,
                rules: job.input.rules,
                maxDocBytes: job.input.maxDocBytes,
              }
            : { op: 'apply', seq, doc: job.doc, seed, update: job.input.update };
      }
      const timer = setTimeout(() => this.overrun(slot, seq, budget, Date.now(), null), budget);
      slot.inFlight = { job, seq, timer };
      try {
        worker.postMessage(req);
      } catch {
        this.replace(slot, 'crashed');
      }
    }
  }

  /**
   * The job has run `budget` ms of wall time. Count the worker thread's CPU
   * from now on (`mark`): once it has used a whole budget more, the update is
   * hostile; while it has not, wait, up to `maxWaitMs` in all.
   */
  private overrun(
    slot: Slot,
    seq: number,
    budget: number,
    started: number,
    mark: number | null,
  ): void {
    const f = slot.inFlight;
    if (f?.seq !== seq) return;
    if (slot.tid === undefined && Date.now() - slot.spawnedAt < WORKER_START_MS) {
      // The worker is still starting (a busy machine): the clock starts once it runs.
      f.timer = setTimeout(() => this.overrun(slot, seq, budget, Date.now(), null), budget / 4);
      return;
    }
    const waited = Date.now() - started;
    const cpu = slot.tid === null || slot.tid === undefined ? null : this.threadCpuMs(slot.tid);
    if (cpu === null) {
      this.logger.warn(`Update check exceeded ${budget} ms (CPU time unknown); worker replaced`);
      this.replace(slot, 'overloaded');
      return;
    }
    if (mark !== null && cpu - mark >= budget) {
      this.logger.warn(`Update check used more than ${budget} ms of CPU; worker replaced`);
      this.replace(slot, 'timeout');
      return;
    }
    if (waited >= this.maxWaitMs) {
      this.logger.warn(`Update check waited ${waited} ms for CPU; worker replaced`);
      this.replace(slot, 'overloaded');
      return;
    }
    const next = Math.max(10, Math.min(budget / 4, this.maxWaitMs - waited));
    f.timer = setTimeout(() => this.overrun(slot, seq, budget, started, mark ?? cpu), next);
  }
}
