/**
 * The audit log: `record()` appends through a single-writer queue per
 * instance (batches of records, one transaction each, serialised across
 * instances by the writer's lock), and the queries behind `GET /api/audit`
 * and the inwoner's access overview. While the database is away records go
 * to a durable spool in the data folder and reach the chain in order once
 * it is back (audit-spool.ts).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AccessLogEntryDto, AuditEventDto, AuditPurpose, TeamRole } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { UserEntity } from '../users/user.entity';
import { type AccessRecord, buildAccessLog } from './access-log';
import { AuditSpool, databaseUnavailable, REJECTED_FILE } from './audit-spool';
import type { VerifyResult } from './audit-chain';
import {
  AUDIT_COLUMNS,
  type AuditRecordInput,
  type AuditRow,
  AuditWriter,
  rowToRecord,
  verifyAuditChainSnapshot,
} from './audit.writer';

/** Who acted, in the NEN 7513 fields. */
export interface Actor {
  userId: string | null;
  userName: string | null;
  userRole: string | null;
  organisation: string | null;
  onBehalfOf: string | null;
  purpose: AuditPurpose;
}

/** The actor for system jobs (the retention purge). */
export const SYSTEM_ACTOR: Actor = {
  userId: null,
  userName: 'Spil',
  userRole: 'systeem',
  organisation: null,
  onBehalfOf: null,
  purpose: 'bewaartermijn',
};

