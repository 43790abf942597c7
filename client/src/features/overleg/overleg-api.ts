import {
  AgendaItem,
  type AttendanceRequest,
  CollaborationEvaluationDto,
  type CreateCollaborationEvaluationRequest,
  type CreateMeetingRequest,
  type DecisionRequest,
  MeetingDecisionDto,
  MeetingDto,
  type MeetingKind,
  type UpdateMeetingRequest,
} from '@spil/shared';
import { z } from 'zod';
import { request } from '../../api/http';
import { keys, queryOptions } from '../../lib/query';

const hh = (householdId: string) => `/api/households/${encodeURIComponent(householdId)}`;
const one = (householdId: string, meetingId: string) =>
  `${hh(householdId)}/meetings/${encodeURIComponent(meetingId)}`;

export type When = 'upcoming' | 'past' | 'all';

export function listMeetings(householdId: string, when: When = 'all'): Promise<MeetingDto[]> {
  return request('GET', `${hh(householdId)}/meetings?when=${when}`, z.array(MeetingDto));
}

export function myMeetings(when: When = 'all'): Promise<MeetingDto[]> {
  return request('GET', `/api/me/meetings?when=${when}`, z.array(MeetingDto));
}

export function getMeeting(householdId: string, meetingId: string): Promise<MeetingDto> {
  return request('GET', one(householdId, meetingId), MeetingDto);
}

export function agendaDraft(householdId: string, kind: MeetingKind): Promise<AgendaItem[]> {
  return request(
    'GET',
    `${hh(householdId)}/meetings/agenda-draft?kind=${kind}`,
    z.array(AgendaItem),
  );
}

export function planMeeting(householdId: string, body: CreateMeetingRequest): Promise<MeetingDto> {
  return request('POST', `${hh(householdId)}/meetings`, MeetingDto, body);
}

export function updateMeeting(
  householdId: string,
  meetingId: string,
  body: UpdateMeetingRequest,
): Promise<MeetingDto> {
  return request('PATCH', one(householdId, meetingId), MeetingDto, body);
}

export function saveAttendance(
  householdId: string,
  meetingId: string,
  body: AttendanceRequest,
): Promise<MeetingDto> {
  return request('PUT', `${one(householdId, meetingId)}/attendance`, MeetingDto, body);
}

export function decide(
  householdId: string,
  meetingId: string,
  body: DecisionRequest,
): Promise<MeetingDecisionDto> {
  return request('POST', `${one(householdId, meetingId)}/decisions`, MeetingDecisionDto, body);
}

export function listEvaluations(householdId: string): Promise<CollaborationEvaluationDto[]> {
  return request(
    'GET',
    `${hh(householdId)}/collaboration-evaluations`,
    z.array(CollaborationEvaluationDto),
  );
}

export function recordEvaluation(
  householdId: string,
  body: CreateCollaborationEvaluationRequest,
): Promise<CollaborationEvaluationDto> {
  return request(
    'POST',
    `${hh(householdId)}/collaboration-evaluations`,
    CollaborationEvaluationDto,
    body,
  );
}

/** Links for calendar apps: the session cookie authenticates them like any request. */
export const icsUrl = (householdId: string, meetingId: string) =>
  `${one(householdId, meetingId)}/ics`;
export const myIcsUrl = '/api/me/meetings.ics';

/** Overleg as queries: `household:changed` (meetings, team) makes a household's meetings stale. */
export const overlegQueries = {
  list: (householdId: string, when: When) =>
    queryOptions({
      queryKey: keys.household(householdId, 'meetings', 'list', when),
      queryFn: () => listMeetings(householdId, when),
    }),
  meeting: (householdId: string, meetingId: string) =>
    queryOptions({
      queryKey: keys.household(householdId, 'meetings', meetingId),
      queryFn: () => getMeeting(householdId, meetingId),
    }),
  agendaDraft: (householdId: string, kind: MeetingKind) =>
    queryOptions({
      queryKey: keys.household(householdId, 'meetings', 'agenda-draft', kind),
      queryFn: () => agendaDraft(householdId, kind),
      // A draft is read once per kind; re-drafting under the planner's hands would be confusing.
      staleTime: Infinity,
    }),
  evaluations: (householdId: string) =>
    queryOptions({
      queryKey: keys.household(householdId, 'collaboration-evaluations'),
      queryFn: () => listEvaluations(householdId),
    }),
  mine: (when: When) =>
    queryOptions({ queryKey: keys.me('meetings', when), queryFn: () => myMeetings(when) }),
};
