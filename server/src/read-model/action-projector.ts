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
import {
  PLAN_DOCUMENTS,
  type PlanDocuments,
  type PlanView,
  type StoredChange,
  touches,
} from '../common/plan-documents.port';
import { PLAN_ROOTS } from '@spil/shared';
import { describeError } from '../common/describe-error';
import { ActionAssignments } from './action-assignments';
import { projectActions } from './action-projection';
import type { PlanActionEntity } from './plan-action.entity';
import { ReadModelRepository } from './read-model.repository';

type ActionRow = Omit<PlanActionEntity, 'household'>;

interface Pending {
  rows: ActionRow[];
  /** Per action: the authors of the stored change that gave it its current owner (within this window). */
  ownerSetBy: Map<string, readonly string[]>;
  timer: NodeJS.Timeout;
  /** When the first change of this window was heard (Date.now()). */
  since: number;
}

/** How long a plan may keep changing before its actions are projected (in ms). */
const DEBOUNCE_MS = 250;
/** A plan typed into without a pause (an MDO) is projected at least this often (in ms). */
const MAX_WAIT_MS = 2000;
/** Households whose last written rows are remembered, to skip writing the same rows again. */
const REMEMBERED = 2000;

/**
 * Keeps the read model of actions in step with the plans: after every stored
 * change of a plan the rows are computed from the live document at once, and
 * written after a short quiet period, so a burst of keystrokes makes one write
 * (and at least every `MAX_WAIT_MS` while the typing goes on). Rows equal to
 * those this instance wrote last are not written again: most changes of a
 * plan (its situatie, doelen, zorgen) change no action.
 * An action whose projected owner becomes someone else is handed to
 * `ActionAssignments` with the authors of the change that set the owner, so
 * that nobody is told of an action they gave themselves.
 */
@Injectable()
export class ActionProjector implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ActionProjector.name);
  private readonly pending = new Map<string, Pending>();
  /** Per household: the rows this instance wrote last, serialised. */
  private readonly written = new Map<string, string>();
  private unsubscribe: (() => void) | null = null;
  /**
   * Settles once the plans written before this instance ran are projected
   * (`projectMissing`, at bootstrap), or at shutdown. Stored changes heard
   * before (the schema migration on start) wait for it.
   */
  private initialDone: () => void = () => undefined;
  private readonly initial = new Promise<void>((resolve) => {
    this.initialDone = resolve;
  });
  private closed = false;

  constructor(
    @Inject(PLAN_DOCUMENTS) private readonly plans: PlanDocuments,
    private readonly repo: ReadModelRepository,
    private readonly assignments: ActionAssignments,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.plans.onStored((plan, change) => this.changed(plan, change));
  }

  /** Plans written before this instance ran (demo data, another version) are projected once in the background. */
  onApplicationBootstrap(): void {
    void this.projectMissing()
      .catch((e: unknown) => this.logger.warn(`Initial projection failed: ${describeError(e)}`))
      .finally(() => this.initialDone());
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.initialDone();
    this.unsubscribe?.();
    const flushes = [...this.pending.keys()].map((id) => this.flush(id));
    await Promise.all(flushes);
  }

  private changed(plan: PlanView, change: StoredChange): void {
    // Typing in a levensdomein or a goal leaves the actions as they were: nothing to project.
    if (!touches(change, PLAN_ROOTS.acties)) return;
    const { householdId } = plan;
    const rows = projectActions(householdId, plan);
    const prev = this.pending.get(householdId);
    if (prev) clearTimeout(prev.timer);
    // An owner this change did not touch keeps the authors of the change that set it.
    const prevOwner = new Map(prev?.rows.map((r) => [r.id, r.eigenaarId] as const));
    const ownerSetBy = new Map<string, readonly string[]>();
    for (const r of rows) {
      const kept = prev?.ownerSetBy.get(r.id);
      ownerSetBy.set(r.id, kept && prevOwner.get(r.id) === r.eigenaarId ? kept : change.authors);
    }
    const since = prev?.since ?? Date.now();
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, since + MAX_WAIT_MS - Date.now()));
    const timer = setTimeout(() => void this.flush(householdId), wait);
    this.pending.set(householdId, { rows, ownerSetBy, timer, since });
  }

  private async flush(householdId: string): Promise<void> {
    // A plan never projected has no rows: its owners would all look new. Compare only after the first projection.
    await this.initial;
    const entry = this.pending.get(householdId);
    if (!entry) return;
    this.pending.delete(householdId);
    clearTimeout(entry.timer);
    const signature = JSON.stringify(entry.rows);
    if (this.written.get(householdId) === signature) return;
    let assigned: ActionRow[];
    try {
      assigned = await this.repo.replace(householdId, entry.rows);
      if (this.written.size >= REMEMBERED) this.written.clear();
      this.written.set(householdId, signature);
    } catch (e) {
      this.written.delete(householdId);
      // A household purged meanwhile has no rows to keep; anything else is retried on the next change.
      if (!this.closed) this.logger.warn(`Projection failed: ${describeError(e)}`);
      return;
    }
    if (assigned.length === 0) return;
    try {
      await this.assignments.assigned(
        householdId,
        assigned.map((r) => ({
          actieId: r.id,
          titel: r.titel,
          eigenaarId: r.eigenaarId as string,
          authors: entry.ownerSetBy.get(r.id) ?? [],
        })),
      );
    } catch (e) {
      this.logger.error(`Notifying new action owners failed: ${describeError(e)}`);
    }
  }

  /** Project one plan now from its stored state (nobody is notified of owners). */
  async projectNow(householdId: string): Promise<void> {
    const plan = await this.plans.read(householdId);
    this.written.delete(householdId);
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
