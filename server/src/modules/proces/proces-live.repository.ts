import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PROFESSIONAL_TEAM_ROLES, TEAM_ROLES, type TeamRole } from '@spil/shared';
import { UserEntity } from '../users/user.entity';

/** Who is told live that the process of a household changed. */
@Injectable()
export class ProcesLiveRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Active users who may see the household's process: those on the casus
   * team now (with one of `roles`) and the coördinators of its wijkteam.
   * The same rule as `HouseholdAccessPolicy.access`, asked the other way round.
   */
  async audience(householdId: string, roles: readonly TeamRole[]): Promise<string[]> {
    const rows = await this.ds
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.active = true')
      .andWhere(
        `(EXISTS (SELECT 1 FROM team_membership m WHERE m.household_id = :householdId AND m.user_id = u.id AND m.ended_at IS NULL AND m.role IN (:...roles))
          OR (u.system_role = 'coordinator' AND u.wijkteam_id = (SELECT h.wijkteam_id FROM household h WHERE h.id = :householdId)))`,
        { householdId, roles: roles.length ? [...roles] : ['-'] },
      )
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}

/** The professionals' working information: quickscan, colour, escalations. */
export const INTERNAL_AUDIENCE: readonly TeamRole[] = PROFESSIONAL_TEAM_ROLES;
/** What the household's own people see as well, such as the phase. */
export const WHOLE_TEAM: readonly TeamRole[] = TEAM_ROLES;
