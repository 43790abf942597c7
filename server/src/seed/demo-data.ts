/**
 * The demo: a fictional wijkteam with made-up people and households. Loaded on
 * the first start of the embedded default, or with `pnpm seed:demo`. Never a
 * real person, never a BSN.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Discipline, Domain, SystemRole, TeamRole } from '@spil/shared';
import { hashPassword } from '../modules/auth/auth.service';
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  RegieAssignmentEntity,
  TeamMembershipEntity,
} from '../modules/households/household.entity';
import { UserEntity, WijkteamEntity } from '../modules/users/user.entity';
import { insertDemoProces } from './demo-proces';
import { insertDemoCasus } from './demo-casus';
import { insertDemoLongPlan } from './demo-long-plan';
import { writeDemoPlans } from './demo-plans';
import { insertDemoVoorzieningen } from './demo-voorzieningen';
import { insertDemoBeheer } from './demo-beheer';

export const DEMO_PASSWORD = 'spil-demo';

interface DemoPerson {
  key: string;
  name: string;
  discipline: Discipline;
  domain: Domain | null;
  organisation: string;
  systemRole: SystemRole;
  phone: string | null;
  expertise: string | null;
  whenToInvolve: string | null;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: 'coordinator',
    name: 'Ingrid Vermeer',
    discipline: 'coordinator',
    domain: 'sociaal',
    organisation: 'Wijkteam Spilwijk-Oost',
    systemRole: 'coordinator',
    phone: '010 555 0100',
    expertise: 'Regie op regie, opschalen en afschalen',
    whenToInvolve: 'Als niemand de regie heeft of een casus vastloopt',
  },
  {
    key: 'huisarts',
    name: 'Pieter Hendriks',
    discipline: 'huisarts',
    domain: 'medisch',
    organisation: 'Huisartsenpraktijk De Linde',
    systemRole: 'professional',
    phone: '010 555 0200',
    expertise: 'Medische zorg voor het hele gezin',
    whenToInvolve: 'Bij lichamelijke of psychische klachten en medicatievragen',
  },
  {
    key: 'poh-jeugd',
    name: 'Samira El Idrissi',
    discipline: 'poh-jeugd',
    domain: 'medisch',
    organisation: 'Huisartsenpraktijk De Linde',
    systemRole: 'professional',
    phone: '010 555 0201',
    expertise: 'Kortdurende begeleiding van kinderen en ouders in de huisartsenpraktijk',
    whenToInvolve: 'Bij zorgen over een kind die nog geen specialistische hulp vragen',
  },
  {
    key: 'wijkverpleegkundige',
    name: 'Marloes de Groot',
    discipline: 'wijkverpleegkundige',
    domain: 'medisch',
    organisation: 'Thuiszorg Spilwijk',
    systemRole: 'professional',
    phone: '010 555 0300',
    expertise: 'Verpleging en verzorging thuis, valpreventie',
    whenToInvolve: 'Als iemand thuis niet meer goed voor zichzelf kan zorgen',
  },
  {
    key: 'maatschappelijk-werker',
    name: 'Johan Kuipers',
    discipline: 'maatschappelijk-werker',
    domain: 'sociaal',
    organisation: 'Wijkteam Spilwijk-Oost',
    systemRole: 'professional',
    phone: '010 555 0400',
    expertise: 'Gezinsbegeleiding, opvoedvragen, relaties',
    whenToInvolve: 'Bij spanningen thuis of als meerdere problemen tegelijk spelen',
  },
  {
    key: 'wmo-consulent',
    name: 'Fatma Yilmaz',
    discipline: 'wmo-consulent',
    domain: 'sociaal',
    organisation: 'Gemeente Spilwijk',
    systemRole: 'professional',
    phone: '010 555 0500',
    expertise: 'Voorzieningen Wmo: huishoudelijke hulp, dagbesteding, woningaanpassing',
    whenToInvolve: 'Als iemand een voorziening nodig heeft om thuis te blijven wonen',
  },
  {
    key: 'jeugdconsulent',
    name: 'Thijs van Dam',
    discipline: 'jeugdconsulent',
    domain: 'sociaal',
    organisation: 'Gemeente Spilwijk',
    systemRole: 'professional',
    phone: '010 555 0600',
    expertise: 'Jeugdhulp, beschikkingen jeugd',
    whenToInvolve: 'Als een kind hulp nodig heeft die een beschikking vraagt',
  },
  {
    key: 'inwoner',
    name: 'Sandra Bakker',
    discipline: 'inwoner',
    domain: null,
    organisation: 'Gezin Bakker',
    systemRole: 'inwoner',
    phone: null,
    expertise: null,
    whenToInvolve: null,
  },
  {
    key: 'naaste',
    name: 'Anouk de Wit',
    discipline: 'naaste',
    domain: null,
    organisation: 'Gezin Bakker (zus van Sandra)',
    systemRole: 'naaste',
    phone: null,
    expertise: null,
    whenToInvolve: null,
  },
];

export function demoEmail(key: string): string {
  return `${key}@demo.spil.test`;
}

interface DemoHousehold {
  reference: string;
  displayName: string;
  wijk: string;
  phase: HouseholdEntity['phase'];
  members: { firstName: string; birthYear: number; relation: string }[];
  team: [string, TeamRole][];
  regie: string | null;
}

export const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  {
    reference: 'SPW-2026-0101',
    displayName: 'Gezin Bakker',
    wijk: 'Oosterpark',
    phase: 'uitvoering',
    members: [
      { firstName: 'Sandra', birthYear: 1986, relation: 'moeder' },
      { firstName: 'Noah', birthYear: 2013, relation: 'zoon' },
      { firstName: 'Lotte', birthYear: 2017, relation: 'dochter' },
    ],
    team: [
      ['maatschappelijk-werker', 'lid'],
      ['huisarts', 'lid'],
      ['poh-jeugd', 'lid'],
      ['jeugdconsulent', 'lid'],
      ['wmo-consulent', 'meelezer'],
      ['inwoner', 'inwoner'],
      ['naaste', 'naaste'],
    ],
    regie: 'maatschappelijk-werker',
  },
  {
    reference: 'SPW-2026-0102',
    displayName: 'Huishouden Jansen',
    wijk: 'Schildersbuurt',
    phase: 'plan',
    members: [{ firstName: 'Kees', birthYear: 1951, relation: 'hoofdbewoner' }],
    team: [
      ['wmo-consulent', 'lid'],
      ['wijkverpleegkundige', 'lid'],
      ['huisarts', 'lid'],
      ['maatschappelijk-werker', 'meelezer'],
    ],
    regie: 'wmo-consulent',
  },
  {
    reference: 'SPW-2026-0103',
    displayName: 'Gezin Visser',
    wijk: 'Oosterpark',
    phase: 'quickscan',
    members: [
      { firstName: 'Mehmet', birthYear: 1979, relation: 'vader' },
      { firstName: 'Eva', birthYear: 2011, relation: 'dochter' },
    ],
    team: [
      ['jeugdconsulent', 'lid'],
      ['poh-jeugd', 'lid'],
    ],
    regie: null,
  },
];

/**
 * Load the demo once. Returns false when it is there already. `longPlan`:
 * also the household with a plan of 40 actions (`demo-long-plan.ts`).
 */
