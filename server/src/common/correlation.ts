import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

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
  next();
}
