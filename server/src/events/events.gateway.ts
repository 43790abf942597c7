import { messageCorrelationId, withCorrelation } from '../common/correlation';
import { Logger, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { type Ack, parseDocName, PlanSubscribe } from '@spil/shared';
import { DomainEvents } from '../common/domain-events';
import { SpilError } from '../common/errors';
import { AuthService } from '../modules/auth/auth.service';
import type { AuthContext } from '../modules/auth/auth.types';
import { HouseholdAccessPolicy } from '../modules/households/household-access.policy';
import { SocketSecurity } from '../modules/hardening/socket-security';
import { EventsBroadcaster, rooms } from './events.broadcaster';

interface SocketData {
  auth?: AuthContext;
}
type EventsSocket = Socket<
  Record<string, never>,
  { error: (e: Ack<never>) => void },
  Record<string, never>,
  SocketData
>;

/**
 * After a refused handshake socket.io keeps the engine connection open (a
 * client may try another namespace on it) until the ping timeout, some 45 s.
 * Close it once `connect_error` is written: the namespace writes it on the
 * next tick, before this runs, and `close()` waits for the write buffer.
 */
function closeAfterRefusal(socket: Socket): void {
  const conn = socket.conn;
  setImmediate(() => {
    if (conn.readyState === 'open') conn.close();
  });
}

function fail(e: unknown): Ack<never> {
  if (e instanceof SpilError) return { error: { code: e.code, message: e.message } };
  return { error: { code: 'server.internal', message: 'Er ging iets mis aan onze kant.' } };
}

/**
 * socket.io `/events`: board events for browsers. Authenticated at the
 * handshake like REST (bearer in `auth.token` or the session cookie); every
 * message is validated and authorised on its own.
 */
@WebSocketGateway({
  namespace: '/events',
  destroyUpgrade: false,
  cors: false,
  maxHttpBufferSize: 64 * 1024,
})
export class EventsGateway implements OnGatewayConnection, OnModuleInit {
  private readonly logger = new Logger(EventsGateway.name);
  @WebSocketServer() private server: Namespace;

  constructor(
    private readonly auth: AuthService,
    private readonly policy: HouseholdAccessPolicy,
    private readonly broadcaster: EventsBroadcaster,
    private readonly events: DomainEvents,
    private readonly security: SocketSecurity,
  ) {}

  /** Domain events reach every instance; each acts for its own sockets (local), with or without Redis. */
  onModuleInit(): void {
    this.events.on('session.ended', ({ sessionId }) =>
      this.broadcaster.disconnectLocalRoom(rooms.session(sessionId)),
    );
    this.events.on('user.disabled', ({ userId }) =>
      this.broadcaster.disconnectLocalRoom(rooms.user(userId)),
    );
    this.events.on('member.removed', ({ userId, householdId }) => {
      this.broadcaster.toLocalRoom(rooms.user(userId), 'access:revoked', { householdId });
      this.leaveHouseholdRooms(householdId, (s) => s.data.auth?.user.id === userId);
    });
    // Consent decides who may follow the medical notes: ask the policy again for every follower.
    this.events.on('consent.changed', ({ householdId }) => this.recheckRooms(householdId));
    this.events.on('team.changed', ({ householdId }) =>
      this.broadcaster.toLocalRoom(rooms.household(householdId), 'household:changed', {
        householdId,
        what: 'team',
      }),
    );
    // Followers of the household's plan reload the voorzieningen and the budget, each with its own access check.
    this.events.on('voorzieningen.changed', ({ householdId }) =>
      this.broadcaster.toLocalRoom(rooms.household(householdId), 'household:changed', {
        householdId,
        what: 'voorzieningen',
      }),
    );
    this.events.on('regie.changed', ({ householdId }) =>
      this.broadcaster.toLocalRoom(rooms.household(householdId), 'household:changed', {
        householdId,
        what: 'regie',
      }),
    );
  }

  /**
   * Authentication runs as namespace middleware, before `connect` reaches the
   * client: a client may send its first message right after connecting and
   * finds itself authenticated. A refused handshake gets `connect_error`
   * with the catalogue code as message, and then its connection is closed,
   * so an unauthenticated client cannot hold one open.
   */
  afterInit(server: Namespace): void {
    this.broadcaster.bind(server);
    // The handshake and then every message get a correlation id of their own (in every log line).
    server.use((socket, next) => {
      let seq = 0;
      socket.use((_packet, go) =>
        withCorrelation(messageCorrelationId(socket.id, ++seq), () => go()),
      );
      withCorrelation(messageCorrelationId(socket.id, 0), () => next());
    });
    server.use((socket, next) => {
      this.authenticate(socket as EventsSocket).then(
        () => next(),
        (e: unknown) => {
          this.security.refusedHandshake(socket as EventsSocket, e);
          const err = new Error(e instanceof SpilError ? e.code : 'auth.required') as Error & {
            data?: unknown;
          };
          err.data = fail(e);
          next(err);
          closeAfterRefusal(socket);
        },
      );
    });
    // The main namespace serves nothing: refused the same way, or it would hold a connection open without a login.
    server.server.of('/').use((socket, next) => {
      next(new Error('Invalid namespace'));
      closeAfterRefusal(socket);
    });
  }

  private async authenticate(socket: EventsSocket): Promise<void> {
    const token =
      typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const auth = await this.auth.authenticate({
      headers: token ? { authorization: `Bearer ${token}` } : socket.handshake.headers,
    });
    // Origin allowlist, per-connection rate limit and session recheck on every message.
    this.security.admit(socket, auth);
    socket.data.auth = auth;
  }

  async handleConnection(socket: EventsSocket): Promise<void> {
    const auth = socket.data.auth;
    if (!auth) {
      socket.disconnect(true);
      return;
    }
    await socket.join([rooms.user(auth.user.id), rooms.session(auth.sessionId)]);
  }

  /** This instance's sockets leave every room of a household (other instances do the same on the relayed event). */
  private leaveHouseholdRooms(householdId: string, which: (s: EventsSocket) => boolean): void {
    for (const socket of this.server.sockets.values() as IterableIterator<EventsSocket>) {
      if (!which(socket)) continue;
      for (const room of socket.rooms) {
        if (room === rooms.household(householdId) || room.startsWith(rooms.doc(householdId)))
          void socket.leave(room);
      }
    }
  }

  /** Ask the policy again for each socket following a document of the household; leave what is no longer allowed. */
  private async recheckRooms(householdId: string): Promise<void> {
    for (const socket of this.server.sockets.values() as IterableIterator<EventsSocket>) {
      const auth = socket.data.auth;
      if (!auth) continue;
      for (const room of [...socket.rooms]) {
        if (!room.startsWith(rooms.doc(householdId))) continue;
        const parsed = parseDocName(room.slice(rooms.doc('').length));
        const access = parsed ? await this.policy.docAccessFor(auth.user, parsed) : null;
        if (!access) await socket.leave(room);
      }
    }
  }

  /** Follow a document: receive `plan:stored` after each commit. Checked against the access policy. */
  @SubscribeMessage('plan:subscribe')
  async subscribe(
    @ConnectedSocket() socket: EventsSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ docName: string }>> {
    try {
      const auth = this.requireAuth(socket);
      const { docName } = PlanSubscribe.parse(body);
      const parsed = parseDocName(docName);
      if (!parsed) throw new SpilError('validation.invalid', 'docName');
      const access = await this.policy.docAccessFor(auth.user, parsed);
      if (!access) throw new SpilError('household.not_found');
      await socket.join([rooms.doc(docName), rooms.household(parsed.householdId)]);
      return { data: { docName } };
    } catch (e) {
      this.security.refusedMessage(socket, socket.data.auth, 'plan.subscribe', body, e);
      return fail(
        e instanceof Error && e.name === 'ZodError' ? new SpilError('validation.invalid') : e,
      );
    }
  }

  @SubscribeMessage('plan:unsubscribe')
  async unsubscribe(
    @ConnectedSocket() socket: EventsSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ docName: string }>> {
    try {
      this.requireAuth(socket);
      const { docName } = PlanSubscribe.parse(body);
      await socket.leave(rooms.doc(docName));
      return { data: { docName } };
    } catch (e) {
      return fail(
        e instanceof Error && e.name === 'ZodError' ? new SpilError('validation.invalid') : e,
      );
    }
  }

  private requireAuth(socket: EventsSocket): AuthContext {
    if (!socket.data.auth) throw new SpilError('auth.required');
    return socket.data.auth;
  }

  get io(): Namespace {
    return this.server;
  }
}
