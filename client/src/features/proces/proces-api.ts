/** REST calls of the process around a household: quickscan, colour, escalations, ZRM, evaluation, effects. */
import {
  type ChangeColourRequest,
  ColourOverviewDto,
  type CreateEscalationRequest,
  type CreateEvaluationRequest,
  EscalationDto,
  EvaluationOverviewDto,
  HouseholdEffectsDto,
  PlanGoalsDto,
  type QuickscanRequest,
  type RecordZrmRequest,
  type ReopenRequest,
  type SaveEffectsRequest,
  type UpdateEscalationRequest,
  ZrmScoreDto,
} from '@spil/shared';
import { z } from 'zod';
import { request } from '../../api/http';
import { keys, queryOptions } from '../../lib/query';

const base = (householdId: string) => `/api/households/${encodeURIComponent(householdId)}`;

export const procesApi = {
  colour: (id: string) => request('GET', `${base(id)}/colour`, ColourOverviewDto),
  quickscan: (id: string, body: QuickscanRequest) =>
    request('POST', `${base(id)}/quickscan`, ColourOverviewDto, body),
  changeColour: (id: string, body: ChangeColourRequest) =>
    request('POST', `${base(id)}/colour`, ColourOverviewDto, body),

  escalations: (id: string) => request('GET', `${base(id)}/escalations`, z.array(EscalationDto)),
  escalate: (id: string, body: CreateEscalationRequest) =>
    request('POST', `${base(id)}/escalations`, EscalationDto, body),
  updateEscalation: (id: string, escalationId: string, body: UpdateEscalationRequest) =>
    request(
      'PATCH',
      `${base(id)}/escalations/${encodeURIComponent(escalationId)}`,
      EscalationDto,
      body,
    ),

  zrm: (id: string) => request('GET', `${base(id)}/zrm`, z.array(ZrmScoreDto)),
  recordZrm: (id: string, body: RecordZrmRequest) =>
    request('POST', `${base(id)}/zrm`, z.array(ZrmScoreDto), body),

  evaluation: (id: string) => request('GET', `${base(id)}/evaluation`, EvaluationOverviewDto),
  /** The plan's doelen as stored now, for the evaluation form. */
  goals: (id: string) => request('GET', `${base(id)}/doelen`, PlanGoalsDto),
  evaluate: (id: string, body: CreateEvaluationRequest) =>
    request('POST', `${base(id)}/evaluation`, EvaluationOverviewDto, body),
  reopen: (id: string, body: ReopenRequest) =>
    request('POST', `${base(id)}/reopen`, EvaluationOverviewDto, body),

  effects: (id: string) => request('GET', `${base(id)}/effects`, HouseholdEffectsDto),
  saveEffects: (id: string, body: SaveEffectsRequest) =>
    request('PUT', `${base(id)}/effects`, HouseholdEffectsDto, body),
};

/** The process parts of one household as queries; `proces:changed` makes the right one stale. */
export const procesQueries = {
  colour: (id: string) =>
    queryOptions({ queryKey: keys.household(id, 'colour'), queryFn: () => procesApi.colour(id) }),
  escalations: (id: string) =>
    queryOptions({
      queryKey: keys.household(id, 'escalations'),
      queryFn: () => procesApi.escalations(id),
    }),
  zrm: (id: string) =>
    queryOptions({ queryKey: keys.household(id, 'zrm'), queryFn: () => procesApi.zrm(id) }),
  evaluation: (id: string) =>
    queryOptions({
      queryKey: keys.household(id, 'evaluation'),
      queryFn: () => procesApi.evaluation(id),
    }),
  effects: (id: string) =>
    queryOptions({ queryKey: keys.household(id, 'effects'), queryFn: () => procesApi.effects(id) }),
};
