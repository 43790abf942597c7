import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { ConsentEntity } from './consent.entity';

@Injectable()
export class ConsentRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Every consent of a household, newest first: the history stays. */
  listForHousehold(householdId: string): Promise<ConsentEntity[]> {
    return this.ds
      .getRepository(ConsentEntity)
      .find({ where: { householdId }, order: { recordedAt: 'DESC', id: 'ASC' } });
  }

  find(householdId: string, id: string): Promise<ConsentEntity | null> {
    return this.ds.getRepository(ConsentEntity).findOne({ where: { id, householdId } });
  }

  insert(
    fields: Omit<
      ConsentEntity,
      'id' | 'recordedAt' | 'household' | 'withdrawnAt' | 'withdrawnBy' | 'withdrawalReason'
    >,
    em?: EntityManager,
  ): Promise<ConsentEntity> {
    const repo = (em ?? this.ds.manager).getRepository(ConsentEntity);
    return repo.save(
      repo.create({ ...fields, withdrawnAt: null, withdrawnBy: null, withdrawalReason: null }),
    );
  }

  /** Withdraw once: false when it was withdrawn already (also by a concurrent request). */
  async withdraw(id: string, by: string, reason: string | null): Promise<boolean> {
    const res = await this.ds
      .getRepository(ConsentEntity)
      .update(
        { id, withdrawnAt: IsNull() },
        { withdrawnAt: new Date(), withdrawnBy: by, withdrawalReason: reason },
      );
    return (res.affected ?? 0) > 0;
  }

  /** Households whose not withdrawn consents start on `today` or ended the day before: their access changes at midnight. */
  async householdsWithBoundary(today: string, yesterday: string): Promise<string[]> {
    const rows = await this.ds
      .getRepository(ConsentEntity)
      .createQueryBuilder('c')
      .select('DISTINCT c.household_id', 'household_id')
      .where('c.withdrawn_at IS NULL AND (c.valid_from = :today OR c.valid_until = :yesterday)', {
        today,
        yesterday,
      })
      .getRawMany<{ household_id: string }>();
    return rows.map((r) => r.household_id);
  }

  async names(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (unique.length === 0) return new Map();
    const users = await this.ds
      .getRepository(UserEntity)
      .find({ where: { id: In(unique) }, select: { id: true, name: true } });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}
