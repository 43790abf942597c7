/**
 * Correlation ids: one per REST request (kept from a sane `X-Correlation-Id`
 * of the caller, echoed back) and one per socket message. The id lives in an
 * AsyncLocalStorage, so every log line written while the request or message
 * is handled carries it (`logging.ts`), however deep the call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

interface CorrelationContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/** The correlation id of the request or socket message being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Run `fn` (and everything it starts) under a correlation id. */
export function withCorrelation<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** A fresh id for a socket message: the connection's id and a counter, so one connection's lines group together. */
export function messageCorrelationId(connectionId: string, seq: number): string {
  return `${connectionId}.${seq}`;
}

/** Give every request a correlation id (or keep a sane one from the caller) and echo it back. */
export function correlationId(
  req: Request & { correlationId?: string },
  res: Response,
  next: NextFunction,
): void {
  const given = req.headers['x-correlation-id'];
  const id = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
  req.correlationId = id;
  res.setHeader('X-Correlation-Id', id);
  withCorrelation(id, next);
}