interface Pending {
  input: AuditRecordInput;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const BATCH = 500;
/** First retry of the spool after the database went away, in ms; doubled up to REPLAY_MAX_MS. */
const REPLAY_FIRST_MS = 500;
const REPLAY_MAX_MS = 5000;

export interface AuditFilter {
  householdId?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit: number;
  /** Only records about households of this wijkteam (a coördinator's view). */
  wijkteamId?: string;
}

/** How long a wijkteam's name is taken from memory for audit records, in ms. */
const WIJKTEAM_NAME_TTL_MS = 60_000;
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  private readonly writer: AuditWriter;
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** Wijkteam names, kept a minute: a wijkteam can be renamed (beheer), and records carry the name of their moment. */
  private readonly wijkteamNames = new Map<string, { name: string; until: number }>();
  private readonly spool: AuditSpool;
  private replayTimer: NodeJS.Timeout | null = null;
  private replaying: Promise<void> | null = null;
  private replayDelay = REPLAY_FIRST_MS;
  private destroyed = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.writer = new AuditWriter(ds, config.INSTANCE_ID);
    this.spool = new AuditSpool(resolve(config.DATA_DIR));
  }

  /**
   * Append records; resolves once they are committed, or, while the database
   * is away, once they are durably in the spool (they reach the chain, in
   * order, when it is back). Order within one call is kept.
   */
  record(inputs: AuditRecordInput | AuditRecordInput[]): Promise<void> {
    const list = (Array.isArray(inputs) ? inputs : [inputs]).map((input) => ({
      ...input,
      // The time it happened, also when it reaches the chain later.
      occurredAt: input.occurredAt ?? new Date(),
    }));
    if (list.length === 0) return Promise.resolve();
    if (this.spool.size > 0) {
      // Records are waiting for the database: these go behind them (and anything queued), never before.
      try {
        if (this.queue.length > 0) this.spoolQueued(this.queue.splice(0));
        this.spoolRecords(list);
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error('spool'));
      }
      this.scheduleReplay(0);
      return Promise.resolve();
    }
    const done = list.map(
      (input) =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({ input, resolve, reject });
        }),
    );
    this.kick();
    return Promise.all(done).then(() => undefined);
  }

  /** Record without waiting; a failure is logged (without personal data) and swallowed. */
  recordQuietly(inputs: AuditRecordInput | AuditRecordInput[]): void {
    this.record(inputs).catch((e: unknown) =>
      this.logger.error(`Audit record lost: ${errorName(e)}`),
    );
  }

  /** Records waiting in the spool for the database (metrics, tests). */
  get spooled(): number {
    return this.spool.size;
  }

  private spoolRecords(inputs: AuditRecordInput[]): void {
    this.spool.append(
      inputs.map((input) => ({
        ...input,
        id: input.id ?? randomUUID(),
        occurredAt: input.occurredAt ?? new Date(),
      })),
    );
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.flushing = null;
        if (this.queue.length > 0) this.kick();
      });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      if (this.spool.size > 0) {
        // The database went away meanwhile: whatever is queued goes behind the spooled records.
        this.spoolQueued(this.queue.splice(0));
        return;
      }
      const batch = this.queue.splice(0, BATCH);
      try {
        await this.writer.append(batch.map((p) => p.input));
        for (const p of batch) p.resolve();
      } catch (e) {
        if (databaseUnavailable(e)) {
          this.logger.warn(
            `Database unavailable (${errorName(e)}): audit records go to the spool until it is back`,
          );
          this.spoolQueued([...batch, ...this.queue.splice(0)]);
          return;
        }
        this.logger.error(
          `Audit append failed: ${errorName(e)} (${batch.length} records: ${[...new Set(batch.map((p) => p.input.event))].join(', ')})`,
        );
        for (const p of batch) p.reject(e);
      }
    }
  }

  private spoolQueued(pending: Pending[]): void {
    try {
      this.spoolRecords(pending.map((p) => p.input));
    } catch (e) {
      this.logger.error(`Audit spool could not be written: ${errorName(e)}`);
      for (const p of pending) p.reject(e);
      return;
    }
    for (const p of pending) p.resolve();
    this.scheduleReplay(REPLAY_FIRST_MS);
  }

  /** Try the spool again after `ms` (unless a try is already planned or running). */
  private scheduleReplay(ms: number): void {
    if (this.replayTimer || this.replaying || this.destroyed) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = null;
      void this.startReplay();
    }, ms);
    this.replayTimer.unref();
  }

  private startReplay(): Promise<void> {
    this.replaying = this.replay()
      .catch((e: unknown) => this.logger.error(`Audit spool replay failed: ${errorName(e)}`))
      .finally(() => {
        this.replaying = null;
        // Still records waiting (the database is still away): try again later.
        if (this.spool.size > 0 && !this.destroyed) this.scheduleReplay(this.replayDelay);
      });
    return this.replaying;
  }

  /**
   * Write the spool into the chain, oldest first, a batch per transaction.
   * Stops at the first sign that the database is still away and tries again
   * later (backing off up to REPLAY_MAX_MS).
   */
  private async replay(): Promise<void> {
    while (this.spool.size > 0) {
      const batch = this.spool.head(BATCH);
      try {
        await this.writer.append(batch, { skipExisting: true });
        this.spool.shift(batch.length);
        this.replayDelay = REPLAY_FIRST_MS;
      } catch (e) {
        if (databaseUnavailable(e)) {
          this.replayDelay = Math.min(this.replayDelay * 2, REPLAY_MAX_MS);
          return;
        }
        if (batch.length > 1) {
          // Find the record the database refuses: write the batch one by one.
          const one = this.spool.head(1);
          try {
            await this.writer.append(one, { skipExisting: true });
            this.spool.shift(1);
            continue;
          } catch (e1) {
            if (databaseUnavailable(e1)) return;
          }
        }
        const bad = this.spool.setAsideFirst();
        this.logger.error(
          `Spooled audit record of ${bad?.event ?? 'unknown'} refused by the database (${errorName(e)}): kept in ${REJECTED_FILE}`,
        );
      }
    }
    this.logger.log('Audit spool written to the chain');
  }

  /** Wait until everything queued so far is stored, and the spool written when the database is there (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.flushing || this.queue.length > 0) {
      if (!this.flushing) this.kick();
      await this.flushing;
    }
    if (this.replaying) await this.replaying;
    if (this.spool.size > 0 && !this.destroyed) {
      if (this.replayTimer) clearTimeout(this.replayTimer);
      this.replayTimer = null;
      await this.startReplay();
    }
  }

  onApplicationBootstrap(): void {
    // Records spooled before a restart: into the chain first.
    if (this.spool.size > 0) {
      this.logger.log(`${this.spool.size} spooled audit records wait for the chain`);
      this.scheduleReplay(0);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
    // What is still spooled stays on disk for the next start.
    this.destroyed = true;
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
  }

  /**
   * The NEN 7513 "who" of a user: name, role, organisation and the wijkteam
   * they act for. An inwoner or naaste is recorded by id and role only, as
   * their name and "organisation" (the household) go with the household's
   * purge while audit records stay.
   */
  async actorOf(
    user: UserEntity,
    teamRole?: TeamRole | null,
    purpose?: AuditPurpose,
  ): Promise<Actor> {
    const household = user.systemRole === 'inwoner' || user.systemRole === 'naaste';
    return {
      userId: user.id,
      // The household's own people by id only: their names are deleted with the household, audit records stay.
      userName: household ? null : user.name,
      userRole: [user.systemRole, user.discipline, teamRole].filter(Boolean).join('/'),
      organisation: household ? null : user.organisation,
      onBehalfOf: household ? null : await this.wijkteamName(user.wijkteamId),
      purpose:
        purpose ??
        (household ? 'inzage' : user.systemRole === 'beheerder' ? 'beheer' : 'zorgverlening'),
    };
  }

  private async wijkteamName(id: string | null): Promise<string | null> {
    if (!id) return null;
    const cached = this.wijkteamNames.get(id);
    if (cached && cached.until > Date.now()) return cached.name;
    const rows = await this.ds.query<{ name: string }[]>(
      'SELECT name FROM wijkteam WHERE id = $1',
      [id],
    );
    const name = rows[0]?.name ?? null;
    if (name) this.wijkteamNames.set(id, { name, until: Date.now() + WIJKTEAM_NAME_TTL_MS });
    return name;
  }

  /** The caller's open team roles on these households, for the role field of each record. */
  async teamRoles(userId: string, householdIds: string[]): Promise<Map<string, TeamRole>> {
    const out = new Map<string, TeamRole>();
    if (householdIds.length === 0) return out;
    const rows = await this.ds.query<{ household_id: string; role: TeamRole }[]>(
      'SELECT household_id, role FROM team_membership WHERE user_id = $1 AND household_id = ANY($2::uuid[]) AND ended_at IS NULL',
      [userId, householdIds],
    );
    for (const r of rows) out.set(r.household_id, r.role);
    return out;
  }

  /** A user by id, with what `actorOf` needs; null when unknown. */
  async userById(id: string): Promise<UserEntity | null> {
    const rows = await this.ds.query<UserEntity[]>(
      `SELECT id, name, discipline, organisation, system_role AS "systemRole", wijkteam_id AS "wijkteamId" FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** For a refused login: the account the address belongs to, if any. */
  async userByEmail(email: string): Promise<UserEntity | null> {
    const rows = await this.ds.query<UserEntity[]>(
      `SELECT id, name, discipline, organisation, system_role AS "systemRole", wijkteam_id AS "wijkteamId"
         FROM app_user WHERE email = $1`,
      [email.trim().toLowerCase()],
    );
    return rows[0] ?? null;
  }

  /** Records matching the filter, newest first. */
  async find(filter: AuditFilter): Promise<AuditEventDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (filter.householdId) where.push(`household_id = ${p(filter.householdId)}`);
    if (filter.userId) where.push(`user_id = ${p(filter.userId)}`);
    if (filter.from) where.push(`occurred_at >= ${p(filter.from.toISOString())}`);
    if (filter.to) where.push(`occurred_at <= ${p(filter.to.toISOString())}`);
    if (filter.beforeSeq) where.push(`seq < ${p(String(filter.beforeSeq))}`);
    if (filter.wijkteamId)
      where.push(
        `household_id IN (SELECT id FROM household WHERE wijkteam_id = ${p(filter.wijkteamId)})`,
      );
    const sql = `SELECT ${AUDIT_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM audit_event
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${p(filter.limit)}`;
    const rows = await this.ds.query<AuditRow[]>(sql, params);
    return rows.map((row) => {
      const r = rowToRecord(row);
      return {
        ...r,
        occurredAt: r.occurredAt.toISOString(),
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      };
    });
  }

  /** Whether a household belongs to a wijkteam (a coördinator may only read its own). */
  async householdInWijkteam(householdId: string, wijkteamId: string): Promise<boolean> {
    const rows = await this.ds.query<unknown[]>(
      'SELECT 1 FROM household WHERE id = $1 AND wijkteam_id = $2',
      [householdId, wijkteamId],
    );
    return rows.length > 0;
  }

  /** The households an inwoner or naaste belongs to (open membership with a household role). */
  async ownHouseholds(userId: string): Promise<string[]> {
    const rows = await this.ds.query<{ household_id: string }[]>(
      `SELECT household_id FROM team_membership WHERE user_id = $1 AND ended_at IS NULL AND role IN ('inwoner', 'naaste')`,
      [userId],
    );
    return rows.map((r) => r.household_id);
  }

  /** The access overview of these households, for `viewerId`: successful accesses by others, oldest first. */
  async accessLog(
    householdIds: string[],
    viewerId: string,
    limit = 5000,
  ): Promise<AccessLogEntryDto[]> {
    if (householdIds.length === 0) return [];
    const rows = await this.ds.query<
      {
        occurred_at: Date | string;
        user_id: string | null;
        user_name: string | null;
        user_role: string | null;
        organisation: string | null;
        household_id: string;
        part: AccessRecord['part'];
        action: AccessRecord['action'];
        event: string;
      }[]
    >(
      `SELECT occurred_at, user_id, user_name, user_role, organisation, household_id, part, action, event
         FROM audit_event
        WHERE household_id = ANY($1::uuid[]) AND outcome = 'success' AND (user_id IS NULL OR user_id <> $2)
        ORDER BY seq DESC LIMIT $3`,
      [householdIds, viewerId, limit],
    );
    return buildAccessLog(
      rows.map((r) => ({
        occurredAt: r.occurred_at instanceof Date ? r.occurred_at : new Date(r.occurred_at),
        userId: r.user_id,
        userName: r.user_name,
        userRole: r.user_role,
        organisation: r.organisation,
        householdId: r.household_id,
        part: r.part,
        action: r.action,
        event: r.event,
      })),
      viewerId,
    );
  }

  verify(): Promise<VerifyResult> {
    return verifyAuditChainSnapshot(this.ds);
  }
}

/** An error's class name only: messages may carry SQL parameters, so they stay out of the log. */
function errorName(e: unknown): string {
  if (e instanceof Error)
    return `${e.name}${'code' in e && typeof e.code === 'string' ? ` (${e.code})` : ''}`;
  return 'unknown';
}