export async function loadDemoData(
  ds: DataSource,
  { longPlan = true }: { longPlan?: boolean } = {},
): Promise<boolean> {
  return ds.transaction(async (em) => {
    if (await em.getRepository(UserEntity).exists({ where: { email: demoEmail('coordinator') } }))
      return false;
    await insertDemo(em);
    await writeDemoPlans(em);
    await insertDemoVoorzieningen(em);
    if (longPlan) await insertDemoLongPlan(em);
    await insertDemoBeheer(em, demoEmail('beheerder'), DEMO_PASSWORD);
    return true;
  });
}

async function insertDemo(em: EntityManager): Promise<void> {
  const wijkteam = await em
    .getRepository(WijkteamEntity)
    .save(
      em
        .getRepository(WijkteamEntity)
        .create({ name: 'Wijkteam Spilwijk-Oost', wijk: 'Spilwijk-Oost' }),
    );
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, UserEntity>();
  for (const p of DEMO_PEOPLE) {
    const repo = em.getRepository(UserEntity);
    const { key, ...fields } = p;
    users.set(
      key,
      await repo.save(
        repo.create({
          ...fields,
          email: demoEmail(key),
          passwordHash,
          // The household's own people belong to their household, not to the wijkteam.
          wijkteamId: p.systemRole === 'inwoner' || p.systemRole === 'naaste' ? null : wijkteam.id,
          active: true,
        }),
      ),
    );
  }
  const coordinator = users.get('coordinator') as UserEntity;
  const since = new Date(Date.now() - 30 * 86400_000);
  for (const h of DEMO_HOUSEHOLDS) {
    const household = await em.getRepository(HouseholdEntity).save(
      em.getRepository(HouseholdEntity).create({
        reference: h.reference,
        displayName: h.displayName,
        wijk: h.wijk,
        phase: h.phase,
        wijkteamId: wijkteam.id,
      }),
    );
    await em
      .getRepository(HouseholdMemberEntity)
      .save(
        h.members.map((m) =>
          em.getRepository(HouseholdMemberEntity).create({ ...m, householdId: household.id }),
        ),
      );
    for (const [key, role] of h.team) {
      const user = users.get(key) as UserEntity;
      await em
        .getRepository(TeamMembershipEntity)
        .save(
          em
            .getRepository(TeamMembershipEntity)
            .create({ householdId: household.id, userId: user.id, role, since, endedAt: null }),
        );
    }
    if (h.regie) {
      await em.getRepository(RegieAssignmentEntity).save(
        em.getRepository(RegieAssignmentEntity).create({
          householdId: household.id,
          userId: (users.get(h.regie) as UserEntity).id,
          assignedBy: coordinator.id,
          reason: 'Toegewezen bij de start van het plan',
          since,
          endedAt: null,
        }),
      );
    }
  }
  await insertDemoProces(em);
  await insertDemoCasus(em);
}
