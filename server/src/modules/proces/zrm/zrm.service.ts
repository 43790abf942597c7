import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  isZrmInfoStale,
  type PersonRef,
  RecordZrmRequest,
  ZRM_VERSION,
  type ZrmMoment,
  type ZrmScoreDto,
} from '@spil/shared';
import { SpilError } from '../../../common/errors';
import type { UserEntity } from '../../users/user.entity';
import { peopleByIds, todayInNl } from '../people';
import { ProcesAccess } from '../proces-access';
import type { ZrmScoreEntity } from './zrm-score.entity';
import { ZrmRepository } from './zrm.repository';

export type ZrmMemberScores = Omit<RecordZrmRequest, 'moment'>;

@Injectable()
export class ZrmService {
  constructor(
    private readonly repo: ZrmRepository,
    private readonly access: ProcesAccess,
  ) {}

  /** The current scores of every member at every moment. The household sees its own. */
  async list(user: UserEntity, householdId: string): Promise<ZrmScoreDto[]> {
    await this.access.require(user, householdId, 'read');
    return this.toDtos(await this.repo.current(householdId));
  }

  /** Score one member at one moment; a score for a domain already scored at that moment supersedes it. */
  async record(
    user: UserEntity,
    householdId: string,
    input: RecordZrmRequest,
  ): Promise<ZrmScoreDto[]> {
    await this.access.require(user, householdId, 'write', { openOnly: true });
    const body = RecordZrmRequest.parse(input);
    const rows = await this.repo.transaction((em) =>
      this.recordIn(em, householdId, user.id, body.moment, [body], new Date()),
    );
    return this.toDtos(rows);
  }

  /**
   * Store scores inside a transaction that is already open (the evaluation
   * stores its final scores with it). Checks that each member belongs to the
   * household and that no information date lies in the future.
   */
  async recordIn(
    em: EntityManager,
    householdId: string,
    userId: string,
    moment: ZrmMoment,
    members: ZrmMemberScores[],
    at: Date,
  ): Promise<ZrmScoreEntity[]> {
    if (members.length === 0) return [];
    const known = new Set(await this.repo.memberIds(householdId, em));
    const today = todayInNl(at);
    const rows = members.flatMap((m, i) => {
      if (!known.has(m.memberId))
        throw new SpilError(
          'zrm.member_not_found',
          members.length > 1 ? `zrm.${i}.memberId` : 'memberId',
        );
      return m.scores.map((s) => {
        if (s.infoDate > today) throw new SpilError('zrm.info_date_future', 'infoDate');
        return {
          memberId: m.memberId,
          moment,
          domain: s.domain,
          score: s.score,
          infoDate: s.infoDate,
          note: s.note ?? '',
        };
      });
    });
    return this.repo.insert(em, householdId, userId, at, ZRM_VERSION, rows);
  }

  private async toDtos(rows: ZrmScoreEntity[]): Promise<ZrmScoreDto[]> {
    const person = await peopleByIds(
      this.repo.manager,
      rows.map((r) => r.scoredBy),
    );
    return rows.map((r) => toDto(r, person));
  }
}

function toDto(r: ZrmScoreEntity, person: (id: string) => PersonRef): ZrmScoreDto {
  const at = r.scoredAt.toISOString();
  return {
    id: r.id,
    householdId: r.householdId,
    memberId: r.memberId,
    moment: r.moment,
    domain: r.domain,
    score: r.score,
    matrixVersion: r.matrixVersion,
    infoDate: r.infoDate,
    note: r.note,
    by: person(r.scoredBy),
    at,
    stale: isZrmInfoStale(r.infoDate, todayInNl(r.scoredAt)),
  };
}
