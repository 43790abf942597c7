import { Inject, Injectable } from '@nestjs/common';
import {
  type ClosureDto,
  CreateEvaluationRequest,
  type EvaluationDto,
  type EvaluationOverviewDto,
  type PersonRef,
  type PlanGoalsDto,
  ReopenRequest,
} from '@spil/shared';
import { SpilError } from '../../../common/errors';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../../../common/plan-documents.port';
import type { UserEntity } from '../../users/user.entity';
import { peopleByIds } from '../people';
import { ProcesAccess } from '../proces-access';
import { ProcesLive } from '../proces-live';
import { ZrmRepository } from '../zrm/zrm.repository';
import { ZrmService } from '../zrm/zrm.service';
import type { EvaluationEntity, HouseholdClosureEntity } from './evaluation.entity';
import { EvaluationsRepository } from './evaluations.repository';

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly repo: EvaluationsRepository,
    private readonly zrm: ZrmService,
    private readonly zrmRepo: ZrmRepository,
    private readonly access: ProcesAccess,
    private readonly live: ProcesLive,
    @Inject(PLAN_DOCUMENTS) private readonly plans: PlanDocuments,
  ) {}

  /**
   * The doelen of the plan, for the evaluation form: everyone who may read
   * the plan (404 for a household the caller may not see). Audited as
   * `doelen.read` by the route; nothing else of the plan leaves.
   */
  async goals(user: UserEntity, householdId: string): Promise<PlanGoalsDto> {
    await this.access.require(user, householdId, 'read');
    const plan = await this.plans.read(householdId);
    return { goals: plan.doelen.map((d) => ({ id: d.id, titel: d.titel, domein: d.domein })) };
  }

  async overview(user: UserEntity, householdId: string): Promise<EvaluationOverviewDto> {
    const { household } = await this.access.require(user, householdId, 'read');
    return this.load(householdId, household.phase);
  }

  /**
   * The evaluation at the end of a trajectory: per goal behaald, deels or
   * niet, the final ZRM, the inwoner's own view. Then the household is
   * closed, all in one transaction. Coördinator or regiehouder.
   */
  async evaluate(
    user: UserEntity,
    householdId: string,
    input: CreateEvaluationRequest,
  ): Promise<EvaluationOverviewDto> {
    await this.access.require(user, householdId, 'manage', { openOnly: true });
    const body = CreateEvaluationRequest.parse(input);
    await this.repo.withLockedHousehold(householdId, async (em, household) => {
      if (household.phase === 'afgesloten') throw new SpilError('proces.household_closed');
      const at = new Date();
      await this.zrm.recordIn(em, householdId, user.id, 'evaluatie', body.zrm, at);
      if ((await this.zrmRepo.countAtMoment(em, householdId, 'evaluatie')) === 0)
        throw new SpilError('evaluation.zrm_required', 'zrm');
      const evaluation = await this.repo.insertEvaluation(em, {
        householdId,
        goals: body.goals.map((g) => ({
          goalId: g.goalId,
          title: g.title,
          result: g.result,
          note: g.note,
        })),
        residentView: body.residentView,
        collaboration: body.collaboration,
        createdBy: user.id,
        createdAt: at,
      });
      await this.repo.setPhase(em, householdId, 'afgesloten');
      await this.repo.insertClosure(em, {
        householdId,
        kind: 'gesloten',
        reason: 'Afgesloten na de evaluatie',
        phase: 'afgesloten',
        evaluationId: evaluation.id,
        byUser: user.id,
        at,
      });
    });
    await this.live.changed(householdId, 'fase');
    return this.load(householdId, 'afgesloten');
  }

  /** Reopen a closed household, with a reason, in the phase given (default uitvoering). */
  async reopen(
    user: UserEntity,
    householdId: string,
    input: ReopenRequest,
  ): Promise<EvaluationOverviewDto> {
    await this.access.require(user, householdId, 'manage');
    const body = ReopenRequest.parse(input);
    await this.repo.withLockedHousehold(householdId, async (em, household) => {
      if (household.phase !== 'afgesloten') throw new SpilError('proces.household_not_closed');
      await this.repo.setPhase(em, householdId, body.phase);
      await this.repo.insertClosure(em, {
        householdId,
        kind: 'heropend',
        reason: body.reason,
        phase: body.phase,
        evaluationId: null,
        byUser: user.id,
        at: new Date(),
      });
    });
    await this.live.changed(householdId, 'fase');
    return this.load(householdId, body.phase);
  }

  private async load(
    householdId: string,
    phase: EvaluationOverviewDto['phase'],
  ): Promise<EvaluationOverviewDto> {
    const [evaluations, closures] = await Promise.all([
      this.repo.evaluations(householdId),
      this.repo.closures(householdId),
    ]);
    const person = await peopleByIds(this.repo.manager, [
      ...evaluations.map((e) => e.createdBy),
      ...closures.map((c) => c.byUser),
    ]);
    return {
      phase,
      evaluations: evaluations.map((e) => evaluationDto(e, person)),
      closures: closures.map((c) => closureDto(c, person)),
    };
  }
}

function evaluationDto(e: EvaluationEntity, person: (id: string) => PersonRef): EvaluationDto {
  return {
    id: e.id,
    householdId: e.householdId,
    goals: e.goals,
    residentView: e.residentView,
    collaboration: e.collaboration,
    by: person(e.createdBy),
    at: e.createdAt.toISOString(),
  };
}

function closureDto(c: HouseholdClosureEntity, person: (id: string) => PersonRef): ClosureDto {
  return {
    id: c.id,
    kind: c.kind,
    reason: c.reason,
    phase: c.phase,
    evaluationId: c.evaluationId,
    by: person(c.byUser),
    at: c.at.toISOString(),
  };
}
