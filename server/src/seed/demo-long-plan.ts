/**
 * A demo household with a plan that has grown: 40 actions, half of them done,
 * and six months of terugkoppeling, so the plan page can be looked at as it
 * is after half a year of work. Made-up people only; dates are relative to
 * the day the demo is loaded. Left out of the test servers' demo
 * (`DEMO_LONG_PLAN=false`), whose tests count the four demo households.
 */
import type { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import {
  type ActieStatus,
  amsterdamDate,
  LEVENSDOMEINEN,
  migratePlan,
  PlanDoc,
  type ServerTeamEntry,
  shiftDate,
  type StatusUpdate,
  writeServerPart,
} from '@spil/shared';
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  RegieAssignmentEntity,
  TeamMembershipEntity,
} from '../modules/households/household.entity';
import { UserEntity } from '../modules/users/user.entity';
import { demoEmail } from './demo-data';

export const DEMO_LONG_PLAN_REFERENCE = 'SPW-2025-0140';
const DAY = 86400_000;

const TEAM: [string, 'lid' | 'meelezer'][] = [
  ['maatschappelijk-werker', 'lid'],
  ['huisarts', 'lid'],
  ['poh-jeugd', 'lid'],
  ['jeugdconsulent', 'lid'],
  ['wijkverpleegkundige', 'lid'],
  ['wmo-consulent', 'lid'],
];

const SUBJECTS = [
  'Gesprek met Daan over school',
  'Aanvraag schuldhulpverlening',
  'Huisbezoek over de huishouding',
  'Contact met de mentor van Lieke',
  'Afspraak bij de huisarts over slapen',
  'Budgetplan opstellen',
  'Zoeken naar een sportclub voor Daan',
  'Netwerkberaad met oma en de buurvrouw',
  'Aanvraag huishoudelijke hulp (Wmo)',
  'Overleg met de woningcorporatie over de huurachterstand',
];
const UPDATES = [
  'Gesproken; het gaat iets beter, we blijven het volgen.',
  'Afspraak gemaakt voor volgende week.',
  'Nog geen reactie ontvangen, ik bel opnieuw.',
  'Samen met moeder de formulieren ingevuld.',
  'Wachten op het besluit van de gemeente.',
  'Gaat goed; dit kan bijna worden afgerond.',
];

/** Insert the household, its team and regie, and its plan with 40 actions, in the caller's transaction. */
export async function insertDemoLongPlan(em: EntityManager, now = new Date()): Promise<void> {
  const users = new Map<string, UserEntity>();
  for (const [key] of TEAM) {
    const u = await em.getRepository(UserEntity).findOne({ where: { email: demoEmail(key) } });
    if (u) users.set(key, u);
  }
  const coordinator = await em
    .getRepository(UserEntity)
    .findOneOrFail({ where: { email: demoEmail('coordinator') } });
  const since = new Date(now.getTime() - 190 * DAY);
  const household = await em.getRepository(HouseholdEntity).save(
    em.getRepository(HouseholdEntity).create({
      reference: DEMO_LONG_PLAN_REFERENCE,
      displayName: 'Gezin De Vries',
      wijk: 'Oosterpark',
      phase: 'uitvoering',
      wijkteamId: coordinator.wijkteamId ?? undefined,
    }),
  );
  // Registered half a year ago (the column defaults to now on insert).
  await em.query('UPDATE household SET created_at = $1 WHERE id = $2', [since, household.id]);
  await em.getRepository(HouseholdMemberEntity).save(
    [
      { firstName: 'Anouk', birthYear: 1984, relation: 'moeder' },
      { firstName: 'Daan', birthYear: 2012, relation: 'zoon' },
      { firstName: 'Lieke', birthYear: 2015, relation: 'dochter' },
    ].map((m) =>
      em.getRepository(HouseholdMemberEntity).create({ ...m, householdId: household.id }),
    ),
  );
  const team: ServerTeamEntry[] = [];
  for (const [key, role] of TEAM) {
    const u = users.get(key);
    if (!u) continue;
    await em
      .getRepository(TeamMembershipEntity)
      .save(
        em
          .getRepository(TeamMembershipEntity)
          .create({ householdId: household.id, userId: u.id, role, since, endedAt: null }),
      );
    team.push({ userId: u.id, name: u.name, discipline: u.discipline, domain: u.domain, role });
  }
  const regiehouder = users.get('maatschappelijk-werker') as UserEntity;
  await em.getRepository(RegieAssignmentEntity).save(
    em.getRepository(RegieAssignmentEntity).create({
      householdId: household.id,
      userId: regiehouder.id,
      assignedBy: coordinator.id,
      reason: 'Toegewezen bij de start van het plan',
      since,
      endedAt: null,
    }),
  );
  const update = longPlanUpdate(
    team,
    {
      userId: regiehouder.id,
      name: regiehouder.name,
      since: since.toISOString(),
    },
    now,
  );
  await em.query('INSERT INTO plan_update (doc_name, "update", user_id) VALUES ($1, $2, NULL)', [
    household.id,
    Buffer.from(update),
  ]);
}

