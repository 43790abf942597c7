/**
 * Audit records of the collab channel (NEN 7513): a document opened (a
 * read), the edits of one connection to one document (one record per
 * connection and document, linked to the update-log rows it wrote, never one
 * per keystroke), updates the server refused, upgrades it refused (4401/4403,
 * naming the household asked for) and connections it closed for sending too
 * many messages (1008).
 *
 * Lives outside `modules/` because it imports the collab layer (modules
 * never do); it only listens, and writes through `AuditService`.
 *
 * Subscribes to CollabService's hooks (`collab.hooks.ts`): onOpened,
 * onCommitted, onClosed, onRejected and onRefused.
 */
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AuditPart, parseDocName } from '@spil/shared';
import type {
  CommittedBatch,
  CollabConnectionInfo,
  RefusedConnection,
  RejectedUpdate,
} from '../collab/collab.hooks';
import { CLOSE } from '../collab/collab.constants';
import { CollabService } from '../collab/collab.service';
import { type Actor, AuditService } from '../modules/audit/audit.service';

const PART_BY_KIND: Record<string, AuditPart> = {
  plan: 'plan',
  medisch: 'medisch',
  werk: 'werk',
  overleg: 'overleg',
};
/** An edit session's record is written at the latest this long after its first edit, in ms. */
const EDIT_FLUSH_MS = 5 * 60_000;

interface EditSession {
  conn: CollabConnectionInfo;
  firstId: string;
  lastId: string;
  rows: number;
  since: number;
}

function subjectOf(docName: string): { householdId: string | null; part: AuditPart } {
  const doc = parseDocName(docName);
  return doc
    ? { householdId: doc.householdId, part: PART_BY_KIND[doc.kind] ?? 'overig' }
    : { householdId: null, part: 'overig' };
}

