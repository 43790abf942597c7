/** Small helpers to call a test server's REST API. */
export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Log in as a demo user (`huisarts`, `coordinator`, ...) and return the bearer token and user. */
export async function loginAs(
  baseUrl: string,
  key: string,
  password = 'spil-demo',
): Promise<{ token: string; user: { id: string; name: string; email: string }; cookie: string }> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: key.includes('@') ? key : `${key}@demo.spil.test`, password }),
  });
  if (res.status !== 200) throw new Error(`login ${key} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    accessToken: string;
    user: { id: string; name: string; email: string };
  };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { token: body.accessToken, user: body.user, cookie };
}

/** Wait until `check` passes or the time runs out; rethrows the last failure. */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 5000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
