import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  amsterdamDate,
  amsterdamInstant,
  type ConsentDto,
  consentStatus,
  CreateConsentRequest as CreateSchema,
  type CreateConsentRequest,
  shiftDate,
  type WithdrawConsentRequest,
} from '@spil/shared';
import { DomainEvents } from '../../common/domain-events';
import { SpilError } from '../../common/errors';
import { EventsBroadcaster, rooms } from '../../events/events.broadcaster';
import { type HouseholdAccess, HouseholdAccessPolicy } from '../households/household-access.policy';
import type { UserEntity } from '../users/user.entity';
import type { ConsentEntity } from './consent.entity';
import { ConsentRepository } from './consent.repository';
import { describeError } from '../../common/describe-error';

/**
 * Consent (toestemming) of a household. Recording and withdrawing publish
 * 'consent.changed' after commit: collab re-checks every open connection of
 * the household against the access policy and closes the ones no longer
 * allowed (the medical notes above all). A consent that starts or ends with
 * the calendar changes access too: at each Amsterdam midnight this instance
 * delivers 'consent.changed' locally for the households concerned (every
 * instance runs its own sweep, so it is not forwarded).
 */
@Injectable()
export class ConsentService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ConsentService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ConsentRepository,
    private readonly policy: HouseholdAccessPolicy,
    private readonly events: DomainEvents,
    private readonly broadcaster: EventsBroadcaster,
  ) {}

  onModuleInit(): void {
    this.scheduleMidnight();
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private scheduleMidnight(now = new Date()): void {
    if (this.timer) clearTimeout(this.timer);
    const next = amsterdamInstant(shiftDate(amsterdamDate(now), 1), '00:00');
    this.timer = setTimeout(() => void this.midnight(), next.getTime() - now.getTime() + 1000);
    this.timer.unref();
  }

  /** Deliver 'consent.changed' for households whose consent starts today or ended yesterday. */
  async midnight(now = new Date()): Promise<string[]> {
    const today = amsterdamDate(now);
    let ids: string[] = [];
    try {
      ids = await this.repo.householdsWithBoundary(today, shiftDate(today, -1));
      for (const householdId of ids) this.events.deliver('consent.changed', { householdId });
    } catch (e) {
      this.logger.error(`Consent sweep failed: ${describeError(e)}`);
    } finally {
      if (this.timer) this.scheduleMidnight();
    }
    return ids;
  }

  private async requireAccess(user: UserEntity, householdId: string): Promise<HouseholdAccess> {
    const access = await this.policy.access(user, householdId);
    if (!access) throw new SpilError('household.not_found');
    return access;
  }

  /** Every consent of the household, withdrawn ones included: the whole team and the household may see what was agreed. */
  async list(user: UserEntity, householdId: string): Promise<ConsentDto[]> {
    await this.requireAccess(user, householdId);
    return this.toDtos(await this.repo.listForHousehold(householdId));
  }

  /** Recorded by a `lid` of the team or the coördinator, on behalf of the inwoner or their representative. */
  async create(
    user: UserEntity,
    householdId: string,
    input: CreateConsentRequest,
  ): Promise<ConsentDto> {
    const access = await this.requireAccess(user, householdId);
    if (!access.coordinator && access.teamRole !== 'lid') throw new SpilError('auth.forbidden');
    const body = CreateSchema.parse(input);
    const saved = await this.repo.insert({
      householdId,
      givenBy: body.givenBy,
      givenByName: body.givenByName,
      representativeRole:
        body.givenBy === 'wettelijk-vertegenwoordiger' ? body.representativeRole : null,
      informationKinds: [...new Set(body.informationKinds)],
      sharedWithDomains: [...new Set(body.sharedWithDomains)],
      sharedWithOrganisations: [...new Set(body.sharedWithOrganisations)],
      purpose: body.purpose,
      validFrom: body.validFrom,
      validUntil: body.validUntil,
      recordedBy: user.id,
    });
    this.changed(householdId);
    return (await this.toDtos([saved]))[0] as ConsentDto;
  }

  /**
   * Withdrawal ends what the consent allowed at once, live connections
   * included. A `lid`, the coördinator, or the inwoner themselves may record it.
   */
  async withdraw(
    user: UserEntity,
    householdId: string,
    consentId: string,
    body: WithdrawConsentRequest,
  ): Promise<ConsentDto> {
    const access = await this.requireAccess(user, householdId);
    if (!access.coordinator && access.teamRole !== 'lid' && access.teamRole !== 'inwoner')
      throw new SpilError('auth.forbidden');
    const consent = await this.repo.find(householdId, consentId);
    if (!consent) throw new SpilError('consent.not_found');
    if (consent.withdrawnAt) throw new SpilError('consent.already_withdrawn');
    const reason = body.reason?.trim() || null;
    if (!(await this.repo.withdraw(consent.id, user.id, reason)))
      throw new SpilError('consent.already_withdrawn');
    this.changed(householdId);
    const after = await this.repo.find(householdId, consentId);
    return (await this.toDtos([after as ConsentEntity]))[0] as ConsentDto;
  }

  private changed(householdId: string): void {
    this.events.publish('consent.changed', { householdId });
    this.broadcaster.toRoom(rooms.household(householdId), 'household:changed', {
      householdId,
      what: 'consent',
    });
  }

  private async toDtos(rows: ConsentEntity[]): Promise<ConsentDto[]> {
    const names = await this.repo.names(rows.flatMap((r) => [r.recordedBy, r.withdrawnBy]));
    const today = amsterdamDate(new Date());
    return rows.map((c) => {
      const withdrawnAt = c.withdrawnAt?.toISOString() ?? null;
      return {
        id: c.id,
        householdId: c.householdId,
        givenBy: c.givenBy,
        givenByName: c.givenByName,
        representativeRole: c.representativeRole,
        informationKinds: c.informationKinds,
        sharedWithDomains: c.sharedWithDomains,
        sharedWithOrganisations: c.sharedWithOrganisations,
        purpose: c.purpose,
        validFrom: c.validFrom,
        validUntil: c.validUntil,
        recordedById: c.recordedBy,
        recordedByName: names.get(c.recordedBy) ?? 'Onbekend',
        recordedAt: c.recordedAt.toISOString(),
        withdrawnAt,
        withdrawnByName: c.withdrawnBy ? (names.get(c.withdrawnBy) ?? 'Onbekend') : null,
        withdrawalReason: c.withdrawalReason,
        status: consentStatus(
          { validFrom: c.validFrom, validUntil: c.validUntil, withdrawnAt },
          today,
        ),
      };
    });
  }
}
