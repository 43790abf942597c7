/**
 * The one way the client talks REST: same origin, the session cookie
 * (httpOnly, SameSite=Strict) rides along, every response is parsed with the
 * zod schema from `@spil/shared`, and every failure becomes an `ApiError`
 * carrying the server's Dutch message.
 */
import { ErrorDto } from '@spil/shared';
import type { z } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The session is missing, ended or expired: the user has to log in again. */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export const MESSAGES = {
  network: 'Spil is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
  unexpected: 'Het antwoord van Spil klopt niet. Probeer het later opnieuw.',
} as const;

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      credentials: 'include',
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'network', MESSAGES.network);
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function toError(res: Response): Promise<ApiError> {
  const parsed = ErrorDto.safeParse(await readJson(res));
  if (parsed.success) {
    const e = parsed.data;
    return new ApiError(res.status, e.code, e.message, e.field);
  }
  return new ApiError(res.status, 'unexpected', MESSAGES.unexpected);
}

/** A request whose JSON answer must match `schema`. */
export async function request<T>(
  method: string,
  path: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  const res = await send(method, path, body);
  if (!res.ok) throw await toError(res);
  const parsed = schema.safeParse(await readJson(res));
  if (!parsed.success) throw new ApiError(res.status, 'unexpected', MESSAGES.unexpected);
  return parsed.data;
}

/** One page of a list: a GET answered with a JSON array, the number of all matches in `X-Total-Count`. */
export async function requestPage<T>(
  path: string,
  schema: z.ZodType<T[]>,
): Promise<{ items: T[]; total: number }> {
  const res = await send('GET', path);
  if (!res.ok) throw await toError(res);
  const parsed = schema.safeParse(await readJson(res));
  const total = Number(res.headers.get('X-Total-Count'));
  if (!parsed.success || !Number.isInteger(total))
    throw new ApiError(res.status, 'unexpected', MESSAGES.unexpected);
  return { items: parsed.data, total };
}

/** A query string from parameters: empty and missing values are left out. */
export function queryString(
  params: Record<string, string | number | boolean | undefined | null>,
): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** A request that answers without a body (204). */
export async function requestVoid(method: string, path: string, body?: unknown): Promise<void> {
  const res = await send(method, path, body);
  if (!res.ok) throw await toError(res);
}

/** The message to show for any error thrown while talking to the server. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return MESSAGES.unexpected;
}
