/** REST calls of the process around a household: quickscan, colour, escalations, ZRM, evaluation, effects. */
import {
  type ChangeColourRequest,
  ColourOverviewDto,
  type CreateEscalationRequest,
  type CreateEvaluationRequest,
  EscalationDto,
  EvaluationOverviewDto,
  HouseholdEffectsDto,
  type QuickscanRequest,
  type RecordZrmRequest,
  type ReopenRequest,
  type SaveEffectsRequest,
  type UpdateEscalationRequest,
  ZrmScoreDto,
} from '@spil/shared';
import { z } from 'zod';
import { request } from '../../api/http';

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
  evaluate: (id: string, body: CreateEvaluationRequest) =>
    request('POST', `${base(id)}/evaluation`, EvaluationOverviewDto, body),
  reopen: (id: string, body: ReopenRequest) =>
    request('POST', `${base(id)}/reopen`, EvaluationOverviewDto, body),

  effects: (id: string) => request('GET', `${base(id)}/effects`, HouseholdEffectsDto),
  saveEffects: (id: string, body: SaveEffectsRequest) =>
    request('PUT', `${base(id)}/effects`, HouseholdEffectsDto, body),
};
