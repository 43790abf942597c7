/**
 * Who may stay on an open document: follows the domain events that change
 * access (team, membership, consent, sessions, accounts) and closes or
 * downgrades the connections concerned, and mirrors team/regie changes into
 * open plans (through the callback). Keeps the access epoch per household
 * that the gateway checks across a join.
 */
import type { DomainEvents } from '../common/domain-events';
import type { HouseholdAccessPolicy } from '../modules/households/household-access.policy';
import { CLOSE } from './collab.constants';
import type { CollabPeer, DocRoom } from './doc-room';

export class AccessWatcher {
  /** Bumped whenever access to a household may have changed; joins re-check across it. */
  private readonly epochs = new Map<string, number>();

  constructor(
    private readonly events: DomainEvents,
    private readonly policy: HouseholdAccessPolicy,
    /** The open documents. */
    private readonly rooms: () => Iterable<DocRoom>,
    /** Team or regie changed: write the server-owned part of the open plan again. */
    private readonly refreshServerPart: (householdId: string) => void,
  ) {}

  /** Subscribe; returns the unsubscribe functions. */
  start(): (() => void)[] {
    const on = this.events.on.bind(this.events);
    return [
      on('team.changed', ({ householdId }) => {
        this.bump(householdId);
        this.refreshServerPart(householdId);
        return this.recheck(householdId);
      }),
      on('regie.changed', ({ householdId }) => this.refreshServerPart(householdId)),
      on('member.removed', ({ householdId, userId }) => {
        this.bump(householdId);
        this.closePeers(
          (p, room) => room.parsed.householdId === householdId && p.user.id === userId,
          CLOSE.forbidden,
          'geen lid meer',
        );
      }),
      on('consent.changed', ({ householdId }) => {
        this.bump(householdId);
        return this.recheck(householdId);
      }),
      on('session.ended', ({ sessionId }) =>
        this.closePeers(
          (p) => p.sessionId === sessionId,
          CLOSE.unauthenticated,
          'sessie beëindigd',
        ),
      ),
      on('user.disabled', ({ userId }) =>
        this.closePeers(
          (p) => p.user.id === userId,
          CLOSE.unauthenticated,
          'account uitgeschakeld',
        ),
      ),
    ];
  }

  epoch(householdId: string): number {
    return this.epochs.get(householdId) ?? 0;
  }

  private bump(householdId: string): void {
    this.epochs.set(householdId, this.epoch(householdId) + 1);
  }

  private closePeers(
    match: (p: CollabPeer, room: DocRoom) => boolean,
    code: number,
    reason: string,
  ): void {
    for (const room of this.rooms()) {
      for (const p of [...room.peers]) if (match(p, room)) p.close(code, reason);
    }
  }

  /** Ask the policy again for every connection on the household's documents; close those no longer allowed. */
  private async recheck(householdId: string): Promise<void> {
    const targets: { room: DocRoom; peer: CollabPeer }[] = [];
    for (const room of this.rooms()) {
      if (room.parsed.householdId !== householdId) continue;
      for (const peer of room.peers) targets.push({ room, peer });
    }
    for (const { room, peer } of targets) {
      if (peer.closed) continue;
      const access = await this.policy.docAccessFor(peer.user, room.parsed);
      if (!access) peer.close(CLOSE.forbidden, 'geen toegang meer');
      else {
        peer.write = access.write;
        peer.teamRole = access.teamRole;
      }
    }
  }
}
