import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEventMap } from '../../common/domain-events';
import { DomainEvents } from '../../common/domain-events';
import type { EventsBroadcaster } from '../../events/events.broadcaster';
import type { HouseholdAccess, HouseholdAccessPolicy } from '../households/household-access.policy';
import type { UserEntity } from '../users/user.entity';
import { ConsentEntity } from './consent.entity';
import type { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';

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
const ME = { id: '11111111-1111-4111-8111-111111111111', name: 'Tester' } as UserEntity;

function consent(over: Partial<ConsentEntity> = {}): ConsentEntity {
  return Object.assign(new ConsentEntity(), {
    id: 'c1',
    householdId: HH,
    givenBy: 'inwoner',
    givenByName: 'Kim',
    representativeRole: null,
    informationKinds: ['medisch'],
    sharedWithDomains: ['sociaal'],
    sharedWithOrganisations: [],
    purpose: 'Afstemming',
    validFrom: '2026-01-01',
    validUntil: null,
    recordedBy: ME.id,
    recordedAt: new Date('2026-01-01T10:00:00Z'),
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawalReason: null,
    ...over,
  });
}

let service: ConsentService | null = null;
afterEach(() => service?.onModuleDestroy());

function setup(access: Partial<HouseholdAccess>, repo: Partial<ConsentRepository> = {}) {
  const events = new DomainEvents();
  const published: DomainEventMap['consent.changed'][] = [];
  events.on('consent.changed', (e) => void published.push(e));
  service = new ConsentService(
    strict<ConsentRepository>('repo', { names: async () => new Map([[ME.id, ME.name]]), ...repo }),
    strict<HouseholdAccessPolicy>('policy', {
      access: async () => ({ householdId: HH, teamRole: 'lid', coordinator: false, ...access }),
    }),
    events,
    strict<EventsBroadcaster>('broadcaster', { toRoom: () => undefined }),
  );
  return { service, published };
}

const input = {
  givenBy: 'inwoner' as const,
  givenByName: 'Kim',
  informationKinds: ['medisch' as const],
  sharedWithDomains: ['sociaal' as const],
  purpose: 'Afstemming',
  validFrom: '2026-01-01',
};

describe('ConsentService', () => {
  it('records for a lid or the coördinator and announces the change; a meelezer or the inwoner may not record', async () => {
    for (const access of [{ teamRole: 'meelezer' as const }, { teamRole: 'inwoner' as const }]) {
      const { service: s, published } = setup(access);
      await expect(s.create(ME, HH, input)).rejects.toMatchObject({ code: 'auth.forbidden' });
      expect(published).toEqual([]);
    }
    const { service: s, published } = setup(
      { teamRole: null, coordinator: true },
      { insert: async (f) => consent({ ...f, id: 'c2' }) },
    );
    const dto = await s.create(ME, HH, {
      ...input,
      sharedWithOrganisations: ['Wijkteam', 'Wijkteam'],
    });
    expect(dto).toMatchObject({
      id: 'c2',
      sharedWithOrganisations: ['Wijkteam'],
      status: 'actief',
      recordedByName: 'Tester',
    });
    expect(published).toEqual([{ householdId: HH }]);
  });

  it('lets the inwoner withdraw, once', async () => {
    let withdrawn = false;
    const { service: s, published } = setup(
      { teamRole: 'inwoner' },
      {
        find: async () => consent(withdrawn ? { withdrawnAt: new Date(), withdrawnBy: ME.id } : {}),
        withdraw: async () => {
          const first = !withdrawn;
          withdrawn = true;
          return first;
        },
      },
    );
    expect((await s.withdraw(ME, HH, 'c1', { reason: '  ' })).status).toBe('ingetrokken');
    await expect(s.withdraw(ME, HH, 'c1', {})).rejects.toMatchObject({
      code: 'consent.already_withdrawn',
    });
    expect(published).toEqual([{ householdId: HH }]);
  });

  it('at midnight in Amsterdam re-checks households whose consent starts today or ended yesterday', async () => {
    const asked: [string, string][] = [];
    const { service: s, published } = setup(
      {},
      {
        householdsWithBoundary: async (today, yesterday) => {
          asked.push([today, yesterday]);
          return [HH];
        },
      },
    );
    // 23:30 UTC on 31 December is already 1 January in Amsterdam.
    expect(await s.midnight(new Date('2026-12-31T23:30:00Z'))).toEqual([HH]);
    expect(asked).toEqual([['2027-01-01', '2026-12-31']]);
    expect(published).toEqual([{ householdId: HH }]);
  });
});
