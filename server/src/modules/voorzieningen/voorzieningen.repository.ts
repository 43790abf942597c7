import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { PrijsEenheid, VoorzieningSoort } from '@spil/shared';
import { VoorzieningEntity, VoorzieningPriceEntity } from './voorziening.entity';

@Injectable()
export class VoorzieningenRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /** Oldest start first. */
  list(householdId: string, em: EntityManager = this.ds.manager): Promise<VoorzieningEntity[]> {
    return em
      .getRepository(VoorzieningEntity)
      .find({ where: { householdId }, order: { startOp: 'ASC', createdAt: 'ASC' } });
  }

  /** The voorziening, locked for the rest of the transaction `em`. */
  findForUpdate(
    em: EntityManager,
    householdId: string,
    id: string,
  ): Promise<VoorzieningEntity | null> {
    return em
      .getRepository(VoorzieningEntity)
      .findOne({ where: { id, householdId }, lock: { mode: 'pessimistic_write' } });
  }

  insert(
    em: EntityManager,
    row: Omit<VoorzieningEntity, 'id' | 'household'>,
  ): Promise<VoorzieningEntity> {
    const repo = em.getRepository(VoorzieningEntity);
    return repo.save(repo.create(row));
  }

  save(em: EntityManager, row: VoorzieningEntity): Promise<VoorzieningEntity> {
    return em.getRepository(VoorzieningEntity).save(row);
  }

  async remove(em: EntityManager, row: VoorzieningEntity): Promise<void> {
    await em.getRepository(VoorzieningEntity).delete({ id: row.id, householdId: row.householdId });
  }

  prices(
    wijkteamId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<VoorzieningPriceEntity[]> {
    return em.getRepository(VoorzieningPriceEntity).find({ where: { wijkteamId } });
  }

  async setPrice(
    em: EntityManager,
    wijkteamId: string,
    soort: VoorzieningSoort,
    eenheid: PrijsEenheid,
    amountCents: number | null,
    by: string,
  ): Promise<void> {
    const repo = em.getRepository(VoorzieningPriceEntity);
    if (amountCents === null) {
      await repo.delete({ wijkteamId, soort });
      return;
    }
    await repo.upsert(
      { wijkteamId, soort, eenheid, amountCents, updatedBy: by, updatedAt: new Date() },
      ['wijkteamId', 'soort'],
    );
  }
}
