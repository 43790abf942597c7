import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EscalationEntity } from './escalation.entity';

@Injectable()
export class EscalationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /** Open ones first, then newest first. */
  list(householdId: string): Promise<EscalationEntity[]> {
    return this.ds
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.household_id = :householdId', { householdId })
      .orderBy('e.closed_at IS NULL', 'DESC')
      .addOrderBy('e.created_at', 'DESC')
      .getMany();
  }

  /** The escalation, locked for the rest of the transaction `em`. */
  findForUpdate(
    em: EntityManager,
    householdId: string,
    id: string,
  ): Promise<EscalationEntity | null> {
    return em
      .getRepository(EscalationEntity)
      .findOne({ where: { id, householdId }, lock: { mode: 'pessimistic_write' } });
  }

  insert(
    em: EntityManager,
    row: Omit<EscalationEntity, 'id' | 'household'>,
  ): Promise<EscalationEntity> {
    const repo = em.getRepository(EscalationEntity);
    return repo.save(repo.create(row));
  }

  save(em: EntityManager, row: EscalationEntity): Promise<EscalationEntity> {
    return em.getRepository(EscalationEntity).save(row);
  }
}
