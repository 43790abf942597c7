/**
 * Plan schema migrations of stored documents. Every plan is migrated when it
 * is loaded (collab.service.ts runs `migratePlan` in its first server change,
 * under the document's lock, before anyone sees it); this sweep brings every
 * stored plan to the current version once, at start, the same way: it opens
 * each plan whose row in `plan_schema` is missing or older, which migrates it
 * as a normal stored update, and records the version. Idempotent: a plan that
 * is already current changes nothing.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { migratePlan, parseDocName, PLAN_SCHEMA_VERSION } from '@spil/shared';
import { describeError } from '../common/describe-error';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { CollabService } from './collab.service';

const SWEEP_LOCK = 'spil:plan-schema-sweep';

export interface SweepResult {
  /** Plans opened (and so migrated) by the sweep. */
  visited: number;
  failed: number;
}

@Injectable()
export class PlanMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlanMigration.name);

  constructor(
    private readonly collab: CollabService,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Before the server listens: every stored plan is current before anyone connects. */
  async onApplicationBootstrap(): Promise<void> {
    const r = await this.migrateAll();
    if (r.visited > 0)
      this.logger.log(
        `Plan schema ${PLAN_SCHEMA_VERSION}: ${r.visited} stored plans brought up to date${r.failed ? `, ${r.failed} failed (migrated when opened)` : ''}`,
      );
  }

  /** Stored plans not yet recorded at the current version. */
  async pending(): Promise<string[]> {
    const rows = await this.ds.query<{ doc_name: string }[]>(
      `SELECT d.doc_name FROM (
         SELECT doc_name FROM plan_snapshot UNION SELECT DISTINCT doc_name FROM plan_update
       ) d LEFT JOIN plan_schema s ON s.doc_name = d.doc_name
       WHERE s.version IS NULL OR s.version < $1
       ORDER BY d.doc_name`,
      [PLAN_SCHEMA_VERSION],
    );
    return rows.map((r) => r.doc_name).filter((n) => parseDocName(n)?.kind === 'plan');
  }

  /** Migrate one stored plan (under its lock, stored like any server change) and record it. */
  async migrate(docName: string): Promise<void> {
    // Opening it migrates it (in the load's first server change); `migratePlan` again is then a no-op.
    await this.collab.withDoc(docName, (doc) => void migratePlan(doc));
    await this.ds.query(
      `INSERT INTO plan_schema (doc_name, version) VALUES ($1, $2)
       ON CONFLICT (doc_name) DO UPDATE SET version = EXCLUDED.version, migrated_at = now()`,
      [docName, PLAN_SCHEMA_VERSION],
    );
  }

  /**
   * Every pending plan, one at a time. With PostgreSQL, instances that start
   * together sweep one after the other (a session advisory lock), so no plan
   * is migrated by two at once: the second finds them recorded. The embedded
   * database is one process, and has one connection to hold.
   */
  async migrateAll(): Promise<SweepResult> {
    if (!this.config.DATABASE_URL) return this.sweep();
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [SWEEP_LOCK]);
      try {
        return await this.sweep();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [SWEEP_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sweep(): Promise<SweepResult> {
    const result: SweepResult = { visited: 0, failed: 0 };
    for (const name of await this.pending()) {
      result.visited++;
      try {
        await this.migrate(name);
      } catch (e) {
        result.failed++;
        this.logger.error(`Plan migration failed: ${describeError(e)}`);
      }
    }
    return result;
  }
}
