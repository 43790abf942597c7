/**
 * Configuration, parsed once from the environment at boot. Invalid settings
 * stop the process with a message that names the variable.
 */
import { z } from 'zod';
import proxyaddr from 'proxy-addr';

const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * `TRUST_PROXY`: `false`, a hop count, or a comma-separated list of addresses,
 * subnets (CIDR) and the names `loopback`, `linklocal`, `uniquelocal`.
 * `true` (trust every peer) is refused: any client could then choose its own
 * address in the audit log and escape the rate limits.
 */
const TrustProxy = z
  .string()
  .default('loopback')
  .transform((raw, ctx): false | number | string[] => {
    const v = raw.trim();
    if (v === 'false' || v === '' || v === '0') return false;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      if (list.includes('true')) throw new TypeError('true');
      proxyaddr.compile(list);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message:
          'expected false, a hop count, or addresses, subnets and loopback/linklocal/uniquelocal separated by commas',
      });
      return z.NEVER;
    }
    return list;
  });

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP, socket.io and collab all listen here. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL connection string. Unset: an embedded PostgreSQL (PGlite) in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for the embedded database and the generated AUTH_SECRET. */
  DATA_DIR: z.string().default('./data'),
  /** Redis connection string; set when more than one instance runs. Instances start and keep serving while it is away. */
  REDIS_URL: z.string().url().optional(),
  /** Secret for signing session tokens; shared by every instance of a deployment. At least 32 characters. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** Lifetime of a session, in seconds. */
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(8 * 3600),
  /** Comma-separated origins allowed to use the session cookie (REST changes, WebSocket upgrades). */
  ALLOWED_ORIGINS: z
    .string()
    .default('http://localhost:3000,http://127.0.0.1:3000,http://localhost:5173'),
  /** Load the demo data on first start. Defaults to on for the embedded database only. */
  DEMO_DATA: Bool.optional(),
  /** With the demo data: also the household with a grown plan (40 actions, six months of terugkoppeling). */
  DEMO_LONG_PLAN: Bool.default(true),
  /** Serve the built client from this folder; empty to serve none. */
  CLIENT_DIST: z.string().optional(),
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  COOKIE_SECURE: Bool.default(false),
  /** Failed logins per e-mail address within LOGIN_WINDOW_SECONDS before logins are refused. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Window for counting failed logins, in seconds. */
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Largest accepted collab WebSocket message, in bytes (above: close 1009). */
  COLLAB_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Largest stored size of one document, in bytes. */
  COLLAB_MAX_DOC_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** Compact a document's update log once it holds this many rows. */
  COLLAB_COMPACT_AFTER: z.coerce.number().int().min(2).default(500),
  /**
   * Days a closed household (phase `afgesloten`) is kept before the retention
   * job deletes it with its plan documents, update log and snapshots. Audit
   * records are kept apart and are never deleted by Spil (keep them at least
   * five years).
   */
  RETENTION_DAYS: z.coerce.number().int().min(0).max(36500).default(365),
  /** How often the retention job looks for households to purge, in seconds; 0 turns it off. */
  RETENTION_CHECK_SECONDS: z.coerce.number().int().min(0).default(3600),
  /** REST requests per minute per logged-in user (token bucket; bursts up to this many). */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** REST requests per minute per IP address without a valid token. */
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Login attempts per minute per IP address (on top of LOGIN_MAX_FAILURES per address). */
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** socket.io messages per second per connection; a connection that goes over is closed. Bursts up to twice this. */
  RATE_LIMIT_SOCKET_PER_SECOND: z.coerce.number().int().min(1).default(20),
  /**
   * Collab WebSocket messages per second per connection, sustained (token
   * bucket). A stock y-websocket client sends one update per edit
   * transaction and one awareness message per cursor move, so fast typing is
   * some 30 a second. A connection that goes over is closed with 1008.
   */
  COLLAB_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).default(100),
  /** Collab WebSocket messages a connection may send at once, on top of the sustained rate (the bucket's size). */
  COLLAB_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(300),
  /**
   * Collab handshakes (session lookup, access check, plan load, join) in
   * progress at once; further upgraded sockets wait their turn in arrival
   * order (gauge `spil_collab_handshakes_waiting`). Bounds the database pool's
   * queue and the memory of a reconnect burst (ADR 018).
   */
  COLLAB_HANDSHAKE_CONCURRENCY: z.coerce.number().int().min(1).default(16),
  /**
   * Which peers may name the client address in X-Forwarded-For (Express's
   * `trust proxy`): `false`, a hop count, or a comma-separated list of
   * addresses and subnets (CIDR) or `loopback`, `linklocal`, `uniquelocal`.
   * The address decides the audit log's source address and the per-address
   * rate limits on every channel. Default `loopback`.
   */
  TRUST_PROXY: TrustProxy,
  /** Name of this instance in logs and audit records. */
  INSTANCE_ID: z.string().default(`spil-${process.pid}`),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  /** `json`: one JSON object per line on stdout (production); `text`: Nest's readable lines (development). */
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  /**
   * Bearer token for `GET /metrics` from anywhere but loopback (at least 16
   * characters). Unset: `/metrics` answers on loopback only.
   */
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16).optional()),
  /**
   * On SIGTERM, seconds between failing readiness and closing connections, so
   * a load balancer stops sending new work first. 0 in the embedded default;
   * set it to a little more than the balancer's readiness interval.
   */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(300).default(0),
  /**
   * Days a beschikking may wait for the municipality's decision before the
   * household's budget warns (Wmo and Jeugdwet: a decision within eight weeks).
   */
  BESCHIKKING_MAX_WAIT_DAYS: z.coerce.number().int().min(1).max(365).default(56),
  /** Whether Mijn plan shows the inwoner what each voorziening costs: the municipality's choice. */
  MIJN_PLAN_SHOW_AMOUNTS: Bool.default(false),
  /**
   * Regie op regie: days without terugkoppeling after which a household in
   * uitvoering with open actions counts as "vastgelopen" (default 14).
   */
  STALLED_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /**
   * SMTP server for e-mail, e.g. `smtp://user:pass@mail.example.nl:587`
   * (`smtps://` for TLS from the start). Unset: each mail is written as an
   * `.eml` file to `DATA_DIR/mail` (the embedded default, for demos).
   */
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /** Sender of every e-mail. */
  MAIL_FROM: z.string().default('Spil <noreply@spil.localhost>'),
  /**
   * The address people use to reach Spil, for links in e-mails and the
   * single sign-on callback, e.g. `https://spil.gemeente.nl`. Default:
   * `http://localhost:<PORT>`.
   */
  PUBLIC_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /**
   * Who needs a second factor (TOTP) after a password: `off`, `staff`
   * (coördinatoren and beheerders) or `all`. Default `staff` when
   * DATABASE_URL is set, `off` for the embedded demo.
   */
  REQUIRE_2FA: z.enum(['off', 'staff', 'all']).optional(),
  /** Hours an invitation link of a professional stays valid. */
  INVITE_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  /** Minutes a password-reset link stays valid. */
  RESET_TTL_MINUTES: z.coerce.number().int().min(5).max(1440).default(30),
  /** Password-reset requests per hour per e-mail address (and ten times that per IP address). */
  RESET_PER_HOUR: z.coerce.number().int().min(1).default(3),
  /** Hour of the day (Europe/Amsterdam) at which the daily e-mail digest goes out; -1 turns it off. */
  DIGEST_HOUR: z.coerce.number().int().min(-1).max(23).default(7),
  /**
   * Single sign-on providers (OpenID Connect), comma-separated ids, e.g.
   * `gemeente`. Per id: `OIDC_<ID>_ISSUER`, `OIDC_<ID>_CLIENT_ID`,
   * `OIDC_<ID>_CLIENT_SECRET`, optional `OIDC_<ID>_EMAIL_CLAIM` (default
   * `email`) and `OIDC_<ID>_LABEL` (the button's text).
   */
  OIDC_PROVIDERS: z.string().default(''),
});

