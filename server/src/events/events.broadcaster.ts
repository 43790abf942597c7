/**
 * The typed way for services to reach browsers on socket.io `/events`,
 * without seeing a Socket. The gateway binds the server on start; with the
 * Redis adapter every emit reaches clients on all instances.
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

  /** Disconnect every socket in a room (all instances with the adapter): a session ended, an account was disabled. */
  disconnectRoom(room: string): void {
    this.server?.in(room).disconnectSockets(true);
  }

  /** Remove a user's sockets from a household's rooms after they left its team. */
  leaveHousehold(userId: string, householdId: string, docRooms: string[]): void {
    const target = this.server?.in(rooms.user(userId));
    if (!target) return;
    target.socketsLeave([rooms.household(householdId), ...docRooms]);
  }
}
