import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type Actie, PlanDoc } from '@spil/shared';
import { SpilError } from '../../common/errors';
import type { EventsBroadcaster } from '../../events/events.broadcaster';
import type { HouseholdAccess, HouseholdAccessPolicy } from '../households/household-access.policy';
import type { HouseholdsRepository } from '../households/households.repository';
import type { NotificationsService } from '../notifications/notifications.service';
import type { UserEntity } from '../users/user.entity';
import { MeetingEntity } from './meeting.entity';
import type { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import type { PlanDocuments, PlanView } from '../../common/plan-documents.port';

/** A fake that fails loudly on any member the test did not provide. */
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
const ME = { id: '11111111-1111-4111-8111-111111111111', name: 'Johan Kuipers' } as UserEntity;
const OWNER = '22222222-2222-4222-8222-222222222222';

function meeting(over: Partial<MeetingEntity> = {}): MeetingEntity {
  return Object.assign(new MeetingEntity(), {
    id: MEETING,
    householdId: HH,
    kind: 'mdo',
    title: 'MDO',
    startsAt: new Date('2026-12-01T09:00:00Z'),
    durationMinutes: 60,
    location: 'Wijkcentrum',
    onlineUrl: null,
    status: 'gepland',
    agenda: [],
    sequence: 0,
    createdBy: ME.id,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  });
}

function setup(
  opts: {
    access?: Partial<HouseholdAccess>;
    planWrite?: 'all' | 'none';
    ownerRole?: 'lid' | 'meelezer' | null;
    plan?: Partial<PlanDocuments>;
  } = {},
) {
  const access: HouseholdAccess = {
    householdId: HH,
    teamRole: 'lid',
    coordinator: false,
    ...opts.access,
  };
  const decisions: { id: string; actieId: string | null }[] = [];
  const deleted: string[] = [];
  const notified: string[][] = [];
  const repo = strict<MeetingsRepository>('repo', {
    find: async () => meeting(),
    insertDecision: async (f) => {
      const d = { ...f, id: `d${decisions.length + 1}`, createdAt: new Date() };
      decisions.push(d);
      return d;
    },
    setDecisionActie: async (id, actieId) => {
      const d = decisions.find((x) => x.id === id);
      if (d) d.actieId = actieId;
    },
    deleteDecision: async (id) => void deleted.push(id),
    users: async (ids) =>
      new Map(
        ids.map((id) => [id, { id, name: id === ME.id ? ME.name : 'Eigenaar' } as UserEntity]),
      ),
  });
  const households = strict<HouseholdsRepository>('households', {
    openMembership: async (_h, userId) =>
      opts.ownerRole === null || userId !== OWNER
        ? null
        : ({ role: opts.ownerRole ?? 'lid' } as never),
  });
  const policy = strict<HouseholdAccessPolicy>('policy', {
    access: async () => access,
    docAccess: async () => ({ write: opts.planWrite ?? 'all', teamRole: access.teamRole }),
  });
  const broadcaster = strict<EventsBroadcaster>('broadcaster', { toRoom: () => undefined });
  const notifications = strict<NotificationsService>('notifications', {
    notify: async (ids) => void notified.push([...ids]),
  });
  // The plan as the port hands it to a server change: a real PlanDoc on a document of its own.
  const doc = new Y.Doc();
  const change = vi.fn(async <T>(_householdId: string, fn: (plan: PlanDoc) => T) => ({
    changed: true,
    result: fn(new PlanDoc(doc)),
  }));
  const plan = strict<PlanDocuments>('plan', {
    change: change as PlanDocuments['change'],
    ...opts.plan,
  });
  const service = new MeetingsService(repo, households, policy, broadcaster, notifications, plan);
  return { service, decisions, deleted, notified, change, doc };
}

const decision = { tekst: 'Budgetcoach inschakelen', eigenaarId: OWNER, deadline: '2026-12-15' };

describe('MeetingsService.decide', () => {
  it('turns a decision into an action owned by a lid of the team, with its due date, and remembers the action', async () => {
    const { service, decisions, change, doc, notified } = setup();
    const dto = await service.decide(ME, HH, MEETING, decision);
    // Written on behalf of the caller: the read model tells the new owner (one path for every owner change).
    expect(change).toHaveBeenCalledWith(HH, expect.any(Function), { userId: ME.id });
    const acties = new PlanDoc(doc).acties();
    expect(acties).toEqual([
      expect.objectContaining({
        titel: 'Budgetcoach inschakelen',
        eigenaarId: OWNER,
        deadline: '2026-12-15',
      }),
    ]);
    expect(dto).toMatchObject({
      actieId: acties[0]?.id,
      eigenaarId: OWNER,
      eigenaarNaam: 'Eigenaar',
      deadline: '2026-12-15',
    });
    expect(decisions[0]?.actieId).toBe(dto.actieId);
    expect(notified).toEqual([]);
  });

  it.each([
    ['a meelezer', 'meelezer' as const],
    ['someone not on the team', null],
  ])('refuses %s as owner', async (_label, ownerRole) => {
    const { service, change } = setup({ ownerRole });
    await expect(service.decide(ME, HH, MEETING, decision)).rejects.toMatchObject({
      code: 'meeting.owner_not_on_team',
      field: 'eigenaarId',
    });
    expect(change).not.toHaveBeenCalled();
  });

  it('refuses a caller who may not write the plan (a meelezer, a coördinator off the team)', async () => {
    const { service } = setup({ planWrite: 'none', access: { teamRole: 'meelezer' } });
    await expect(service.decide(ME, HH, MEETING, decision)).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });

  it('keeps no decision when the plan cannot take the action', async () => {
    const { service, deleted } = setup({
      plan: { change: async () => Promise.reject(new Error('collab down')) },
    });
    const err = await service.decide(ME, HH, MEETING, decision).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpilError);
    expect((err as SpilError).code).toBe('meeting.plan_unavailable');
    expect(deleted).toEqual(['d1']);
  });

  it('answers 404 for a household the caller may not see', async () => {
    const blind = new MeetingsService(
      strict<MeetingsRepository>('repo', {}),
      strict<HouseholdsRepository>('households', {}),
      strict<HouseholdAccessPolicy>('policy', { access: async () => null }),
      strict<EventsBroadcaster>('broadcaster', {}),
      strict<NotificationsService>('notifications', {}),
      strict<PlanDocuments>('plan', {}),
    );
    await expect(blind.decide(ME, HH, MEETING, decision)).rejects.toMatchObject({
      code: 'household.not_found',
    });
  });
});

