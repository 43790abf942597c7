/**
 * Domain events between instances through PostgreSQL `NOTIFY`/`LISTEN`, not
 * Redis: a removed member, a withdrawn consent, a disabled account or an
 * ended session must reach every instance even while Redis is away, and
 * every instance already depends on PostgreSQL (ADR 008).
 *
 * Publishing is one `SELECT pg_notify(...)` on the app's pool after the
 * publisher's transaction committed. Listening takes one dedicated
 * connection, reconnected with backoff when it drops. Notifications sent
 * while that connection was down are lost to this instance; a warning says so.
 */
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { type DomainEventMap, type DomainEventName, DomainEvents } from '../common/domain-events';
import { describeError } from '../common/describe-error';
import { backoff } from './redis-connections';

export const DOMAIN_EVENTS_CHANNEL = 'spil_domain_events';

interface Envelope {
  from: string;
  name: DomainEventName;
  payload: DomainEventMap[DomainEventName];
}

export class DomainEventsRelay {
  private readonly logger = new Logger('DomainEventsRelay');
  private client: Client | null = null;
  private attempts = 0;
  private everListened = false;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    /** This process; its own notifications come back to it and are skipped. */
    private readonly from: string,
    private readonly events: DomainEvents,
    private readonly ds: DataSource,
  ) {}

  /** Forward local events and start listening. Never throws: a failed connection is retried. */
  start(): void {
    this.events.setForwarder((name, payload) => this.publish(name, payload));
    void this.listen();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.events.setForwarder(null);
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    const env: Envelope = { from: this.from, name, payload };
    this.ds
      .query('SELECT pg_notify($1, $2)', [DOMAIN_EVENTS_CHANNEL, JSON.stringify(env)])
      .catch((e: unknown) =>
        this.logger.error(`A domain event did not reach other instances: ${describeError(e)}`),
      );
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const c = new Client({ connectionString: this.url, keepAlive: true });
    this.client = c;
    let failed = false;
    const fail = (e?: unknown) => {
      if (failed || this.closed) return;
      failed = true;
      if (e !== undefined) this.logger.warn(`Listening connection lost: ${describeError(e)}`);
      if (this.client === c) this.client = null;
      c.end().catch(() => undefined);
      this.retry = setTimeout(() => void this.listen(), backoff(++this.attempts));
      this.retry.unref();
    };
    c.on('error', fail);
    c.on('end', () => fail());
    c.on('notification', (msg) => {
      if (msg.channel === DOMAIN_EVENTS_CHANNEL && msg.payload) this.receive(msg.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    } catch (e) {
      fail(e);
      return;
    }
    if (this.everListened)
      this.logger.warn(
        'Listening again: domain events of other instances sent meanwhile were missed',
      );
    this.everListened = true;
    this.attempts = 0;
  }

  private receive(raw: string): void {
    let env: Envelope;
    try {
      env = JSON.parse(raw) as Envelope;
    } catch {
      this.logger.warn('Ignored a malformed domain event notification');
      return;
    }
    if (env.from !== this.from) this.events.deliver(env.name, env.payload);
  }
}
