import { Injectable } from '@nestjs/common';
import {
  type CollaborationEvaluationDto,
  CreateCollaborationEvaluationRequest as CreateSchema,
  type CreateCollaborationEvaluationRequest,
  isHouseholdRole,
} from '@spil/shared';
import { SpilError } from '../../common/errors';
import { EventsBroadcaster, rooms } from '../../events/events.broadcaster';
import { type HouseholdAccess, HouseholdAccessPolicy } from '../households/household-access.policy';
import type { UserEntity } from '../users/user.entity';
import type { CollaborationEvaluationEntity } from './collaboration-evaluation.entity';
import { CollaborationEvaluationsRepository } from './collaboration-evaluations.repository';

/**
 * Tip 9: evaluate the collaboration itself, not only the case. After an
 * overleg or at the end of a trajectory the team writes down what went well
 * and what to improve; it is kept with the household. It is the
 * professionals' reflection on their own work: the household does not see it
 * (they evaluate the case with the team in an `evaluatie` overleg).
 */
@Injectable()
export class CollaborationEvaluationsService {
  constructor(
    private readonly repo: CollaborationEvaluationsRepository,
    private readonly policy: HouseholdAccessPolicy,
    private readonly broadcaster: EventsBroadcaster,
  ) {}

  private async requireProfessional(
    user: UserEntity,
    householdId: string,
  ): Promise<HouseholdAccess> {
    const access = await this.policy.access(user, householdId);
    if (!access) throw new SpilError('household.not_found');
    if (access.teamRole !== null && isHouseholdRole(access.teamRole))
      throw new SpilError('auth.forbidden');
    return access;
  }

  async list(user: UserEntity, householdId: string): Promise<CollaborationEvaluationDto[]> {
    await this.requireProfessional(user, householdId);
    return this.toDtos(await this.repo.list(householdId));
  }

  /** Any professional on the team (a meelezer too: they take part in the collaboration) or the coördinator. */
  async create(
    user: UserEntity,
    householdId: string,
    input: CreateCollaborationEvaluationRequest,
  ): Promise<CollaborationEvaluationDto> {
    await this.requireProfessional(user, householdId);
    const body = CreateSchema.parse(input);
    if (body.meetingId && !(await this.repo.meetingExists(householdId, body.meetingId))) {
      throw new SpilError('meeting.not_found', 'meetingId');
    }
    const saved = await this.repo.insert({
      householdId,
      meetingId: body.meetingId,
      moment: body.moment,
      wentWell: body.wentWell,
      toImprove: body.toImprove,
      agreements: body.agreements,
      score: body.score,
      authorId: user.id,
    });
    this.broadcaster.toRoom(rooms.household(householdId), 'household:changed', {
      householdId,
      what: 'meetings',
    });
    return (await this.toDtos([saved]))[0] as CollaborationEvaluationDto;
  }

  private async toDtos(
    rows: CollaborationEvaluationEntity[],
  ): Promise<CollaborationEvaluationDto[]> {
    const names = await this.repo.names(rows.map((r) => r.authorId));
    return rows.map((r) => ({
      id: r.id,
      householdId: r.householdId,
      meetingId: r.meetingId,
      moment: r.moment,
      wentWell: r.wentWell,
      toImprove: r.toImprove,
      agreements: r.agreements,
      score: r.score,
      authorId: r.authorId,
      authorName: names.get(r.authorId) ?? 'Onbekend',
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
