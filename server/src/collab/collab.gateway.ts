/**
 * The `/collab/<docName>` WebSocket endpoint on the app's own HTTP server.
 * socket.io's gateway leaves upgrades it does not own alone
 * (`destroyUpgrade: false`); this one takes those under `/collab/`.
 *
 * Every upgrade completes; a refused client is then closed with 4401 or 4403
 * before it is sent any byte of a document (a browser cannot read the HTTP
 * status of a failed upgrade, but it can read a close code).
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { parseDocName } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { describeError } from '../common/describe-error';
import { SpilError } from '../common/errors';
import { AuthService } from '../modules/auth/auth.service';
import type { AuthContext } from '../modules/auth/auth.types';
import { isAllowedOrigin } from '../modules/auth/origin';
import { ClientAddress } from '../modules/hardening/client-address';
import { HouseholdAccessPolicy } from '../modules/households/household-access.policy';
import { CollabConnection, type MessageRateLimit } from './collab-connection';
import {
  CLOSE,
  COLLAB_PATH_PREFIX,
  MAX_PENDING_MESSAGES,
  PING_INTERVAL_MS,
} from './collab.constants';
import { addHandshakeGaugeSource } from './collab-metrics';
import { CollabService } from './collab.service';
import type { DocRoom } from './doc-room';
import { HandshakeQueue } from './handshake-queue';

function pathOf(url: string | undefined): string {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

function ignore(): void {}

/** What a handshake needs of the upgrade request (never the request itself: see `onUpgrade`). */
interface Upgrade {
  headers: IncomingMessage['headers'];
  /** The client's address, read while the socket is open. */
  address: string | null;
  path: string;
}