describe('MeetingsService.agendaDraft', () => {
  const actie = (over: Partial<Actie>): Actie => ({
    id: 'x',
    titel: 'x',
    eigenaarId: null,
    deadline: null,
    status: 'open',
    inschakelen: '',
    doelId: null,
    domein: null,
    aangemaakt: '2026-01-01',
    updates: [],
    ...over,
  });

  function drafter(
    read: () => Promise<Pick<PlanView, 'acties' | 'doelen'>>,
    access: Partial<HouseholdAccess> = {},
  ) {
    return new MeetingsService(
      strict<MeetingsRepository>('repo', {}),
      strict<HouseholdsRepository>('households', {
        teams: async () => [{ user: { id: OWNER, name: 'Fatma Yilmaz' }, membership: {} } as never],
      }),
      strict<HouseholdAccessPolicy>('policy', {
        access: async () => ({ householdId: HH, teamRole: 'lid', coordinator: false, ...access }),
      }),
      strict<EventsBroadcaster>('broadcaster', {}),
      strict<NotificationsService>('notifications', {}),
      strict<PlanDocuments>('plan', {
        read: async (householdId) => ({
          householdId,
          schemaVersion: 1,
          situatie: '',
          hulpvraag: '',
          domeinen: {} as PlanView['domeinen'],
          huishouden: [],
          regie: null,
          team: [],
          ...(await read()),
        }),
      }),
    );
  }

  it('drafts from the open and overdue actions and the doelen of the plan', async () => {
    const service = drafter(async () => ({
      acties: [
        actie({ id: 'a1', titel: 'Te laat', deadline: '2000-01-01', eigenaarId: OWNER }),
        actie({ id: 'a2', titel: 'Klaar', status: 'gereed' }),
      ],
      doelen: [{ id: 'd1', titel: 'Rust in huis', domein: null, aangemaakt: '2026-01-01' }],
    }));
    const agenda = await service.agendaDraft(ME, HH, 'casusoverleg');
    expect(agenda.map((i) => i.refId).filter(Boolean)).toEqual(['a1', 'd1']);
    expect(agenda.find((i) => i.refId === 'a1')?.toelichting).toContain('Fatma Yilmaz');
  });

  it('still drafts the fixed items when the plan is out of reach', async () => {
    const service = drafter(async () => Promise.reject(new Error('down')));
    const agenda = await service.agendaDraft(ME, HH, 'mdo');
    expect(agenda.length).toBeGreaterThan(0);
    expect(agenda.every((i) => i.bron === 'vast')).toBe(true);
  });

  it('is for those who plan: a lid or the coördinator', async () => {
    const service = drafter(async () => ({ acties: [], doelen: [] }), { teamRole: 'meelezer' });
    await expect(service.agendaDraft(ME, HH, 'mdo')).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });
});
