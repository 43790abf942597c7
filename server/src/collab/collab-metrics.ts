/**
 * Collab's metrics on prom-client's default registry (`GET /metrics`), names
 * `spil_collab_*`. Counters and histograms are process-wide; gauges sum over
 * the collab services in this process (tests may run several apps).
 * Catch-ups between instances are counted in collab-cluster.ts.
 */
import { Counter, Gauge, Histogram, register } from 'prom-client';

/** What a gauge reads from one collab service. */
export interface CollabGaugeSource {
  openDocs(): number;
  connections(): number;
  /** Log rows of open documents not yet folded into a snapshot. */
  compactionBacklog(): number;
  /** Accepted updates not yet committed. */
  pendingWrites(): number;
}

const sources = new Set<CollabGaugeSource>();

export function addCollabGaugeSource(s: CollabGaugeSource): () => void {
  sources.add(s);
  return () => sources.delete(s);
}

function sum(f: (s: CollabGaugeSource) => number): number {
  let n = 0;
  for (const s of sources) n += f(s);
  return n;
}

function getOrCreate<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

function gauge(name: string, help: string, read: (s: CollabGaugeSource) => number): void {
  getOrCreate(
    name,
    () =>
      new Gauge({
        name,
        help,
        collect() {
          this.set(sum(read));
        },
      }),
  );
}

gauge('spil_collab_open_documents', 'Collaborative documents open in memory', (s) => s.openDocs());
gauge('spil_collab_connections', 'WebSocket connections joined to a document', (s) =>
  s.connections(),
);
gauge(
  'spil_collab_compaction_backlog_rows',
  'Update-log rows of open documents not yet folded into a snapshot',
  (s) => s.compactionBacklog(),
);
gauge('spil_collab_pending_writes', 'Accepted (and relayed) updates not yet committed', (s) =>
  s.pendingWrites(),
);

/** What the handshake gauges read from one collab gateway's admission queue (`handshake-queue.ts`). */
export interface HandshakeGaugeSource {
  readonly waitingCount: number;
  readonly inProgressCount: number;
}

const handshakeSources = new Set<HandshakeGaugeSource>();

export function addHandshakeGaugeSource(s: HandshakeGaugeSource): () => void {
  handshakeSources.add(s);
  return () => handshakeSources.delete(s);
}

function handshakeGauge(
  name: string,
  help: string,
  read: (s: HandshakeGaugeSource) => number,
): void {
  getOrCreate(
    name,
    () =>
      new Gauge({
        name,
        help,
        collect() {
          let n = 0;
          for (const s of handshakeSources) n += read(s);
          this.set(n);
        },
      }),
  );
}

handshakeGauge(
  'spil_collab_handshakes_waiting',
  'Upgraded collab sockets waiting for their handshake (COLLAB_HANDSHAKE_CONCURRENCY at a time)',
  (s) => s.waitingCount,
);
handshakeGauge(
  'spil_collab_handshakes_in_progress',
  'Collab handshakes in progress (session, access check, plan load, join)',
  (s) => s.inProgressCount,
);

/** Upgraded sockets that closed while their handshake waited in the queue (dropped without a lookup). */
export const handshakesAbandoned = getOrCreate(
  'spil_collab_handshakes_abandoned_total',
  () =>
    new Counter({
      name: 'spil_collab_handshakes_abandoned_total',
      help: 'Collab sockets that closed while waiting for their handshake (dropped without work)',
    }),
);

/** Client updates received (empty sync steps not counted). */
export const updatesReceived = getOrCreate(
  'spil_collab_updates_received_total',
  () =>
    new Counter({
      name: 'spil_collab_updates_received_total',
      help: 'Client updates received (empty sync step 2 messages not counted)',
    }),
);

/** Client updates refused, by reason (update-check.ts `RejectReason`). */
export const updatesRejected = getOrCreate(
  'spil_collab_updates_rejected_total',
  () =>
    new Counter({
      name: 'spil_collab_updates_rejected_total',
      help: 'Client updates refused, by reason',
      labelNames: ['reason'] as const,
    }),
);

/** Updates dropped for a gap (lost with a reconnect) and answered with a sync step 1: not refusals. */
export const resyncs = getOrCreate(
  'spil_collab_resyncs_total',
  () =>
    new Counter({
      name: 'spil_collab_resyncs_total',
      help: 'Client updates with a gap (an earlier one lost with a reconnect), dropped and answered with a sync step 1',
    }),
);

/** Wall time from receiving a client update to the check's answer (queueing in the worker included). */
export const validationSeconds = getOrCreate(
  'spil_collab_validation_seconds',
  () =>
    new Histogram({
      name: 'spil_collab_validation_seconds',
      help: 'Time to check one client update, from receipt to the answer, in seconds',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    }),
);

/** One group-commit write to the update log. */
export const commitSeconds = getOrCreate(
  'spil_collab_commit_seconds',
  () =>
    new Histogram({
      name: 'spil_collab_commit_seconds',
      help: 'Duration of one write to the update log (all documents together), in seconds',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    }),
);

export const commitBatchRows = getOrCreate(
  'spil_collab_commit_batch_rows',
  () =>
    new Histogram({
      name: 'spil_collab_commit_batch_rows',
      help: 'Updates carried by one write to the update log',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    }),
);

/** From receiving an update to telling its sender it is stored (`plan:stored`, "Opgeslagen"). */
export const confirmationSeconds = getOrCreate(
  'spil_collab_confirmation_seconds',
  () =>
    new Histogram({
      name: 'spil_collab_confirmation_seconds',
      help: 'Time from receiving a client update to its confirmation (plan:stored, "Opgeslagen"), in seconds',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    }),
);
