import { describe, expect, it } from 'vitest';
import type { EventsBroadcaster } from '../../events/events.broadcaster';
import type { HouseholdAccess, HouseholdAccessPolicy } from '../households/household-access.policy';
import type { UserEntity } from '../users/user.entity';
import type { CollaborationEvaluationsRepository } from './collaboration-evaluations.repository';
import { CollaborationEvaluationsService } from './collaboration-evaluations.service';

function strict<T extends object>(name: string, impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, prop) {
      if (prop === 'then') return undefined;
      if (!(prop in target)) throw new Error(`${name}.${String(prop)} was not expected`);
      return target[prop as keyof typeof target];
    },
  }) as T;
}

const HH = '0b7e8a36-3f5e-4c55-9a53-1d2f2b4c9e01';
const MEETING = '5d0c3a1e-2b7f-4e8a-9c61-0f3e4d5a6b7c';
const ME = { id: '11111111-1111-4111-8111-111111111111', name: 'Tester' } as UserEntity;
const body = {
  moment: 'na-overleg' as const,
  meetingId: MEETING,
  wentWell: 'Korte lijnen',
  toImprove: 'Eerder delen',
};

function service(
  access: HouseholdAccess | null,
  repo: Partial<CollaborationEvaluationsRepository> = {},
) {
  return new CollaborationEvaluationsService(
    strict<CollaborationEvaluationsRepository>('repo', repo),
    strict<HouseholdAccessPolicy>('policy', { access: async () => access }),
    strict<EventsBroadcaster>('broadcaster', { toRoom: () => undefined }),
  );
}

describe('CollaborationEvaluationsService', () => {
  it('is for the professionals: the household gets 403, a stranger 404', async () => {
    await expect(
      service({ householdId: HH, teamRole: 'inwoner', coordinator: false }).list(ME, HH),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(service(null).create(ME, HH, body)).rejects.toMatchObject({
      code: 'household.not_found',
    });
  });

  it('refuses a meeting of another household', async () => {
    const s = service(
      { householdId: HH, teamRole: 'meelezer', coordinator: false },
      { meetingExists: async () => false },
    );
    await expect(s.create(ME, HH, body)).rejects.toMatchObject({
      code: 'meeting.not_found',
      field: 'meetingId',
    });
  });

  it('keeps what went well and what to improve, with its author', async () => {
    const s = service(
      { householdId: HH, teamRole: 'meelezer', coordinator: false },
      {
        meetingExists: async () => true,
        insert: async (f) => ({ ...f, id: 'e1', createdAt: new Date('2026-11-23T10:00:00Z') }),
        names: async () => new Map([[ME.id, ME.name]]),
      },
    );
    expect(await s.create(ME, HH, { ...body, score: 4 })).toEqual({
      id: 'e1',
      householdId: HH,
      meetingId: MEETING,
      moment: 'na-overleg',
      wentWell: 'Korte lijnen',
      toImprove: 'Eerder delen',
      agreements: '',
      score: 4,
      authorId: ME.id,
      authorName: 'Tester',
      createdAt: '2026-11-23T10:00:00.000Z',
    });
  });
});
