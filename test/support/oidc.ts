/**
 * A real OpenID provider for tests (`oidc-provider`), on a loopback port,
 * with its development login and consent pages: any login name is accepted
 * and becomes the account id, which is also the e-mail address. A login name
 * that starts with `unverified` gets `email_verified: false`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Register Spil (its callback and its login page after logout) once its address is known. */
  register(spilUrl: string, providerId: string): void;
  close(): Promise<void>;
}

export async function startOidc(): Promise<TestOidc> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'spil-test';
  const clientSecret = 'spil-test-secret-0123456789abcdef';
  return {
    issuer,
    clientId,
    clientSecret,
    register(spilUrl, providerId) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [`${spilUrl}/api/auth/oidc/${providerId}/callback`],
            post_logout_redirect_uris: [`${spilUrl}/inloggen`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        claims: { openid: ['sub'], email: ['email', 'email_verified'] },
        cookies: { keys: ['spil-test-cookie-key'] },
        findAccount: (_ctx, id) => ({
          accountId: id,
          claims: () => ({ sub: id, email: id, email_verified: !id.startsWith('unverified') }),
        }),
      });
      const callback = provider.callback();
      handler = (req, res) => void callback(req, res);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
