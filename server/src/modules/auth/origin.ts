import type { AppConfig } from '../../config/config';
import type { CredentialSource } from './auth.types';

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Whether a cookie-authenticated request or upgrade comes from Spil itself:
 * its Origin (or Referer) is on ALLOWED_ORIGINS, or is the very host the
 * request was sent to (same origin).
 */
export function isAllowedOrigin(
  req: CredentialSource,
  config: Pick<AppConfig, 'ALLOWED_ORIGINS'>,
): boolean {
  let origin = first(req.headers['origin']);
  if (!origin) {
    const referer = first(req.headers['referer']);
    try {
      origin = referer ? new URL(referer).origin : undefined;
    } catch {
      origin = undefined;
    }
  }
  if (!origin || origin === 'null') return false;
  if (config.ALLOWED_ORIGINS.includes(origin)) return true;
  const host = first(req.headers['host']);
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
