import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamRole } from '@spil/shared';
import { UserEntity } from '../users/user.entity';
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  RegieAssignmentEntity,
  TeamMembershipEntity,
} from './household.entity';

export interface TeamRow {
  membership: TeamMembershipEntity;
  user: UserEntity;
}
export interface RegieRow {
  userId: string;
  name: string;
  since: Date;
}

/** All household queries. Every list is already limited to what the caller may see. */
@Injectable()
export class HouseholdsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  findById(id: string): Promise<HouseholdEntity | null> {
    return this.ds.getRepository(HouseholdEntity).findOne({ where: { id } });
  }

  /**
   * What an access check needs of a household, in one query: its wijkteam and
   * the user's open role on its team (null: not on it). Null when there is no
   * such household. Every request and socket on a household passes here.
   */
  async accessFacts(
    householdId: string,
    userId: string,
  ): Promise<{ wijkteamId: string | null; role: TeamRole | null } | null> {
    const rows = await this.ds.query<{ wijkteam_id: string | null; role: TeamRole | null }[]>(
      `SELECT h.wijkteam_id, m.role FROM household h
         LEFT JOIN team_membership m
           ON m.household_id = h.id AND m.user_id = $2 AND m.ended_at IS NULL
        WHERE h.id = $1
        LIMIT 1`,
      [householdId, userId],
    );
    const row = rows[0];
    return row ? { wijkteamId: row.wijkteam_id, role: row.role } : null;
  }

  /** Households where the user is on the team, or, for a coördinator, those of their wijkteam. */
  listVisible(user: UserEntity): Promise<HouseholdEntity[]> {
    const qb = this.ds
      .getRepository(HouseholdEntity)
      .createQueryBuilder('h')
      .where(
        `EXISTS (SELECT 1 FROM team_membership m WHERE m.household_id = h.id AND m.user_id = :uid AND m.ended_at IS NULL)`,
        { uid: user.id },
      );
    if (user.systemRole === 'coordinator' && user.wijkteamId) {
      qb.orWhere('h.wijkteam_id = :wt', { wt: user.wijkteamId });
    }
    return qb.orderBy('h.display_name', 'ASC').getMany();
  }

  openMembership(
    householdId: string,
    userId: string,
    em?: EntityManager,
  ): Promise<TeamMembershipEntity | null> {
    return (em ?? this.ds.manager)
      .getRepository(TeamMembershipEntity)
      .createQueryBuilder('m')
      .where('m.household_id = :householdId AND m.user_id = :userId AND m.ended_at IS NULL', {
        householdId,
        userId,
      })
      .getOne();
  }

  /** Open memberships of the given households, with their users. */
  async teams(householdIds: string[]): Promise<TeamRow[]> {
    if (householdIds.length === 0) return [];
    const rows = await this.ds
      .getRepository(TeamMembershipEntity)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where('m.household_id IN (:...ids) AND m.ended_at IS NULL', { ids: householdIds })
      .orderBy('m.since', 'ASC')
      .getMany();
    return rows.map((m) => ({ membership: m, user: m.user as UserEntity }));
  }

  members(householdId: string): Promise<HouseholdMemberEntity[]> {
    return this.ds
      .getRepository(HouseholdMemberEntity)
      .find({ where: { householdId }, order: { birthYear: 'ASC' } });
  }

  async regie(householdIds: string[]): Promise<Map<string, RegieRow>> {
    const out = new Map<string, RegieRow>();
    if (householdIds.length === 0) return out;
    const rows = await this.ds
      .getRepository(RegieAssignmentEntity)
      .createQueryBuilder('r')
      .innerJoin(UserEntity, 'u', 'u.id = r.user_id')
      .select([
        'r.household_id AS household_id',
        'r.user_id AS user_id',
        'u.name AS name',
        'r.since AS since',
      ])
      .where('r.household_id IN (:...ids) AND r.ended_at IS NULL', { ids: householdIds })
      .getRawMany<{ household_id: string; user_id: string; name: string; since: Date }>();
    for (const r of rows)
      out.set(r.household_id, { userId: r.user_id, name: r.name, since: new Date(r.since) });
    return out;
  }

  async addMember(
    householdId: string,
    userId: string,
    role: TeamRole,
    em?: EntityManager,
  ): Promise<TeamMembershipEntity> {
    const repo = (em ?? this.ds.manager).getRepository(TeamMembershipEntity);
    return repo.save(repo.create({ householdId, userId, role, since: new Date(), endedAt: null }));
  }

  async setRole(membershipId: string, role: TeamRole): Promise<void> {
    await this.ds.getRepository(TeamMembershipEntity).update({ id: membershipId }, { role });
  }

  async endMembership(membershipId: string): Promise<void> {
    await this.ds
      .getRepository(TeamMembershipEntity)
      .update({ id: membershipId }, { endedAt: new Date() });
  }

  findUser(userId: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { id: userId } });
  }
}
