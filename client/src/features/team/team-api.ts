import {
  type AddTeamMemberRequest,
  type PatchTeamMemberRequest,
  TeamMemberDto,
  UserDto,
} from '@spil/shared';
import { z } from 'zod';
import { request, requestVoid } from '../../api/http';

const base = (householdId: string) => `/api/households/${encodeURIComponent(householdId)}/team`;

/** Professionals of my wijkteam, to add to a casus team. */
export function listProfessionals(): Promise<UserDto[]> {
  return request('GET', '/api/users', z.array(UserDto));
}

export function addTeamMember(
  householdId: string,
  body: AddTeamMemberRequest,
): Promise<TeamMemberDto> {
  return request('POST', base(householdId), TeamMemberDto, body);
}

export function changeTeamRole(
  householdId: string,
  userId: string,
  body: PatchTeamMemberRequest,
): Promise<TeamMemberDto> {
  return request(
    'PATCH',
    `${base(householdId)}/${encodeURIComponent(userId)}`,
    TeamMemberDto,
    body,
  );
}

export function removeTeamMember(householdId: string, userId: string): Promise<void> {
  return requestVoid('DELETE', `${base(householdId)}/${encodeURIComponent(userId)}`);
}
