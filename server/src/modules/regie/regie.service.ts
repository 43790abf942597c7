import { Injectable } from '@nestjs/common';
import type {
  AssignRegieRequest,
  HandoverDto,
  HandoverHistoryEntryDto,
  HandoverRequest,
  RegieDetailDto,
  WithdrawHandoverRequest,
} from '@spil/shared';
import { DomainEvents } from '../../common/domain-events';
import { SpilError } from '../../common/errors';
import { HouseholdAccessPolicy } from '../households/household-access.policy';
import { HouseholdsRepository } from '../households/households.repository';
import { NotificationsService } from '../notifications/notifications.service';
import type { UserEntity } from '../users/user.entity';
import type { RegieHandoverEntity } from './regie.entity';
import { RegieRepository } from './regie.repository';

/**
 * Regie: one regiehouder per household. A coördinator assigns it; the
 * regiehouder may offer it to a colleague, who accepts or declines; while the
 * offer is open, the one who made it or the coördinator may withdraw it. Every
 * change is history, publishes 'regie.changed' (collab mirrors it into open
 * plans) and notifies the people concerned.
 */
@Injectable()
export class RegieService {
  constructor(
    private readonly repo: RegieRepository,
    private readonly households: HouseholdsRepository,
    private readonly policy: HouseholdAccessPolicy,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  private async visible(user: UserEntity, householdId: string) {
    const access = await this.policy.access(user, householdId);
    if (!access) throw new SpilError('household.not_found');
    return access;
  }

  /** The regiehouder must be a professional who edits: a `lid` of the team. */
  private async requireLid(householdId: string, userId: string): Promise<void> {
    const m = await this.households.openMembership(householdId, userId);
    if (!m || m.role !== 'lid') throw new SpilError('regie.not_team_member', 'userId');
  }

  async detail(user: UserEntity, householdId: string): Promise<RegieDetailDto> {
    await this.visible(user, householdId);
    const [history, open] = await Promise.all([
      this.repo.history(householdId),
      this.repo.openHandover(householdId),
    ]);
    const current = history.find((h) => h.assignment.endedAt === null);
    return {
      current: current
        ? {
            userId: current.assignment.userId,
            name: current.name,
            since: current.assignment.since.toISOString(),
            reason: current.assignment.reason,
          }
        : null,
      history: history.map((h) => ({
        userId: h.assignment.userId,
        name: h.name,
        assignedById: h.assignment.assignedBy,
        assignedByName: h.assignedByName,
        reason: h.assignment.reason,
        since: h.assignment.since.toISOString(),
        until: h.assignment.endedAt?.toISOString() ?? null,
      })),
      openHandover: open ? await this.handoverDto(open) : null,
    };
  }

  async assign(
    user: UserEntity,
    householdId: string,
    body: AssignRegieRequest,
  ): Promise<RegieDetailDto> {
    const access = await this.visible(user, householdId);
    if (!access.coordinator) throw new SpilError('auth.forbidden');
    await this.requireLid(householdId, body.userId);
    const previous = (await this.households.regie([householdId])).get(householdId);
    await this.repo.transaction((em) =>
      this.repo.assign(em, householdId, body.userId, user.id, body.reason),
    );
    this.events.publish('regie.changed', { householdId });
    const household = await this.households.findById(householdId);
    const name = household?.displayName ?? 'een huishouden';
    await this.notifications.notify([body.userId], {
      kind: 'regie',
      householdId,
      title: `Je hebt de regie over ${name}`,
      body: `Toegewezen door ${user.name}: ${body.reason}`,
    });
    if (previous && previous.userId !== body.userId) {
      await this.notifications.notify([previous.userId], {
        kind: 'regie',
        householdId,
        title: `De regie over ${name} is overgedragen`,
        body: `Toegewezen door ${user.name}.`,
      });
    }
    return this.detail(user, householdId);
  }

  async offer(user: UserEntity, householdId: string, body: HandoverRequest): Promise<HandoverDto> {
    await this.visible(user, householdId);
    const current = (await this.households.regie([householdId])).get(householdId);
    if (current?.userId !== user.id) throw new SpilError('regie.not_holder');
    if (body.userId === user.id) throw new SpilError('regie.not_team_member', 'userId');
    await this.requireLid(householdId, body.userId);
    const handover = await this.repo.transaction((em) =>
      this.repo.createHandover(em, {
        householdId,
        fromUserId: user.id,
        toUserId: body.userId,
        reason: body.reason,
      }),
    );
    const household = await this.households.findById(householdId);
    await this.notifications.notify([body.userId], {
      kind: 'overdracht',
      householdId,
      title: `${user.name} vraagt je de regie over ${household?.displayName ?? 'een huishouden'} over te nemen`,
      body: body.reason,
    });
    this.events.publish('regie.changed', { householdId });
    return this.handoverDto(handover);
  }

  async decide(
    user: UserEntity,
    householdId: string,
    handoverId: string,
    accept: boolean,
  ): Promise<RegieDetailDto> {
    await this.visible(user, householdId);
    const handover = await this.repo.handover(handoverId, householdId);
    if (!handover || handover.status !== 'open') throw new SpilError('regie.handover_not_found');
    if (handover.toUserId !== user.id) throw new SpilError('regie.handover_not_receiver');
    if (accept) await this.requireLid(householdId, user.id);
    await this.repo.transaction(async (em) => {
      await this.repo.decide(em, handover.id, accept ? 'geaccepteerd' : 'geweigerd', user.id);
      if (accept)
        await this.repo.assign(em, householdId, user.id, handover.fromUserId, handover.reason);
    });
    this.events.publish('regie.changed', { householdId });
    const household = await this.households.findById(householdId);
    await this.notifications.notify([handover.fromUserId], {
      kind: 'overdracht',
      householdId,
      title: accept
        ? `${user.name} heeft de regie over ${household?.displayName ?? 'een huishouden'} overgenomen`
        : `${user.name} heeft de overdracht van de regie geweigerd`,
      body: '',
    });
    return this.detail(user, householdId);
  }

  /**
   * Withdraw an open offer: the one who made it, or the coördinator of the
   * wijkteam. Anyone else is refused before anything is looked at further;
   * an offer that was answered (or withdrawn) already stays as it is.
   */
  async withdraw(
    user: UserEntity,
    householdId: string,
    handoverId: string,
    body: WithdrawHandoverRequest,
  ): Promise<RegieDetailDto> {
    const access = await this.visible(user, householdId);
    const handover = await this.repo.handover(handoverId, householdId);
    if (!handover) throw new SpilError('regie.handover_not_found');
    if (handover.fromUserId !== user.id && !access.coordinator)
      throw new SpilError('regie.handover_not_offerer');
    if (handover.status !== 'open') throw new SpilError('regie.handover_closed');
    const reason = body.reason ? body.reason : null;
    const withdrawn = await this.repo.transaction((em) =>
      this.repo.withdraw(em, handover.id, user.id, reason),
    );
    // Answered or withdrawn between the check and the update.
    if (!withdrawn) throw new SpilError('regie.handover_closed');
    this.events.publish('regie.changed', { householdId });
    const household = await this.households.findById(householdId);
    const name = household?.displayName ?? 'een huishouden';
    await this.notifications.notify([handover.toUserId], {
      kind: 'overdracht',
      householdId,
      title: `${user.name} heeft het aanbod ingetrokken om de regie over ${name} over te nemen`,
      body: reason ?? '',
    });
    if (handover.fromUserId !== user.id) {
      await this.notifications.notify([handover.fromUserId], {
        kind: 'overdracht',
        householdId,
        title: `${user.name} heeft jouw aanbod van de regie over ${name} ingetrokken`,
        body: reason ?? '',
      });
    }
    return this.detail(user, householdId);
  }

  /** Every handover offer of the household, newest first, with how it ended. */
  async handovers(user: UserEntity, householdId: string): Promise<HandoverHistoryEntryDto[]> {
    await this.visible(user, householdId);
    const rows = await this.repo.handovers(householdId);
    const names = await this.repo.userNames(
      rows.flatMap((h) => [h.fromUserId, h.toUserId, ...(h.decidedBy ? [h.decidedBy] : [])]),
    );
    return rows.map((h) => ({
      ...this.toHandoverDto(h, names),
      decidedById: h.decidedBy,
      decidedByName: h.decidedBy ? (names.get(h.decidedBy) ?? '') : null,
      decisionReason: h.decisionReason,
    }));
  }

  private async handoverDto(h: RegieHandoverEntity): Promise<HandoverDto> {
    return this.toHandoverDto(h, await this.repo.userNames([h.fromUserId, h.toUserId]));
  }

  private toHandoverDto(h: RegieHandoverEntity, names: Map<string, string>): HandoverDto {
    return {
      id: h.id,
      householdId: h.householdId,
      fromUserId: h.fromUserId,
      fromName: names.get(h.fromUserId) ?? '',
      toUserId: h.toUserId,
      toName: names.get(h.toUserId) ?? '',
      reason: h.reason,
      status: h.status,
      createdAt: h.createdAt.toISOString(),
      decidedAt: h.decidedAt?.toISOString() ?? null,
    };
  }
}
