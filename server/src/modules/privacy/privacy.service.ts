/**
 * AVG: the inzage export of one household, and the retention purge of
 * closed households. Audit records are never part of a purge: they live in
 * `audit_event` without foreign keys and are kept apart.
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DocKind, type HouseholdExportDto, isHouseholdRole, parseDocName } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DomainEvents } from '../../common/domain-events';
import { SpilError } from '../../common/errors';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../../common/plan-documents.port';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { CollaborationEvaluationsService } from '../collaboration-evaluations/collaboration-evaluations.service';
import { ConsentService } from '../consent/consent.service';
import { HouseholdAccessPolicy } from '../households/household-access.policy';
import { HouseholdsRepository } from '../households/households.repository';
import { MeetingsService } from '../meetings/meetings.service';
import { EffectsService } from '../proces/effects/effects.service';
import { EscalationsService } from '../proces/escalations/escalations.service';
import { EvaluationsService } from '../proces/evaluations/evaluations.service';
import { QuickscanService } from '../proces/quickscan/quickscan.service';
import { ZrmService } from '../proces/zrm/zrm.service';
import { RegieService } from '../regie/regie.service';
import type { UserEntity } from '../users/user.entity';
import { VoorzieningenService } from '../voorzieningen/voorzieningen.service';

/**
 * Other modules' data about a household, each read through its owner's own
 * service so that its access rules hold in the export too. A section the
 * caller may not see is left out.
 */
interface SectionSource {
  name: string;
  service: Type<unknown>;
  read: (service: unknown, user: UserEntity, householdId: string) => Promise<unknown>;
}
const section = <S>(
  name: string,
  service: Type<S>,
  read: (s: S, user: UserEntity, householdId: string) => Promise<unknown>,
): SectionSource => ({
  name,
  service,
  read: (s, user, householdId) => read(s as S, user, householdId),
});
const SECTIONS: SectionSource[] = [
  section('regie', RegieService, (s, u, h) => s.detail(u, h)),
  section('regie-overdrachten', RegieService, (s, u, h) => s.handovers(u, h)),
  section('toestemmingen', ConsentService, (s, u, h) => s.list(u, h)),
  section('overleggen', MeetingsService, (s, u, h) => s.list(u, h)),
  section('quickscan', QuickscanService, (s, u, h) => s.overview(u, h)),
  section('zrm', ZrmService, (s, u, h) => s.list(u, h)),
  section('escalaties', EscalationsService, (s, u, h) => s.list(u, h)),
  section('evaluatie', EvaluationsService, (s, u, h) => s.overview(u, h)),
  section('effecten', EffectsService, (s, u, h) => s.get(u, h)),
  section('samenwerking', CollaborationEvaluationsService, (s, u, h) => s.list(u, h)),
  section('voorzieningen', VoorzieningenService, (s, u, h) => s.forExport(u, h)),
];

/** Tables whose rows never go with a purged household. */
const KEPT_TABLES = new Set(['audit_event', 'audit_chain_head', 'household']);

const DOC_KIND_LABELS: Record<DocKind, string> = {
  plan: 'het plan van aanpak',
  medisch: 'de medische aantekeningen',
  werk: 'de werkaantekeningen van de professionals',
  overleg: 'de aantekeningen van een overleg',
};

export interface PurgeReport {
  householdId: string;
  /** Rows deleted per table. */
  rows: Record<string, number>;
  /** Household accounts (inwoner, naaste) that belonged to no other household and were removed. */
  accounts: number;
}