/** The plan as one Yjs update: 40 actions (20 done), terugkoppeling spread over six months. */
export function longPlanUpdate(
  team: ServerTeamEntry[],
  regie: { userId: string; name: string; since: string },
  now = new Date(),
): Uint8Array {
  const today = amsterdamDate(now);
  const doc = new Y.Doc();
  const plan = new PlanDoc(doc);
  doc.transact(() => migratePlan(doc));
  const para = (f: Y.XmlFragment, t: string) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(t)]);
    f.insert(f.length, [p]);
  };
  para(
    plan.situatie,
    'Anouk voedt Daan en Lieke alleen op. Er zijn schulden en Daan verzuimt vaak op school.',
  );
  para(plan.hulpvraag, 'Rust in de financiën en Daan weer elke dag naar school.');
  const doelIds = [
    'Daan gaat weer elke dag naar school',
    'De schulden zijn in beeld en er is een regeling',
    'Anouk heeft een netwerk om op terug te vallen',
    'Het huis is op orde',
  ].map((titel) => plan.addDoel({ titel }));
  const lid = team.filter((t) => t.role === 'lid');
  for (let i = 0; i < 40; i++) {
    const done = i % 2 === 1;
    const status: ActieStatus = done
      ? i % 10 === 9
        ? 'vervallen'
        : 'gereed'
      : ((['open', 'bezig', 'bezig', 'geblokkeerd'] as const)[i % 4] as ActieStatus);
    const owner = lid[i % lid.length] as ServerTeamEntry;
    const round = Math.floor(i / SUBJECTS.length) + 1;
    const id = plan.addActie({
      titel: `${SUBJECTS[i % SUBJECTS.length]}${round > 1 ? ` (ronde ${round})` : ''}`,
      eigenaarId: owner.userId,
      // Done ones in the past; open ones from two weeks ago (a few overdue) to two months ahead.
      deadline: shiftDate(today, done ? -170 + i * 4 : -14 + i * 2),
      status: 'open',
      inschakelen: 'Bij twijfel eerst de regiehouder bellen.',
      doelId: doelIds[i % doelIds.length] ?? null,
      domein: LEVENSDOMEINEN[i % LEVENSDOMEINEN.length] ?? null,
    });
    // Terugkoppeling every few weeks since the action started (within the last six months).
    const startDaysAgo = 180 - i * 4;
    const count = 1 + (i % 5);
    const updates: StatusUpdate[] = [];
    for (let k = 0; k < count; k++) {
      const daysAgo = Math.max(1, Math.round(startDaysAgo - (k * startDaysAgo) / count));
      const author = k % 2 === 0 ? owner : (team.find((t) => t.userId === regie.userId) ?? owner);
      updates.push({
        id: `demo-${i}-${k}`,
        auteurId: author.userId,
        auteurNaam: author.name,
        tekst: UPDATES[(i + k) % UPDATES.length] as string,
        status: k === count - 1 ? status : 'bezig',
        tijd: new Date(now.getTime() - daysAgo * DAY - (i % 7) * 3600_000).toISOString(),
      });
    }
    const m = plan.actiesMap.get(id);
    if (m instanceof Y.Map) {
      doc.transact(() => {
        const arr = new Y.Array<StatusUpdate>();
        arr.push(updates);
        m.set('updates', arr);
        m.set('status', status);
      });
    }
  }
  writeServerPart(doc, { team, regie });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
