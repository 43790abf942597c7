import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Phase } from '@spil/shared';
import { HouseholdEntity } from '../../households/household.entity';
import { EvaluationEntity, HouseholdClosureEntity } from './evaluation.entity';

@Injectable()
export class EvaluationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  /** Run `fn` with the household row locked: closing and reopening never interleave. */
  withLockedHousehold<T>(
    householdId: string,
    fn: (em: EntityManager, household: HouseholdEntity) => Promise<T>,
  ): Promise<T> {
    return this.ds.transaction(async (em) => {
      const household = await em
        .getRepository(HouseholdEntity)
        .findOneOrFail({ where: { id: householdId }, lock: { mode: 'pessimistic_write' } });
      return fn(em, household);
    });
  }

  /** Newest first. */
  evaluations(householdId: string): Promise<EvaluationEntity[]> {
    return this.ds
      .getRepository(EvaluationEntity)
      .find({ where: { householdId }, order: { createdAt: 'DESC' } });
  }

  /** Oldest first. */
  closures(householdId: string): Promise<HouseholdClosureEntity[]> {
    return this.ds
      .getRepository(HouseholdClosureEntity)
      .find({ where: { householdId }, order: { at: 'ASC' } });
  }

  insertEvaluation(
    em: EntityManager,
    row: Omit<EvaluationEntity, 'id' | 'household'>,
  ): Promise<EvaluationEntity> {
    const repo = em.getRepository(EvaluationEntity);
    return repo.save(repo.create(row));
  }

  insertClosure(
    em: EntityManager,
    row: Omit<HouseholdClosureEntity, 'id' | 'household' | 'evaluation'>,
  ): Promise<HouseholdClosureEntity> {
    const repo = em.getRepository(HouseholdClosureEntity);
    return repo.save(repo.create(row));
  }

  async setPhase(em: EntityManager, householdId: string, phase: Phase): Promise<void> {
    await em.getRepository(HouseholdEntity).update({ id: householdId }, { phase });
  }
}
