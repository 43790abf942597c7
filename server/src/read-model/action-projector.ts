import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
  Inject,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PLAN_DOCUMENTS, type PlanDocuments, type PlanView } from '../common/plan-documents.port';
import { describeError } from '../common/describe-error';
import { projectActions } from './action-projection';
import type { PlanActionEntity } from './plan-action.entity';
import { ReadModelRepository } from './read-model.repository';

/** How long a plan may keep changing before its actions are projected (in ms). */
const DEBOUNCE_MS = 250;

/**
 * Keeps the read model of actions in step with the plans: after every stored
 * change of a plan the rows are computed from the live document at once, and
 * written after a short quiet period, so a burst of keystrokes makes one write.
 */
@Injectable()
export class ActionProjector implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ActionProjector.name);
  private readonly pending = new Map<
    string,
    { rows: Omit<PlanActionEntity, 'household'>[]; timer: NodeJS.Timeout }
  >();
  private unsubscribe: (() => void) | null = null;
  private closed = false;

  constructor(
    @Inject(PLAN_DOCUMENTS) private readonly plans: PlanDocuments,
    private readonly repo: ReadModelRepository,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.plans.onStored((plan) => this.changed(plan));
  }

  /** Plans written before this instance ran (demo data, another version) are projected once in the background. */
  onApplicationBootstrap(): void {
    void this.projectMissing().catch((e: unknown) =>
      this.logger.warn(`Initial projection failed: ${describeError(e)}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    const flushes = [...this.pending.keys()].map((id) => this.flush(id));
    await Promise.all(flushes);
  }

  private changed(plan: PlanView): void {
    const { householdId } = plan;
    const rows = projectActions(householdId, plan);
    const prev = this.pending.get(householdId);
    if (prev) clearTimeout(prev.timer);
    const timer = setTimeout(() => void this.flush(householdId), DEBOUNCE_MS);
    this.pending.set(householdId, { rows, timer });
  }

  private async flush(householdId: string): Promise<void> {
    const entry = this.pending.get(householdId);
    if (!entry) return;
    this.pending.delete(householdId);
    clearTimeout(entry.timer);
    try {
      await this.repo.replace(householdId, entry.rows);
    } catch (e) {
      // A household purged meanwhile has no rows to keep; anything else is retried on the next change.
      if (!this.closed) this.logger.warn(`Projection failed: ${describeError(e)}`);
    }
  }

  /** Project one plan now from its stored state. */
  async projectNow(householdId: string): Promise<void> {
    const plan = await this.plans.read(householdId);
    await this.repo.replace(householdId, projectActions(householdId, plan));
  }

  private async projectMissing(): Promise<void> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT h.id FROM household h
        WHERE NOT EXISTS (SELECT 1 FROM plan_action a WHERE a.household_id = h.id)`,
    );
    for (const { id } of rows) {
      if (this.closed) return;
      const plan = await this.plans.read(id);
      if (plan.acties.length > 0) await this.repo.replace(id, projectActions(id, plan));
    }
  }
}
