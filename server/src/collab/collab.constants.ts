/**
 * Wire constants of the collab endpoint: the stock y-websocket message types
 * and the close codes Spil uses. The stock client treats 4400–4499 as final
 * (it stops reconnecting) and every other code as transient.
 */

export const COLLAB_PATH_PREFIX = '/collab/';

/** y-websocket message types. */
export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;

/** y-protocols sync message types. */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export const CLOSE = {
  /** Server shutting down (clients reconnect). */
  goingAway: 1001,
  /** Unsupported data: only `ws` uses it for invalid frames. */
  unsupported: 1003,
  /** A message above COLLAB_MAX_MESSAGE_BYTES (sent by `ws` itself). */
  tooBig: 1009,
  /**
   * More messages than COLLAB_RATE_LIMIT_BURST / COLLAB_RATE_LIMIT_PER_SECOND
   * allow (policy violation). Not final: the stock client reconnects after its backoff.
   */
  tooManyMessages: 1008,
  /** The server could not load or store the document; reconnecting may help. */
  serverError: 1011,
  /** Service restart: everything was stored first; reconnect. */
  restart: 1012,
  /** The connection cannot keep up with what it is sent; reconnect. */
  tryAgainLater: 1013,
  /** A malformed or crafted message, or one that used its whole CPU budget to check. Final. */
  badMessage: 4400,
  /** Not authenticated or the session ended. Final. */
  unauthenticated: 4401,
  /** Not allowed: not on the team, unknown or malformed document name, refused Origin. Final. */
  forbidden: 4403,
  /**
   * The client writes an older plan schema (a plain string where the plan now
   * holds a Y.Text): its update was refused. Final: reload the page; the
   * client shows what it had not sent.
   */
  schemaOutdated: 4409,
} as const;

/** CPU time budget to check one client update in the worker, in ms... */
export const VALIDATION_BUDGET_MS = 250;
/** ...plus this much per KiB of update, in ms (a 1 MiB update gets about 2.3 s). */
export const VALIDATION_BUDGET_PER_KIB_MS = 2;
/** Wall time a check may wait for CPU before it is given up as overloaded (close 1013, the client comes back), in ms. */
export const VALIDATION_MAX_WAIT_MS = 15_000;
/** Extra CPU time a worker gets to build its mirror of a document, in ms, plus VALIDATION_BUDGET_PER_KIB_MS per KiB of state. */
export const SEED_BUDGET_MS = 250;
/** A validation worker with nothing to do for this long is ended with its mirrors (it starts again when needed), in ms. */
export const VALIDATION_WORKER_IDLE_MS = 120_000;
/** How often idle documents with a log tail are compacted, in ms. */
export const COMPACT_INTERVAL_MS = 60_000;
/** A log tail that has not grown for this long is compacted by the interval, in seconds. */
export const COMPACT_IDLE_SECONDS = 120;
/** Rows folded into a snapshot per compaction pass (keeps each transaction short: the embedded database is one connection). */
export const COMPACT_MAX_ROWS = 1_000;
/** Log rows a compaction folds before it gives way to other work (a few ms each; collab.repository.ts). */
export const COMPACT_APPLY_CHUNK = 64;
/** A document loaded with a long log is compacted this long after loading, once its first clients are in, in ms. */
export const COMPACT_AFTER_LOAD_DELAY_MS = 2_000;
/** Rows and bytes per INSERT when a batch of updates is written. */
export const WRITE_BATCH_ROWS = 500;
export const WRITE_BATCH_BYTES = 8 * 1024 * 1024;
/** Group-commit writes start at most this often, in ms (group-commit.ts); the first after a quiet spell at once. */
export const COMMIT_MIN_INTERVAL_MS = 10;
/** Keepalive ping interval, in ms; a connection that missed one pong is dropped. */
export const PING_INTERVAL_MS = 30_000;
/** Messages a connection may have waiting before the server stops reading from it. */
export const MAX_PENDING_MESSAGES = 64;
/** Bytes queued for one slow connection before it is closed (1013). */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Largest awareness state of one client, in characters of JSON. */
export const MAX_AWARENESS_STATE_CHARS = 16 * 1024;
/** `plan:stored` of a busy document at most this often (stored-notices.ts); the first after a quiet spell at once. */
export const STORED_NOTICE_INTERVAL_MS = 20;
