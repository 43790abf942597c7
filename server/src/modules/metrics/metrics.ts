/**
 * Spil's metrics on prom-client's default registry, which `GET /metrics`
 * serves. Every lane registers there with names prefixed `spil_` (collab
 * metrics live with collab, catch-ups with the cluster). This file holds the
 * process-wide ones: Node's default process metrics, HTTP requests by route
 * and status, socket.io connections and the database pool.
 *
 * Several Spil apps can run in one process (tests): gauges sum over the
 * sources each app registers and removes again on close.
 */
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, register } from 'prom-client';

export { register as metricsRegistry };

let defaultsCollected = false;

/** Node's process metrics (CPU, memory, event loop lag, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register });
}

/** A pg pool as the metrics see it (pg.Pool has these). */
export interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

export interface MetricSources {
  /** Open socket.io connections on `/events`. */
  socketConnections(): number;
  /** The database pool; `database` is `postgres` or `embedded`. */
  pool(): PoolLike | null;
  database: 'postgres' | 'embedded';
  /** Audit records waiting in the spool for the database. */
  auditSpooled(): number;
}

const sources = new Set<MetricSources>();

/** Register one app's sources; returns the function that removes them. */
export function addMetricSources(s: MetricSources): () => void {
  sources.add(s);
  return () => sources.delete(s);
}

function sum(f: (s: MetricSources) => number): number {
  let n = 0;
  for (const s of sources) n += f(s);
  return n;
}

function getOrCreate<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const httpRequestDuration = getOrCreate(
  'spil_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'spil_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status, with their duration in seconds',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);

getOrCreate(
  'spil_socketio_connections',
  () =>
    new Gauge({
      name: 'spil_socketio_connections',
      help: 'Open socket.io connections on /events',
      collect() {
        this.set(sum((s) => s.socketConnections()));
      },
    }),
);

getOrCreate(
  'spil_db_pool_connections',
  () =>
    new Gauge({
      name: 'spil_db_pool_connections',
      help: 'Database pool connections by state (total, idle, in use) and the pool size (max)',
      labelNames: ['database', 'state'] as const,
      collect() {
        this.reset();
        for (const s of sources) {
          const p = s.pool();
          if (!p) continue;
          const labels = { database: s.database };
          this.inc({ ...labels, state: 'total' }, p.totalCount);
          this.inc({ ...labels, state: 'idle' }, p.idleCount);
          this.inc({ ...labels, state: 'in_use' }, p.totalCount - p.idleCount);
          this.inc({ ...labels, state: 'max' }, p.options?.max ?? 0);
        }
      },
    }),
);

getOrCreate(
  'spil_db_pool_waiting',
  () =>
    new Gauge({
      name: 'spil_db_pool_waiting',
      help: 'Queries waiting for a free database connection',
      labelNames: ['database'] as const,
      collect() {
        this.reset();
        for (const s of sources) {
          const p = s.pool();
          if (p) this.inc({ database: s.database }, p.waitingCount);
        }
      },
    }),
);

getOrCreate(
  'spil_audit_spooled_records',
  () =>
    new Gauge({
      name: 'spil_audit_spooled_records',
      help: 'Audit records waiting in the spool (data folder) for the database',
      collect() {
        this.set(sum((s) => s.auditSpooled()));
      },
    }),
);

/**
 * Express middleware: time every request and count it by route template
 * (`/api/households/:id`, never the path with its ids), method and status.
 * Paths that no route matched count as `static` (the client) or `unmatched`.
 */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  res.once('finish', () => {
    const routePath = (req.route as { path?: unknown } | undefined)?.path;
    const route =
      typeof routePath === 'string'
        ? `${req.baseUrl}${routePath}`
        : req.path.startsWith('/api')
          ? 'unmatched'
          : 'static';
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
}
