import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { type HuishoudenEntry, isHouseholdRole, PLAN_ROOTS } from '@spil/shared';
import {
  PLAN_DOCUMENTS,
  type PlanDocuments,
  type PlanView,
  type StoredChange,
  touches,
} from '../common/plan-documents.port';
import { HouseholdsRepository } from '../modules/households/households.repository';
import { NotificationsService } from '../modules/notifications/notifications.service';
import { voiceNotification } from './household-voice.messages';
import { HouseholdVoiceRepository } from './household-voice.repository';
import { describeError } from '../common/describe-error';

/** A new entry as read from the live document, with what the notification needs of the plan. */
interface Seen {
  entry: HuishoudenEntry;
  /** For a reaction on a professional's action: that action's title and owner. */
  actie: { titel: string; eigenaarId: string | null } | null;
}

/** Households whose noticed ids are kept in memory; beyond this the cache starts again. */
const CACHE_HOUSEHOLDS = 1000;

/**
 * Tells the regiehouder when the inwoner or a naaste adds an own action or a
 * reaction to their plan (and, for a reaction on a professional's action,
 * that action's owner while a `lid` of the team). Listens to stored plan
 * changes; each entry is notified once, across restarts and instances,
 * because its id is recorded in `household_voice_notice` before the
 * notification goes out. A notification that fails is released and tried
 * again on the next change of the plan.
 */
@Injectable()
export class HouseholdVoiceNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HouseholdVoiceNotifier.name);
  /** Per household: the entry ids known to be noticed already. */
  private readonly noticed = new Map<string, Set<string>>();
  /** Per household: the work queued so far, so that one household is handled one change at a time. */
  private readonly queues = new Map<string, Promise<void>>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(PLAN_DOCUMENTS) private readonly plans: PlanDocuments,
    private readonly repo: HouseholdVoiceRepository,
    private readonly households: HouseholdsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.plans.onStored((plan, change) => this.changed(plan, change));
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await Promise.allSettled([...this.queues.values()]);
  }

  private changed(plan: PlanView, change: StoredChange): void {
    // New entries of the household live in one root: other changes bring none.
    if (!touches(change, PLAN_ROOTS.huishouden)) return;
    const householdId = plan.householdId;
    // Read now: the live document keeps changing (and may be unloaded) while the queue waits.
    const known = this.noticed.get(householdId);
    const fresh: Seen[] = [];
    for (const entry of plan.huishouden) {
      if (known?.has(entry.id)) continue;
      const actie =
        entry.soort === 'reactie' && entry.actieId
          ? plan.acties.find((a) => a.id === entry.actieId)
          : null;
      fresh.push({
        entry,
        actie: actie ? { titel: actie.titel, eigenaarId: actie.eigenaarId } : null,
      });
    }
    if (fresh.length === 0) return;
    const prev = this.queues.get(householdId) ?? Promise.resolve();
    const next = prev
      .then(() => this.handle(householdId, fresh))
      .catch((e: unknown) =>
        this.logger.error(`Notifying the household's entries failed: ${describeError(e)}`),
      );
    this.queues.set(householdId, next);
    void next.finally(() => {
      if (this.queues.get(householdId) === next) this.queues.delete(householdId);
    });
  }

  private async noticedOf(householdId: string): Promise<Set<string>> {
    let set = this.noticed.get(householdId);
    if (!set) {
      if (this.noticed.size >= CACHE_HOUSEHOLDS) this.noticed.clear();
      set = await this.repo.noticed(householdId);
      this.noticed.set(householdId, set);
    }
    return set;
  }

  private async handle(householdId: string, seen: Seen[]): Promise<void> {
    const noticed = await this.noticedOf(householdId);
    const fresh = seen.filter((s) => !noticed.has(s.entry.id));
    if (fresh.length === 0) return;
    const claimed = await this.repo.claim(
      householdId,
      fresh.map((s) => ({ entryId: s.entry.id, soort: s.entry.soort })),
    );
    for (const s of fresh) noticed.add(s.entry.id);
    const pending = fresh.filter((s) => claimed.has(s.entry.id));
    try {
      if (pending.length > 0) await this.notifyAll(householdId, pending);
    } catch (e) {
      // What was claimed but not sent goes back, so that the next change of the plan tries again.
      for (const s of pending) {
        noticed.delete(s.entry.id);
        await this.repo.release(householdId, s.entry.id).catch(() => undefined);
      }
      throw e;
    }
  }

  /** Send one notification per entry; each sent entry leaves `pending`. */
  private async notifyAll(householdId: string, pending: Seen[]): Promise<void> {
    const household = await this.households.findById(householdId);
    if (!household) {
      pending.length = 0;
      return;
    }
    const [team, regieRows] = await Promise.all([
      this.households.teams([householdId]),
      this.households.regie([householdId]),
    ]);
    const regie = regieRows.get(householdId);
    const onTeam = new Map(team.map((t) => [t.user.id, t] as const));
    while (pending.length > 0) {
      const s = pending[0] as Seen;
      // The entry names its author, but anyone who may write the root can write any name: only a
      // current inwoner or naaste of this household is named, and nobody is left out for being "the author".
      const named = onTeam.get(s.entry.auteurId);
      const author = named && isHouseholdRole(named.membership.role) ? named : null;
      const recipients = new Set<string>();
      if (regie && onTeam.get(regie.userId)?.membership.role === 'lid')
        recipients.add(regie.userId);
      const owner = s.actie?.eigenaarId ? onTeam.get(s.actie.eigenaarId) : undefined;
      if (owner?.membership.role === 'lid') recipients.add(owner.user.id);
      await this.notifications.notify(
        recipients,
        voiceNotification(s.entry, {
          householdId,
          householdName: household.displayName,
          authorName: author?.user.name ?? null,
          actieTitel: s.actie?.titel ?? null,
        }),
      );
      pending.shift();
    }
  }
}
