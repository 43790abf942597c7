import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AVOIDED_EVENT_DEFAULTS,
  AVOIDED_EVENTS,
  effectTotal,
  type EffectPriceDto,
  type HouseholdEffectsDto,
  SaveEffectsRequest,
  type UpdateEffectPricesRequest,
} from '@spil/shared';
import { SpilError } from '../../../common/errors';
import type { UserEntity } from '../../users/user.entity';
import { peopleByIds } from '../people';
import { ProcesAccess } from '../proces-access';
import { EffectsRepository } from './effects.repository';

@Injectable()
export class EffectsService {
  constructor(
    private readonly repo: EffectsRepository,
    private readonly access: ProcesAccess,
  ) {}

  /** The region's price list: its own amounts where set, the defaults elsewhere. */
  async priceList(
    wijkteamId: string | null,
    em: EntityManager = this.repo.manager,
  ): Promise<EffectPriceDto[]> {
    const own = new Map(
      (wijkteamId ? await this.repo.prices(wijkteamId, em) : []).map((p) => [
        p.event,
        p.amountCents,
      ]),
    );
    return AVOIDED_EVENTS.map((event) => {
      const d = AVOIDED_EVENT_DEFAULTS[event];
      const amount = own.get(event);
      return {
        event,
        label: d.label,
        description: d.description,
        amountCents: amount ?? d.amountCents,
        isDefault: amount === undefined,
      };
    });
  }

  async prices(user: UserEntity): Promise<EffectPriceDto[]> {
    return this.priceList(user.wijkteamId);
  }

  /** A coördinator sets the amounts of their own wijkteam's region. */
  async updatePrices(user: UserEntity, body: UpdateEffectPricesRequest): Promise<EffectPriceDto[]> {
    const wijkteamId = user.wijkteamId;
    if (user.systemRole !== 'coordinator' || !wijkteamId) throw new SpilError('auth.forbidden');
    await this.repo.transaction(async (em) => {
      for (const p of body.prices)
        await this.repo.setPrice(em, wijkteamId, p.event, p.amountCents, user.id);
    });
    return this.priceList(wijkteamId);
  }

  async get(user: UserEntity, householdId: string): Promise<HouseholdEffectsDto> {
    const { household } = await this.access.require(user, householdId, 'internal');
    return this.load(householdId, household.wijkteamId);
  }

  /**
   * Save the household's estimate: the likely course without the
   * intervention as events from the region's price list. Amounts are fixed
   * at saving, so a later price change does not rewrite past results.
   * Allowed after closing too: the effect is often judged at the end.
   */
  async save(
    user: UserEntity,
    householdId: string,
    input: SaveEffectsRequest,
  ): Promise<HouseholdEffectsDto> {
    const { household } = await this.access.require(user, householdId, 'write');
    const body = SaveEffectsRequest.parse(input);
    await this.repo.transaction(async (em) => {
      const prices = new Map(
        (await this.priceList(household.wijkteamId, em)).map((p) => [p.event, p.amountCents]),
      );
      const events = body.events.map((e) => ({
        event: e.event,
        count: e.count,
        unitCents: prices.get(e.event) as number,
        note: e.note,
      }));
      await this.repo.saveEstimate(em, {
        householdId,
        course: body.course,
        events,
        totalCents: effectTotal(events),
        estimatedBy: user.id,
        estimatedAt: new Date(),
      });
    });
    return this.load(householdId, household.wijkteamId);
  }

  private async load(householdId: string, wijkteamId: string): Promise<HouseholdEffectsDto> {
    const [estimate, prices] = await Promise.all([
      this.repo.estimate(householdId),
      this.priceList(wijkteamId),
    ]);
    if (!estimate) return { estimate: null, prices };
    const person = await peopleByIds(this.repo.manager, [estimate.estimatedBy]);
    return {
      prices,
      estimate: {
        householdId,
        course: estimate.course,
        events: estimate.events.map((e) => ({ ...e, totalCents: e.count * e.unitCents })),
        totalCents: estimate.totalCents,
        by: person(estimate.estimatedBy),
        at: estimate.estimatedAt.toISOString(),
      },
    };
  }
}
