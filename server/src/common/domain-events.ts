/**
 * Domain events, published by the services that own authoritative facts
 * after their transaction commits. Listeners (collab, the socket.io gateway,
 * the cross-instance relay) react; publishers never know who listens, so the
 * owning modules never import the collab layer.
 *
 * Listeners run synchronously in publish order; a listener that fails is
 * logged and does not stop the others.
 */
import { Injectable, Logger } from '@nestjs/common';
import { describeError } from './describe-error';

export interface DomainEventMap {
  /** Team membership or a member's role changed. */
  'team.changed': { householdId: string };
  /** A member left the team: their access ends now, live connections included. */
  'member.removed': { householdId: string; userId: string };
  /** The regiehouder changed. */
  'regie.changed': { householdId: string };
  /** Consent was given, changed or withdrawn. */
  'consent.changed': { householdId: string };
  /** A voorziening or its beschikking was added, changed or removed. */
  'voorzieningen.changed': { householdId: string };
  /** A session ended (logout, expiry). */
  'session.ended': { sessionId: string; userId: string };
  /** An account was disabled: every session of it ends. */
  'user.disabled': { userId: string };
}
export type DomainEventName = keyof DomainEventMap;
type Listener<K extends DomainEventName> = (payload: DomainEventMap[K]) => void | Promise<void>;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly listeners = new Map<DomainEventName, Set<Listener<never>>>();
  /** Set by the cross-instance relay: forwards locally published events to other instances. */
  private forwarder:
    (<K extends DomainEventName>(name: K, payload: DomainEventMap[K]) => void) | null = null;

  on<K extends DomainEventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Publish after commit. Runs local listeners and forwards to other instances. */
  publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.deliver(name, payload);
    this.forwarder?.(name, payload);
  }

  /** Deliver an event that arrived from another instance to local listeners only. */
  deliver<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    for (const l of this.listeners.get(name) ?? []) {
      try {
        const r = (l as Listener<K>)(payload);
        if (r instanceof Promise)
          r.catch((e: unknown) =>
            this.logger.error(`Listener for ${name} failed: ${describeError(e)}`),
          );
      } catch (e) {
        this.logger.error(`Listener for ${name} failed: ${describeError(e)}`);
      }
    }
  }

  setForwarder(fn: typeof this.forwarder): void {
    this.forwarder = fn;
  }
}
