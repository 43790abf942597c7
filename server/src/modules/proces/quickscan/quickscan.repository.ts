import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Colour, ColourChangeKind, QuickscanAnswers } from '@spil/shared';
import { HouseholdEntity } from '../../households/household.entity';
import { ColourChangeEntity, QuickscanEntity } from './quickscan.entity';

@Injectable()
export class QuickscanRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  /**
   * Run `fn` with the household row locked, so two colour changes at once
   * each see the other's result as their previous colour.
   */
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

  latestQuickscan(
    householdId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<QuickscanEntity | null> {
    return em
      .getRepository(QuickscanEntity)
      .findOne({ where: { householdId }, order: { createdAt: 'DESC' } });
  }

  /** Oldest first. */
  history(householdId: string, em: EntityManager = this.ds.manager): Promise<ColourChangeEntity[]> {
    return em
      .getRepository(ColourChangeEntity)
      .find({ where: { householdId }, order: { changedAt: 'ASC', id: 'ASC' } });
  }

  async currentColour(
    householdId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<Colour | null> {
    const row = await em.getRepository(ColourChangeEntity).findOne({
      where: { householdId },
      order: { changedAt: 'DESC', id: 'DESC' },
      select: { id: true, colour: true },
    });
    return row?.colour ?? null;
  }

  insertQuickscan(
    em: EntityManager,
    row: {
      householdId: string;
      answers: QuickscanAnswers;
      colour: Colour;
      reasons: string[];
      note: string;
      createdBy: string;
      createdAt: Date;
    },
  ): Promise<QuickscanEntity> {
    const repo = em.getRepository(QuickscanEntity);
    return repo.save(repo.create(row));
  }

  insertChange(
    em: EntityManager,
    row: {
      householdId: string;
      colour: Colour;
      previousColour: Colour | null;
      kind: ColourChangeKind;
      reason: string;
      quickscanId: string | null;
      changedBy: string;
      changedAt: Date;
    },
  ): Promise<ColourChangeEntity> {
    const repo = em.getRepository(ColourChangeEntity);
    return repo.save(repo.create(row));
  }
}
