/**
 * The typed way for services to reach browsers on socket.io `/events`,
 * without seeing a Socket. The gateway binds the server on start; with the
 * Redis adapter every emit reaches clients on all instances (and, while
 * Redis is away, the clients of this one).
 *
 * What a domain event causes is done by every instance for its own sockets
 * (`local`): the event reaches every instance through PostgreSQL, so cutting
 * a socket off never depends on Redis. The Redis adapter would even skip the
 * sockets of this instance while Redis is away: it carries out a remote
 * disconnect or leave only when its own request comes back through Redis.
 */
import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { ServerToClientEvents } from '@spil/shared';

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  household: (householdId: string) => `household:${householdId}`,
  doc: (docName: string) => `doc:${docName}`,
};

@Injectable()
export class EventsBroadcaster {
  private server: Namespace | null = null;

  bind(server: Namespace): void {
    this.server = server;
  }

  /**
   * Whether the user has an open `/events` connection on any instance (the
   * adapter asks the others with REDIS_URL). False when that cannot be told
   * in time: then they hear of it by e-mail rather than not at all.
   */
  async userOnline(userId: string): Promise<boolean> {
    if (!this.server) return false;
    try {
      return (await this.server.in(rooms.user(userId)).fetchSockets()).length > 0;
    } catch {
      return false;
    }
  }

  /** Open connections on `/events` on this instance (metrics). */
  connectionCount(): number {
    return this.server?.sockets.size ?? 0;
  }

  toRoom<K extends keyof ServerToClientEvents>(
    room: string,
    event: K,
    payload: ServerToClientEvents[K],
  ): void {
    this.server?.to(room).emit(event, payload);
  }

  /**
   * One emit to the personal rooms of the given users: each of their sockets
   * (on every instance) gets it once. For events that only these users may
   * see; an empty list sends nothing.
   */
  toUsers<K extends keyof ServerToClientEvents>(
    userIds: readonly string[],
    event: K,
    payload: ServerToClientEvents[K],
  ): void {
    if (userIds.length === 0) return;
    this.server?.to([...new Set(userIds)].map(rooms.user)).emit(event, payload);
  }

  /** To this instance's sockets in a room only: for what every instance does on a domain event. */
  toLocalRoom<K extends keyof ServerToClientEvents>(
    room: string,
    event: K,
    payload: ServerToClientEvents[K],
  ): void {
    this.server?.local.to(room).emit(event, payload);
  }

  /** Disconnect this instance's sockets in a room (every instance does so on the domain event): a session ended, an account was disabled. */
  disconnectLocalRoom(room: string): void {
    this.server?.local.in(room).disconnectSockets(true);
  }
}
