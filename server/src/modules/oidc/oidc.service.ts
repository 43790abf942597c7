/**
 * Single sign-on with OpenID Connect (openid-client): authorization code
 * flow with PKCE, one or more providers from the environment. A login is
 * matched by its e-mail address (verified by the provider) to an active
 * professional who was invited: nobody registers themselves this way.
 *
 * The flow's state, nonce and PKCE verifier travel in a short-lived signed
 * cookie (HS256 under the session secret), so any instance can finish it.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { jwtVerify, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { In, Repository } from 'typeorm';
import type { LoginResponse, OidcProviderDto } from '@spil/shared';
import { APP_CONFIG, type AppConfig, type OidcProviderConfig } from '../../config/config';
import { describeError } from '../../common/describe-error';
import { SpilError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { AUTH_SECRET } from '../auth/auth-secret';
import { AuthService } from '../auth/auth.service';
import { UserEntity } from '../users/user.entity';

/** Minutes a started login may take at the provider. */
const FLOW_MINUTES = 10;

interface FlowState {
  provider: string;
  verifier: string;
  state: string;
  nonce: string;
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly key: Uint8Array;
  private readonly discovered = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTH_SECRET) secret: string,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {
    this.key = new TextEncoder().encode(`oidc-flow:${secret}`);
  }

  providers(): OidcProviderDto[] {
    return this.config.OIDC_PROVIDERS.map((p) => ({ id: p.id, label: p.label }));
  }

  redirectUri(providerId: string): string {
    return `${this.config.PUBLIC_URL ?? ''}/api/auth/oidc/${providerId}/callback`;
  }

  /** The provider's authorization URL, and the signed flow state for the cookie. */
  async start(providerId: string): Promise<{ url: string; flow: string }> {
    const provider = this.provider(providerId);
    const config = await this.configuration(provider);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(provider.id),
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const flow = await new SignJWT({ provider: provider.id, verifier, state, nonce })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime(`${FLOW_MINUTES}m`)
      .sign(this.key);
    return { url: url.href, flow };
  }

  /** Finish the flow: tokens for the code, the e-mail claim, the invited account, a session. */
  async finish(
    providerId: string,
    query: string,
    flowCookie: string | undefined,
    sourceAddress: string | null,
  ): Promise<LoginResponse> {
    const provider = this.provider(providerId);
    const flow = await this.readFlow(flowCookie);
    if (flow.provider !== provider.id) throw new SpilError('auth.sso_failed');
    const config = await this.configuration(provider);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(
        config,
        new URL(`${this.redirectUri(provider.id)}${query}`),
        { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce },
      );
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no id token');
      claims = { ...idClaims };
      // Providers often put the e-mail in the userinfo answer only (OIDC Core 5.4).
      if (claims[provider.emailClaim] === undefined) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
      }
    } catch (e) {
      this.logger.warn(`Single sign-on with ${provider.id} failed: ${describeError(e)}`);
      throw new SpilError('auth.sso_failed');
    }
    const email = claims[provider.emailClaim];
    // The standard `email` claim counts only when the provider verified it.
    const verified = provider.emailClaim !== 'email' || claims.email_verified === true;
    const user =
      typeof email === 'string' && verified
        ? await this.users.findOne({
            where: {
              email: email.trim().toLowerCase(),
              active: true,
              systemRole: In(['professional', 'coordinator', 'beheerder']),
            },
          })
        : null;
    if (!user) {
      this.audit.recordQuietly({
        userId: null,
        userName: null,
        userRole: null,
        organisation: null,
        onBehalfOf: null,
        purpose: 'aanmelding',
        event: 'auth.login',
        action: 'E',
        outcome: 'refused',
        channel: 'rest',
        sourceAddress,
        householdId: null,
        part: null,
        detail: { method: 'oidc', provider: provider.id, code: 'auth.sso_no_account' },
      });
      throw new SpilError('auth.sso_no_account');
    }
    const result = await this.auth.startSession(user, `oidc:${provider.id}`, 'none');
    this.audit.recordQuietly({
      ...(await this.audit.actorOf(user, null, 'aanmelding')),
      event: 'auth.login',
      action: 'E',
      outcome: 'success',
      channel: 'rest',
      sourceAddress,
      householdId: null,
      part: null,
      detail: { method: 'oidc', provider: provider.id },
    });
    return result;
  }

  /**
   * Where to send the browser after logging out of Spil to end the session at
   * the provider too (RP-initiated logout), or null when it offers none.
   */
  async endSessionUrl(providerId: string): Promise<string | null> {
    const provider = this.provider(providerId);
    const config = await this.configuration(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, {
      client_id: provider.clientId,
      post_logout_redirect_uri: `${this.config.PUBLIC_URL ?? ''}/inloggen`,
    }).href;
  }

  private provider(id: string): OidcProviderConfig {
    const p = this.config.OIDC_PROVIDERS.find((x) => x.id === id);
    if (!p) throw new SpilError('auth.sso_unknown_provider');
    return p;
  }

  private async readFlow(cookie: string | undefined): Promise<FlowState> {
    if (!cookie) throw new SpilError('auth.sso_failed');
    try {
      const { payload } = await jwtVerify(cookie, this.key, { algorithms: ['HS256'] });
      const { provider, verifier, state, nonce } = payload;
      if (
        typeof provider !== 'string' ||
        typeof verifier !== 'string' ||
        typeof state !== 'string' ||
        typeof nonce !== 'string'
      )
        throw new Error('flow');
      return { provider, verifier, state, nonce };
    } catch {
      throw new SpilError('auth.sso_failed');
    }
  }

  /** Discovery once per provider (retried after a failure). Plain http only on loopback. */
  private configuration(p: OidcProviderConfig): Promise<oidc.Configuration> {
    let found = this.discovered.get(p.id);
    if (!found) {
      const issuer = new URL(p.issuer);
      found = oidc.discovery(
        issuer,
        p.clientId,
        undefined,
        oidc.ClientSecretBasic(p.clientSecret),
        issuer.protocol === 'http:' && isLoopback(issuer)
          ? { execute: [oidc.allowInsecureRequests] }
          : undefined,
      );
      found.catch(() => this.discovered.delete(p.id));
      this.discovered.set(p.id, found);
    }
    return found.catch((e: unknown) => {
      this.logger.warn(`Discovery of ${p.id} failed: ${describeError(e)}`);
      throw new SpilError('auth.sso_failed');
    });
  }
}