@Injectable()
export class CollabAuditBridge
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(CollabAuditBridge.name);
  private readonly edits = new Map<string, EditSession>();
  private timer: NodeJS.Timeout | null = null;
  /** Records on their way (each looks up the actor first): shutdown waits for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    let collab: CollabService;
    try {
      collab = this.moduleRef.get(CollabService, { strict: false });
    } catch {
      return;
    }
    collab.onOpened((c) => this.opened(c));
    collab.onCommitted((e) => this.committed(e));
    collab.onClosed((c) => this.closed(c));
    collab.onRejected((e) => this.rejected(e));
    collab.onRefused((e) => this.refused(e));
    this.timer = setInterval(() => this.flushOld(Date.now() - EDIT_FLUSH_MS), 60_000);
    this.timer.unref();
  }

  /** Write the open edit sessions. Hooks stay subscribed: collab may still store and close while shutting down. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.settle();
  }

  /**
   * Runs after every `beforeApplicationShutdown`, so after the collab gateway
   * has closed its connections (each close writes its edit session), and
   * before the database closes.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.settle();
  }

  /** Write what is open and wait until every record on its way is appended. */
  private async settle(): Promise<void> {
    this.flushOld(Infinity);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.audit.flush();
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Connections that are open, by id: the committed hook names only the connection. */
  private readonly known = new Map<string, CollabConnectionInfo>();
  /**
   * Each connection's actor (name, role on the team, wijkteam), looked up
   * once when it opens: its later records (edits, a rate-limit close, a
   * refused update) need no database read, so they are written, or spooled,
   * also while the database is away.
   */
  private readonly actors = new Map<string, Promise<Actor>>();

  private actorFor(c: CollabConnectionInfo): Promise<Actor> {
    const cached = this.actors.get(c.connectionId);
    if (cached) return cached.catch(() => this.lookUpActor(c));
    return this.lookUpActor(c);
  }

  /** The team role is the one the connection's access check found: no second look at the team. */
  private lookUpActor(c: CollabConnectionInfo): Promise<Actor> {
    return this.audit.actorOf(c.user, c.teamRole);
  }

  opened(c: CollabConnectionInfo): void {
    this.known.set(c.connectionId, c);
    const actor = this.lookUpActor(c);
    actor.catch(() => undefined);
    this.actors.set(c.connectionId, actor);
    const subject = subjectOf(c.docName);
    this.write(c, {
      event: `${subject.part}.read`,
      action: 'R',
      outcome: 'success',
      ...subject,
      detail: { connectionId: c.connectionId, write: c.write },
    });
  }

  closed(c: CollabConnectionInfo & { code?: number }): void {
    const key = `${c.connectionId}|${c.docName}`;
    const session = this.edits.get(key);
    if (session) {
      this.edits.delete(key);
      this.flushEdits(session);
    }
    // Closed by the server for going over COLLAB_RATE_LIMIT_*: once per connection, so a flood cannot flood the log.
    if (c.code === CLOSE.tooManyMessages) {
      this.write(c, {
        event: 'collab.message',
        action: 'U',
        outcome: 'refused',
        ...subjectOf(c.docName),
        detail: { connectionId: c.connectionId, code: 'rate.limited', closeCode: c.code },
      });
    }
    // Last: the records above took the connection's actor on their way.
    this.known.delete(c.connectionId);
    this.actors.delete(c.connectionId);
  }

  /** Count each connection's rows into its edit session on that document. */
  committed(e: CommittedBatch): void {
    for (const row of e.rows) {
      if (!row.connectionId) continue;
      const key = `${row.connectionId}|${e.docName}`;
      const session = this.edits.get(key);
      if (session) {
        session.lastId = row.id;
        session.rows++;
        continue;
      }
      const conn = this.known.get(row.connectionId);
      if (!conn) continue;
      this.edits.set(key, {
        conn: { ...conn, docName: e.docName },
        firstId: row.id,
        lastId: row.id,
        rows: 1,
        since: Date.now(),
      });
    }
  }

  private flushOld(before: number): void {
    for (const [key, s] of this.edits) {
      if (s.since > before) continue;
      this.edits.delete(key);
      this.flushEdits(s);
    }
  }

  private flushEdits(s: EditSession): void {
    const subject = subjectOf(s.conn.docName);
    this.write(s.conn, {
      event: `${subject.part}.update`,
      action: 'U',
      outcome: 'success',
      ...subject,
      detail: {
        connectionId: s.conn.connectionId,
        updateLog: {
          table: 'plan_update',
          docName: s.conn.docName,
          firstId: s.firstId,
          lastId: s.lastId,
          rows: s.rows,
        },
      },
    });
  }

  private rejected(e: RejectedUpdate): void {
    const subject = subjectOf(e.docName);
    const conn = this.known.get(e.connectionId);
    const known = conn ? this.actorFor(conn) : null;
    this.track(
      (async () => {
        let actor: Partial<Actor> = { userId: e.userId, purpose: 'zorgverlening' };
        if (known) actor = await known;
        else {
          const user = await this.audit.userById(e.userId);
          if (user) actor = await this.audit.actorOf(user);
        }
        await this.audit.record({
          purpose: 'zorgverlening',
          ...actor,
          event: `${subject.part}.update`,
          action: 'U',
          outcome: 'refused',
          channel: 'collab',
          sourceAddress: conn?.address ?? null,
          ...subject,
          occurredAt: e.at,
          detail: { connectionId: e.connectionId, reason: e.reason, bytes: e.bytes },
        });
      })().catch(() => this.logger.error('Audit record of a rejected update was lost')),
    );
  }

  private refused(e: RefusedConnection): void {
    const subject = e.docName
      ? subjectOf(e.docName)
      : { householdId: null, part: 'overig' as const };
    this.track(
      (async () => {
        const user = e.userId ? await this.audit.userById(e.userId) : null;
        const actor = user
          ? await this.audit.actorOf(user)
          : { userId: e.userId, purpose: 'zorgverlening' as const };
        await this.audit.record({
          ...actor,
          event: `${subject.part}.read`,
          action: 'R',
          outcome: 'refused',
          channel: 'collab',
          sourceAddress: e.address,
          ...subject,
          detail: { code: e.code },
        });
      })().catch(() => this.logger.error('Audit record of a refused collab connection was lost')),
    );
  }

  private write(
    c: CollabConnectionInfo,
    record: {
      event: string;
      action: 'R' | 'U';
      outcome: 'success' | 'refused';
      householdId: string | null;
      part: AuditPart;
      detail: Record<string, unknown>;
    },
  ): void {
    // Taken now, while the connection is known: its actor was looked up when it opened.
    const actor = this.actorFor(c);
    const occurredAt = new Date();
    this.track(
      (async () => {
        await this.audit.record({
          ...(await actor),
          ...record,
          occurredAt,
          channel: 'collab',
          sourceAddress: c.address ?? null,
        });
      })().catch(() => this.logger.error(`Audit record of ${record.event} on collab was lost`)),
    );
  }
}