interface EarlyMessages {
  messages: [RawData, boolean][];
  listener: (data: RawData, isBinary: boolean) => void;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

@Injectable()
export class CollabGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CollabGateway.name);
  private wss: WebSocketServer | null = null;
  private server: HttpServer | null = null;
  /** Joined connections. */
  private readonly conns = new Set<CollabConnection>();
  /** Every upgraded socket, joined or still being checked. */
  private readonly sockets = new Set<WebSocket>();
  private closing = false;
  private pingTimer: NodeJS.Timeout | null = null;
  /** COLLAB_RATE_LIMIT_*, per connection. */
  private readonly rateLimit: MessageRateLimit;
  /** COLLAB_HANDSHAKE_CONCURRENCY handshakes at a time; the rest wait in arrival order. */
  readonly handshakes: HandshakeQueue;
  private removeGauges: (() => void) | null = null;
  private readonly forget = (c: CollabConnection): void => {
    this.conns.delete(c);
  };

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly policy: HouseholdAccessPolicy,
    private readonly service: CollabService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clientAddress: ClientAddress,
  ) {
    this.rateLimit = {
      burst: config.COLLAB_RATE_LIMIT_BURST,
      perSecond: config.COLLAB_RATE_LIMIT_PER_SECOND,
    };
    this.handshakes = new HandshakeQueue(config.COLLAB_HANDSHAKE_CONCURRENCY);
  }

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.config.COLLAB_MAX_MESSAGE_BYTES,
      perMessageDeflate: false,
    });
    this.server.on('upgrade', this.onUpgrade);
    this.removeGauges = addHandshakeGaugeSource(this.handshakes);
    this.pingTimer = setInterval(() => {
      for (const c of this.conns) c.ping();
    }, PING_INTERVAL_MS);
    this.pingTimer.unref();
  }

  /** Store everything first, then close every connection with 1012 (clients reconnect to the next instance). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const c of this.conns) c.hold();
    await Promise.race([Promise.allSettled([...this.conns].map((c) => c.idle())), sleep(10_000)]);
    await this.service.shutdown();
    for (const c of [...this.conns]) c.close(CLOSE.restart, 'server herstart');
    for (const ws of this.sockets) {
      if (ws.readyState === WebSocket.OPEN) ws.close(CLOSE.restart, 'server herstart');
    }
    const deadline = Date.now() + 3000;
    // Until every socket is closed and every connection has left its document (so `onClosed` has fired).
    while ((this.sockets.size > 0 || this.conns.size > 0) && Date.now() < deadline) await sleep(20);
    for (const ws of this.sockets) ws.terminate();
    this.server?.off('upgrade', this.onUpgrade);
    this.wss?.close();
    this.removeGauges?.();
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = pathOf(req.url);
    if (!path.startsWith(COLLAB_PATH_PREFIX) && path !== COLLAB_PATH_PREFIX.slice(0, -1)) return;
    if (this.closing || !this.wss) {
      socket.destroy();
      return;
    }
    // `ws` handles the socket's errors itself, before and after the upgrade. Nothing that lives
    // as long as the socket may hold `req`: its listeners' closures would keep it (and its
    // headers) for the connection's life. Only the headers and the address go on.
    const upgrade: Upgrade = {
      headers: req.headers,
      address: this.clientAddress.of(req),
      path,
    };
    this.wss.handleUpgrade(req, socket, head, (ws) => this.upgraded(ws, upgrade));
  };

  private upgraded(ws: WebSocket, upgrade: Upgrade): void {
    this.admit(ws, upgrade).catch((e: unknown) => {
      this.logger.error(`Collab connection setup failed: ${describeError(e)}`);
      this.refuse(ws, CLOSE.serverError, 'serverfout');
    });
  }

  /** Refuse a checked client (4401/4403): reported to `onRefused`, then closed. */
  private deny(
    ws: WebSocket,
    upgrade: Upgrade,
    code: number,
    reason: string,
    docName: string | null,
    userId: string | null,
  ): void {
    this.service.refused({ docName, userId, code, address: upgrade.address });
    this.refuse(ws, code, reason);
  }

  private refuse(ws: WebSocket, code: number, reason: string): void {
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)
      ws.close(code, reason);
    setTimeout(() => {
      if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
    }, 5000).unref();
  }

  /** Kept in `sockets` until closed; errors are ignored (a close follows). */
  private track(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.once('close', () => this.sockets.delete(ws));
    ws.on('error', ignore);
  }

  /** Messages that arrive while the client is checked wait here; none is answered before it is let in. */
  private holdEarly(ws: WebSocket): EarlyMessages {
    const held: EarlyMessages = {
      messages: [],
      listener: (data, isBinary) => {
        if (held.messages.length >= MAX_PENDING_MESSAGES)
          this.refuse(ws, CLOSE.badMessage, 'te veel berichten');
        else held.messages.push([data, isBinary]);
      },
    };
    ws.on('message', held.listener);
    return held;
  }

  private async admit(ws: WebSocket, upgrade: Upgrade): Promise<void> {
    this.track(ws);
    const early = this.holdEarly(ws);
    // Wait for a turn; a socket that closes meanwhile is dropped without any lookup.
    const release = await this.handshakes.enter(ws);
    if (!release) return;
    try {
      await this.handshake(ws, upgrade, early);
    } finally {
      release();
    }
  }

  private async handshake(ws: WebSocket, upgrade: Upgrade, early: EarlyMessages): Promise<void> {
    const open = () => ws.readyState === WebSocket.OPEN && !this.closing;
    if (!open()) return;
    const { headers, path } = upgrade;

    let docName: string | null;
    try {
      docName = decodeURIComponent(path.slice(COLLAB_PATH_PREFIX.length));
    } catch {
      docName = null;
    }
    const parsed = docName === null ? null : parseDocName(docName);
    let auth: AuthContext;
    try {
      auth = await this.auth.authenticate({ headers });
    } catch (e) {
      // The refusal names the household asked for, when the name is one: the audit log shows who was tried.
      if (e instanceof SpilError && e.code.startsWith('auth.'))
        return this.deny(
          ws,
          upgrade,
          CLOSE.unauthenticated,
          'niet ingelogd',
          parsed ? docName : null,
          null,
        );
      throw e;
    }
    const userId = auth.user.id;
    if (!parsed || docName === null)
      return this.deny(ws, upgrade, CLOSE.forbidden, 'onbekend document', null, userId);
    if (auth.via === 'cookie' && !isAllowedOrigin({ headers }, this.config)) {
      return this.deny(ws, upgrade, CLOSE.forbidden, 'herkomst geweigerd', docName, userId);
    }
    const { householdId } = parsed;

    // Check before loading, so a stranger never makes the server load a plan. The access epoch
    // changes with every change to the household's team, roles or consent: while it stays the same,
    // this answer holds; when it moved while the document loaded, the check is made again.
    let epoch = this.service.accessEpoch(householdId);
    let access = await this.policy.docAccessFor(auth.user, parsed);
    if (!access) return this.deny(ws, upgrade, CLOSE.forbidden, 'geen toegang', docName, userId);
    if (!open()) return;

    let room: DocRoom;
    try {
      room = await this.service.acquire(docName);
    } catch (e) {
      this.logger.error(`Document could not be loaded: ${describeError(e)}`);
      return this.refuse(ws, CLOSE.serverError, 'document niet beschikbaar');
    }
    for (;;) {
      if (!open() || room.broken) {
        this.service.release(room);
        if (room.broken) this.refuse(ws, CLOSE.serverError, 'document niet beschikbaar');
        return;
      }
      if (!access) {
        this.service.release(room);
        return this.deny(ws, upgrade, CLOSE.forbidden, 'geen toegang', docName, userId);
      }
      // Nothing is awaited between the last look at the epoch and joining.
      if (epoch === this.service.accessEpoch(householdId)) break;
      epoch = this.service.accessEpoch(householdId);
      try {
        access = await this.policy.docAccessFor(auth.user, parsed);
      } catch (e) {
        this.service.release(room);
        throw e;
      }
    }
    ws.off('message', early.listener);
    const conn = new CollabConnection(
      ws,
      auth.user,
      auth.sessionId,
      access.write,
      access.teamRole,
      upgrade.address,
      this.service,
      this.forget,
      this.rateLimit,
    );
    for (const [data, isBinary] of early.messages.splice(0)) conn.receive(data, isBinary);
    this.conns.add(conn);
    this.service.attach(room, conn);
    conn.start(room);
  }
}