export interface OidcProviderConfig {
  id: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailClaim: string;
}

function oidcProviders(
  ids: string,
  env: Record<string, string | undefined>,
  issues: string[],
): OidcProviderConfig[] {
  const out: OidcProviderConfig[] = [];
  for (const raw of ids
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!/^[a-z0-9-]{1,40}$/i.test(raw)) {
      issues.push(`  OIDC_PROVIDERS: ids are letters, digits and dashes`);
      continue;
    }
    const key = `OIDC_${raw.toUpperCase().replace(/-/g, '_')}_`;
    const get = (name: string) => env[key + name]?.trim() || undefined;
    const issuer = get('ISSUER');
    const clientId = get('CLIENT_ID');
    const clientSecret = get('CLIENT_SECRET');
    for (const [name, v] of [
      ['ISSUER', issuer],
      ['CLIENT_ID', clientId],
      ['CLIENT_SECRET', clientSecret],
    ] as const)
      if (!v) issues.push(`  ${key}${name}: required`);
    if (issuer && !URL.canParse(issuer)) issues.push(`  ${key}ISSUER: expected a URL`);
    if (issuer && clientId && clientSecret)
      out.push({
        id: raw.toLowerCase(),
        label: get('LABEL') ?? raw,
        issuer,
        clientId,
        clientSecret,
        emailClaim: get('EMAIL_CLAIM') ?? 'email',
      });
  }
  return out;
}

export type AppConfig = Omit<
  z.infer<typeof ConfigSchema>,
  'ALLOWED_ORIGINS' | 'REQUIRE_2FA' | 'PUBLIC_URL' | 'OIDC_PROVIDERS'
> & {
  ALLOWED_ORIGINS: string[];
  REQUIRE_2FA: 'off' | 'staff' | 'all';
  /** Set at boot to the listening address when not configured. */
  PUBLIC_URL: string | undefined;
  OIDC_PROVIDERS: OidcProviderConfig[];
};

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Invalid settings: its message names the variables (never their values) and may be shown as is. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = ConfigSchema.safeParse(env);
  const lines = result.success
    ? []
    : result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  const providers = oidcProviders(result.data?.OIDC_PROVIDERS ?? '', env, lines);
  if (!result.success || lines.length > 0) {
    throw new ConfigError(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  return {
    ...result.data,
    REQUIRE_2FA: result.data.REQUIRE_2FA ?? (result.data.DATABASE_URL ? 'staff' : 'off'),
    PUBLIC_URL: result.data.PUBLIC_URL?.replace(/\/+$/, ''),
    OIDC_PROVIDERS: providers,
    ALLOWED_ORIGINS: result.data.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}
