import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AvoidedEvent } from '@spil/shared';
import { EffectEstimateEntity, EffectPriceEntity } from './effect.entity';

@Injectable()
export class EffectsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  prices(wijkteamId: string, em: EntityManager = this.ds.manager): Promise<EffectPriceEntity[]> {
    return em.getRepository(EffectPriceEntity).find({ where: { wijkteamId } });
  }

  async setPrice(
    em: EntityManager,
    wijkteamId: string,
    event: AvoidedEvent,
    amountCents: number | null,
    by: string,
  ): Promise<void> {
    const repo = em.getRepository(EffectPriceEntity);
    if (amountCents === null) {
      await repo.delete({ wijkteamId, event });
      return;
    }
    await repo.upsert({ wijkteamId, event, amountCents, updatedBy: by, updatedAt: new Date() }, [
      'wijkteamId',
      'event',
    ]);
  }

  estimate(
    householdId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<EffectEstimateEntity | null> {
    return em.getRepository(EffectEstimateEntity).findOne({ where: { householdId } });
  }

  async saveEstimate(
    em: EntityManager,
    row: Omit<EffectEstimateEntity, 'id' | 'household'>,
  ): Promise<void> {
    await em.getRepository(EffectEstimateEntity).upsert(row, ['householdId']);
  }
}
