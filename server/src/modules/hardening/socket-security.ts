/**
 * Hardening of the socket.io `/events` connections: the Origin allowlist at
 * the handshake, a token bucket per connection (going over closes it), a
 * recheck of the session on messages and while idle, and audit records of
 * refused handshakes and messages. The gateway calls these; it stays the
 * only place that sees a Socket.
 */
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { type AuditPart, parseDocName } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SpilError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { AuthContext, CredentialSource } from '../auth/auth.types';
import { isAllowedOrigin } from '../auth/origin';
import { ClientAddress } from './client-address';
import { RateLimiter, TokenBucket } from './token-bucket';

/** The parts of a socket.io Socket these checks use. */
export interface GuardedSocket {
  handshake: { headers: CredentialSource['headers']; address: string };
  /** The upgrade or first polling request, for the client address behind a proxy. */
  request: IncomingMessage;
  use(fn: (packet: [string, ...unknown[]], next: (err?: Error) => void) => void): unknown;
  disconnect(close?: boolean): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

/** A message is allowed without a database round trip this soon after the last session check, in ms. */
const SESSION_RECHECK_MS = 1000;
/** An idle connection rechecks its session this often, in ms (expiry has no event of its own). */
const IDLE_RECHECK_MS = 60_000;

const PART_BY_KIND: Record<string, AuditPart> = {
  plan: 'plan',
  medisch: 'medisch',
  werk: 'werk',
  overleg: 'overleg',
};

@Injectable()
export class SocketSecurity {
  private readonly refusals: RateLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly clientAddress: ClientAddress,
  ) {
    this.refusals = new RateLimiter(config.RATE_LIMIT_ANONYMOUS_PER_MINUTE);
  }

  /**
   * Admit an authenticated handshake: a cookie needs an allowed Origin, and
   * any Origin a client sends must be allowed. Then install the per-message
   * checks. Throws `auth.csrf` when the Origin is not allowed.
   */
  admit(socket: GuardedSocket, auth: AuthContext): void {
    const origin = socket.handshake.headers['origin'];
    if (
      (auth.via === 'cookie' || origin !== undefined) &&
      !isAllowedOrigin(socket.handshake, this.config)
    ) {
      throw new SpilError('auth.csrf');
    }
    const rate = this.config.RATE_LIMIT_SOCKET_PER_SECOND;
    const bucket = new TokenBucket(rate * 2, rate / 1000);
    let checkedAt = Date.now();
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(idle);
      socket.disconnect(true);
    };
    const sessionStillActive = async (): Promise<boolean> => {
      const active = await this.auth.sessionActive(auth.sessionId).catch(() => false);
      if (active) checkedAt = Date.now();
      return active;
    };
    const idle = setInterval(() => {
      void sessionStillActive().then((active) => {
        if (!active) close();
      });
    }, IDLE_RECHECK_MS);
    idle.unref();
    socket.on('disconnect', () => {
      closed = true;
      clearInterval(idle);
    });
    socket.use((_packet, next) => {
      if (closed) return;
      const taken = bucket.take();
      if (taken !== 'ok') {
        if (taken === 'limited-first')
          this.record(socket, auth, 'events.message', null, 'rate.limited');
        close();
        return;
      }
      if (Date.now() - checkedAt < SESSION_RECHECK_MS) return next();
      void sessionStillActive().then((active) => {
        if (active) next();
        else close();
      });
    });
  }

  /** A handshake refused (no or a bad token, a foreign Origin). Audited, at most a few per address per minute. */
  refusedHandshake(socket: GuardedSocket, error: unknown): void {
    if (this.refusals.take(this.addressOf(socket)) === 'limited') return;
    this.record(
      socket,
      null,
      'events.connect',
      null,
      error instanceof SpilError ? error.code : 'server.internal',
    );
  }

  /** A message refused by validation or by the access policy. */
  refusedMessage(
    socket: GuardedSocket,
    auth: AuthContext | undefined,
    event: string,
    body: unknown,
    error: unknown,
  ): void {
    if (this.refusals.take(auth?.user.id ?? this.addressOf(socket)) === 'limited') return;
    const docName =
      body && typeof body === 'object' ? (body as { docName?: unknown }).docName : undefined;
    const doc = typeof docName === 'string' ? parseDocName(docName) : null;
    this.record(
      socket,
      auth ?? null,
      event,
      doc ? { householdId: doc.householdId, part: PART_BY_KIND[doc.kind] ?? 'overig' } : null,
      error instanceof SpilError ? error.code : 'validation.invalid',
    );
  }

  /** The client's address, X-Forwarded-For read as far as TRUST_PROXY allows. */
  addressOf(socket: GuardedSocket): string {
    return this.clientAddress.of(socket.request) ?? socket.handshake.address;
  }

  private record(
    socket: GuardedSocket,
    auth: AuthContext | null,
    event: string,
    subject: { householdId: string; part: AuditPart } | null,
    code: string,
  ): void {
    void (async () => {
      const actor = auth ? await this.audit.actorOf(auth.user) : null;
      this.audit.recordQuietly({
        ...(actor ?? {}),
        purpose: actor?.purpose ?? 'zorgverlening',
        event,
        action: event === 'events.connect' ? 'E' : 'R',
        outcome: 'refused',
        channel: 'socket',
        sourceAddress: this.addressOf(socket),
        householdId: subject?.householdId ?? null,
        part: subject?.part ?? null,
        detail: { code },
      });
    })().catch(() => undefined);
  }
}
