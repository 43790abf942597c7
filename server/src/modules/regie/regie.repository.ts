import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RegieAssignmentEntity } from '../households/household.entity';
import { UserEntity } from '../users/user.entity';
import { RegieHandoverEntity } from './regie.entity';

export interface RegieHistoryRow {
  assignment: RegieAssignmentEntity;
  name: string;
  assignedByName: string;
}

@Injectable()
export class RegieRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async history(householdId: string): Promise<RegieHistoryRow[]> {
    const rows = await this.ds
      .getRepository(RegieAssignmentEntity)
      .createQueryBuilder('r')
      .innerJoin(UserEntity, 'u', 'u.id = r.user_id')
      .innerJoin(UserEntity, 'b', 'b.id = r.assigned_by')
      .addSelect(['u.name AS u_name', 'b.name AS b_name'])
      .where('r.household_id = :householdId', { householdId })
      .orderBy('r.since', 'DESC')
      .getRawAndEntities();
    return rows.entities.map((assignment, i) => ({
      assignment,
      name: String((rows.raw[i] as { u_name: string }).u_name),
      assignedByName: String((rows.raw[i] as { b_name: string }).b_name),
    }));
  }

  openHandover(householdId: string, em?: EntityManager): Promise<RegieHandoverEntity | null> {
    return (em ?? this.ds.manager)
      .getRepository(RegieHandoverEntity)
      .findOne({ where: { householdId, status: 'open' } });
  }

  handover(id: string, householdId: string): Promise<RegieHandoverEntity | null> {
    return this.ds.getRepository(RegieHandoverEntity).findOne({ where: { id, householdId } });
  }

  /** End the open assignment and any open handover, then give regie to `userId`. Within `em`'s transaction. */
  async assign(
    em: EntityManager,
    householdId: string,
    userId: string,
    assignedBy: string,
    reason: string,
  ): Promise<void> {
    const now = new Date();
    await em
      .createQueryBuilder()
      .update(RegieAssignmentEntity)
      .set({ endedAt: now })
      .where('household_id = :householdId AND ended_at IS NULL', { householdId })
      .execute();
    await em
      .getRepository(RegieHandoverEntity)
      .update({ householdId, status: 'open' }, { status: 'ingetrokken', decidedAt: now });
    const repo = em.getRepository(RegieAssignmentEntity);
    await repo.save(
      repo.create({ householdId, userId, assignedBy, reason, since: now, endedAt: null }),
    );
  }

  async createHandover(
    em: EntityManager,
    h: Pick<RegieHandoverEntity, 'householdId' | 'fromUserId' | 'toUserId' | 'reason'>,
  ): Promise<RegieHandoverEntity> {
    const repo = em.getRepository(RegieHandoverEntity);
    await repo.update(
      { householdId: h.householdId, status: 'open' },
      { status: 'ingetrokken', decidedAt: new Date() },
    );
    return repo.save(repo.create({ ...h, status: 'open', decidedAt: null }));
  }

  async decide(
    em: EntityManager,
    id: string,
    status: 'geaccepteerd' | 'geweigerd',
    decidedBy: string,
  ): Promise<void> {
    await em
      .getRepository(RegieHandoverEntity)
      .update({ id, status: 'open' }, { status, decidedAt: new Date(), decidedBy });
  }

  /**
   * Withdraw an offer that is still open. False when it was no longer open
   * (answered or withdrawn in the meantime): nothing changed then.
   */
  async withdraw(
    em: EntityManager,
    id: string,
    withdrawnBy: string,
    reason: string | null,
  ): Promise<boolean> {
    const res = await em.getRepository(RegieHandoverEntity).update(
      { id, status: 'open' },
      {
        status: 'ingetrokken',
        decidedAt: new Date(),
        decidedBy: withdrawnBy,
        decisionReason: reason,
      },
    );
    return (res.affected ?? 0) > 0;
  }

  /** Every handover offer of the household, newest first. */
  handovers(householdId: string): Promise<RegieHandoverEntity[]> {
    return this.ds
      .getRepository(RegieHandoverEntity)
      .find({ where: { householdId }, order: { createdAt: 'DESC' } });
  }

  userNames(ids: string[]): Promise<Map<string, string>> {
    return this.ds
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.name'])
      .where('u.id IN (:...ids)', {
        ids: ids.length ? ids : ['00000000-0000-0000-0000-000000000000'],
      })
      .getMany()
      .then((us) => new Map(us.map((u) => [u.id, u.name])));
  }
}
