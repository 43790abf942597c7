import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Levensdomein, ZrmMoment } from '@spil/shared';
import { HouseholdMemberEntity } from '../../households/household.entity';
import { ZrmScoreEntity } from './zrm-score.entity';

export interface NewZrmScore {
  memberId: string;
  moment: ZrmMoment;
  domain: Levensdomein;
  score: number;
  infoDate: string;
  note: string;
}

@Injectable()
export class ZrmRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /** The current score per member, moment and domain: the newest row of each. */
  current(householdId: string, em: EntityManager = this.ds.manager): Promise<ZrmScoreEntity[]> {
    return em
      .getRepository(ZrmScoreEntity)
      .createQueryBuilder('s')
      .distinctOn(['s.member_id', 's.moment', 's.domain'])
      .where('s.household_id = :householdId', { householdId })
      .orderBy('s.member_id')
      .addOrderBy('s.moment')
      .addOrderBy('s.domain')
      .addOrderBy('s.scored_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getMany();
  }

  memberIds(householdId: string, em: EntityManager = this.ds.manager): Promise<string[]> {
    return em
      .getRepository(HouseholdMemberEntity)
      .find({ where: { householdId }, select: { id: true } })
      .then((rows) => rows.map((r) => r.id));
  }

  async countAtMoment(em: EntityManager, householdId: string, moment: ZrmMoment): Promise<number> {
    return em.getRepository(ZrmScoreEntity).count({ where: { householdId, moment } });
  }

  insert(
    em: EntityManager,
    householdId: string,
    scoredBy: string,
    scoredAt: Date,
    matrixVersion: string,
    rows: NewZrmScore[],
  ): Promise<ZrmScoreEntity[]> {
    const repo = em.getRepository(ZrmScoreEntity);
    return repo.save(
      rows.map((r) => repo.create({ ...r, householdId, scoredBy, scoredAt, matrixVersion })),
    );
  }
}