@Injectable()
export class PrivacyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PrivacyService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: HouseholdAccessPolicy,
    private readonly households: HouseholdsRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly moduleRef: ModuleRef,
    @Inject(PLAN_DOCUMENTS) private readonly plans: PlanDocuments,
  ) {}

  /* ---------- inzage export ---------- */

  /**
   * Everything about one household that the caller may see. Allowed for the
   * coördinator of its wijkteam, its regiehouder, and the inwoner and naasten
   * themselves (their right of inzage); 404 for those who may not see the
   * household, 403 for other team members.
   */
  async exportHousehold(user: UserEntity, householdId: string): Promise<HouseholdExportDto> {
    const access = await this.policy.access(user, householdId);
    const household = access ? await this.households.findById(householdId) : null;
    if (!access || !household) throw new SpilError('household.not_found');
    const regie = await this.households.regie([householdId]);
    const allowed =
      access.coordinator ||
      (access.teamRole !== null && isHouseholdRole(access.teamRole)) ||
      regie.get(householdId)?.userId === user.id;
    if (!allowed) throw new SpilError('export.forbidden');

    const q = this.query();
    const notes: string[] = [];
    const [members, team, regieHistory] = await Promise.all([
      this.households.members(householdId),
      q<{
        user_id: string;
        name: string;
        discipline: string;
        organisation: string;
        role: string;
        since: Date;
        ended_at: Date | null;
      }>(
        `SELECT m.user_id, u.name, u.discipline, u.organisation, m.role, m.since, m.ended_at
           FROM team_membership m JOIN app_user u ON u.id = m.user_id
          WHERE m.household_id = $1 ORDER BY m.since`,
        [householdId],
      ),
      q<{ user_id: string; name: string; reason: string; since: Date; ended_at: Date | null }>(
        `SELECT r.user_id, u.name, r.reason, r.since, r.ended_at
           FROM regie_assignment r JOIN app_user u ON u.id = r.user_id
          WHERE r.household_id = $1 ORDER BY r.since`,
        [householdId],
      ),
    ]);

    const documents: HouseholdExportDto['documents'] = [];
    const names = new Set((await this.plans.list(householdId)).map((d) => d.name));
    names.add(householdId);
    for (const name of [...names].sort()) {
      const parsed = parseDocName(name);
      if (!parsed || parsed.householdId !== householdId) continue;
      const docAccess = await this.policy.docAccessFor(user, parsed);
      if (!docAccess) {
        notes.push(
          `${capitalise(DOC_KIND_LABELS[parsed.kind])} staan niet in deze export: u heeft er geen toegang toe. Vraag de professional die ze bijhoudt om inzage.`,
        );
        continue;
      }
      const roots = await this.plans.contents(name);
      if (roots) documents.push({ name, kind: parsed.kind, roots });
    }

    const sections: Record<string, unknown> = {};
    for (const s of SECTIONS) {
      const service: unknown = this.resolve(s.service);
      if (!service) continue;
      try {
        sections[s.name] = await s.read(service, user, householdId);
      } catch (e) {
        if (!(e instanceof SpilError) || e.status >= 500) throw e;
        notes.push(
          `Het onderdeel '${s.name}' staat niet in deze export: u heeft er geen toegang toe.`,
        );
      }
    }

    const accessLog = await this.audit.accessLog([householdId], user.id);
    notes.push(
      'Het logboek laat zien wie uw gegevens heeft ingezien of gewijzigd, behalve wat u zelf deed.',
    );
    return {
      exportedAt: new Date().toISOString(),
      exportedBy: {
        userId: user.id,
        name: user.name,
        role: [user.systemRole, user.discipline, access.teamRole].filter(Boolean).join('/'),
      },
      household: {
        id: household.id,
        reference: household.reference,
        displayName: household.displayName,
        wijk: household.wijk,
        phase: household.phase,
        createdAt: household.createdAt.toISOString(),
      },
      members: members.map((m) => ({
        firstName: m.firstName,
        birthYear: m.birthYear,
        relation: m.relation,
      })),
      team: team.map((t) => ({
        userId: t.user_id,
        name: t.name,
        discipline: t.discipline,
        organisation: t.organisation,
        role: t.role,
        since: new Date(t.since).toISOString(),
        endedAt: t.ended_at ? new Date(t.ended_at).toISOString() : null,
      })),
      regie: regieHistory.map((r) => ({
        userId: r.user_id,
        name: r.name,
        reason: r.reason,
        since: new Date(r.since).toISOString(),
        endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
      })),
      documents,
      sections,
      accessLog,
      notes,
    };
  }

  private resolve(service: Type<unknown>): unknown {
    try {
      return this.moduleRef.get(service, { strict: false });
    } catch {
      return null;
    }
  }

  /* ---------- retention ---------- */

  onApplicationBootstrap(): void {
    const every = this.config.RETENTION_CHECK_SECONDS;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.purgeDue()
        .catch((e: unknown) =>
          this.logger.error(`Retention run failed: ${e instanceof Error ? e.name : 'unknown'}`),
        )
        .finally(() => (this.running = null));
    }, every * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Purge every household that has been closed for RETENTION_DAYS. A
   * household counts as closed since its last `gesloten` afsluiting, or,
   * without one, since this job first saw it in phase `afgesloten`. Safe with
   * several instances: each purge locks the household row and skips one that
   * another instance purged first. Returns what was purged.
   */
  async purgeDue(now = new Date()): Promise<PurgeReport[]> {
    const reports: PurgeReport[] = [];
    for (const id of await this.dueHouseholds(now)) {
      const report = await this.purgeHousehold(id, 'bewaartermijn');
      if (report) reports.push(report);
    }
    return reports;
  }

  private async dueHouseholds(now: Date): Promise<string[]> {
    const q = this.query();
    const hasClosures = (await existingTables(q, ['household_closure'])).length > 0;
    // Reopened households start over.
    await q(
      `DELETE FROM retention_clock rc USING household h WHERE h.id = rc.household_id AND h.phase <> 'afgesloten'`,
    );
    const rows = await q<{ id: string; closed_at: Date | null; seen_at: Date | null }>(
      `SELECT h.id,
              ${hasClosures ? `(SELECT max(c.at) FROM household_closure c WHERE c.household_id = h.id AND c.kind = 'gesloten')` : 'NULL::timestamptz'} AS closed_at,
              rc.closed_seen_at AS seen_at
         FROM household h LEFT JOIN retention_clock rc ON rc.household_id = h.id
        WHERE h.phase = 'afgesloten'`,
    );
    const due: string[] = [];
    const cutoff = now.getTime() - this.config.RETENTION_DAYS * 86_400_000;
    for (const r of rows) {
      let since = r.closed_at ? new Date(r.closed_at) : r.seen_at ? new Date(r.seen_at) : null;
      if (!since) {
        await q(
          'INSERT INTO retention_clock (household_id, closed_seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [r.id, now.toISOString()],
        );
        since = now;
      }
      if (since.getTime() <= cutoff) due.push(r.id);
    }
    return due;
  }

  /**
   * Hard delete of one household: its rows in every table that names it, its
   * collab documents (through the plan-documents port), and the accounts of its
   * inwoner and naasten who belong to no other household. Then the affected
   * tables are rewritten (VACUUM FULL) so deleted text does not linger in
   * their files. The audit log keeps a record of the purge, without content.
   */
  async purgeHousehold(
    householdId: string,
    reason: 'bewaartermijn' | 'verzoek',
  ): Promise<PurgeReport | null> {
    const accountIds: string[] = [];
    // Close live connections first (collab and socket.io listen), so nobody writes into what is being deleted.
    const members = await this.query()<{ user_id: string }>(
      'SELECT DISTINCT user_id FROM team_membership WHERE household_id = $1 AND ended_at IS NULL',
      [householdId],
    );
    for (const m of members)
      this.events.publish('member.removed', { householdId, userId: m.user_id });
    const rows = await this.ds.transaction(async (em) => {
      const q = queryOf(em);
      await q('SELECT pg_advisory_xact_lock($1)', [RETENTION_LOCK]);
      if ((await q('SELECT 1 FROM household WHERE id = $1 FOR UPDATE', [householdId])).length === 0)
        return null;
      const counts: Record<string, number> = {};
      const count = (table: string, n: number) => {
        if (n > 0) counts[table] = (counts[table] ?? 0) + n;
      };
      // Household accounts that belong to this household only.
      const accounts = await q<{ user_id: string }>(
        `SELECT DISTINCT m.user_id FROM team_membership m JOIN app_user u ON u.id = m.user_id
          WHERE m.household_id = $1 AND u.system_role IN ('inwoner', 'naaste')
            AND NOT EXISTS (SELECT 1 FROM team_membership o WHERE o.user_id = m.user_id AND o.household_id <> $1)`,
        [householdId],
      );
      accountIds.push(...accounts.map((a) => a.user_id));
      for (const [t, n] of Object.entries(await this.plans.purge(householdId, em))) count(t, n);
      // Rows that name the household but are not removed by a cascade (read models, notifications, ...).
      const tables = await q<{ table_name: string }>(
        `SELECT c.table_name FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
          WHERE c.table_schema = current_schema() AND c.column_name = 'household_id' AND t.table_type = 'BASE TABLE'
          ORDER BY c.table_name`,
      );
      const householdTables = tables.map((t) => t.table_name).filter((t) => !KEPT_TABLES.has(t));
      // A row another row still points at (without a cascade) fails now and goes in the second round.
      for (const t of householdTables)
        count(t, await tryDeleted(q, `DELETE FROM "${t}" WHERE household_id = $1`, [householdId]));
      count('household', await deleted(q, 'DELETE FROM household WHERE id = $1', [householdId]));
      for (const t of householdTables)
        count(t, await deleted(q, `DELETE FROM "${t}" WHERE household_id = $1`, [householdId]));
      for (const id of accountIds) {
        const n = await tryDeleted(q, 'DELETE FROM app_user WHERE id = $1', [id]);
        if (n > 0) {
          count('app_user', n);
          continue;
        }
        // Still referenced somewhere without a cascade: keep the row, but nothing personal in it.
        await q(
          `UPDATE app_user SET name = 'Verwijderd', email = $2, password_hash = '', phone = NULL, expertise = NULL,
                   when_to_involve = NULL, organisation = '', active = false WHERE id = $1`,
          [id, `verwijderd-${id}@spil.invalid`],
        );
        count('app_user (geanonimiseerd)', 1);
      }
      return counts;
    });
    if (!rows) return null;
    for (const m of members)
      this.events.publish('member.removed', { householdId, userId: m.user_id });
    for (const userId of accountIds) this.events.publish('user.disabled', { userId });
    await this.audit.record({
      ...SYSTEM_ACTOR,
      purpose: reason === 'bewaartermijn' ? 'bewaartermijn' : 'beheer',
      event: 'huishouden.delete',
      action: 'D',
      outcome: 'success',
      channel: 'system',
      householdId,
      part: 'huishouden',
      detail: {
        reason,
        retentionDays: this.config.RETENTION_DAYS,
        rows,
        accounts: accountIds.length,
      },
    });
    await this.rewrite(Object.keys(rows).filter((t) => !t.includes(' ')));
    this.logger.log(
      `Purged a household (${reason}): ${Object.values(rows).reduce((a, b) => a + b, 0)} rows`,
    );
    return { householdId, rows, accounts: accountIds.length };
  }

  /**
   * VACUUM FULL the tables rows were deleted from: the deleted tuples leave the
   * table files. A transaction of this database that began before the purge
   * committed may still see them, and VACUUM FULL then keeps them; so first
   * wait (up to PURGE_REWRITE_WAIT_MS) until no such transaction is running.
   */
  private async rewrite(tables: string[]): Promise<void> {
    const deadline = Date.now() + PURGE_REWRITE_WAIT_MS;
    const [{ at } = { at: null }] = await this.query()<{ at: string | null }>(
      'SELECT clock_timestamp()::text AS at',
    ).catch(() => [{ at: null }]);
    while (at && Date.now() < deadline) {
      const older = await this.query()<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND backend_xmin IS NOT NULL AND xact_start < $1::timestamptz`,
        [at],
      ).catch(() => [{ n: '0' }]);
      if (Number(older[0]?.n ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const t of tables) {
      if (!/^[a-z_][a-z0-9_]*$/.test(t)) continue;
      await this.ds
        .query(`VACUUM FULL "${t}"`)
        .catch((e: unknown) =>
          this.logger.warn(`VACUUM FULL ${t} failed: ${e instanceof Error ? e.name : 'unknown'}`),
        );
    }
  }

  private query(): Query {
    return queryOf(this.ds);
  }
}

const RETENTION_LOCK = 75130002;
/** How long a purge waits for older transactions to end before it rewrites the tables. */
const PURGE_REWRITE_WAIT_MS = 10_000;

type Query = <T = unknown>(sql: string, params?: unknown[]) => Promise<T[]>;

async function existingTables(query: Query, names: readonly string[]): Promise<string[]> {
  const rows = await query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`,
    [names],
  );
  return rows.map((r) => r.name);
}

function queryOf(target: DataSource | EntityManager): Query {
  return <T>(sql: string, params?: unknown[]) => target.query<T[]>(sql, params);
}

/** Run a DELETE and return how many rows it removed. */
async function deleted(q: Query, sql: string, params: unknown[]): Promise<number> {
  const rows = await q<{ n: string }>(
    `WITH d AS (${sql} RETURNING 1) SELECT count(*)::text AS n FROM d`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

/** `deleted`, inside a savepoint: a failure (a foreign key) leaves the transaction usable and counts 0. */
async function tryDeleted(q: Query, sql: string, params: unknown[]): Promise<number> {
  await q('SAVEPOINT purge_step');
  try {
    const n = await deleted(q, sql, params);
    await q('RELEASE SAVEPOINT purge_step');
    return n;
  } catch {
    await q('ROLLBACK TO SAVEPOINT purge_step');
    return 0;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
