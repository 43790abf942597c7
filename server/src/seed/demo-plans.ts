/**
 * The demo households' plans of approach: situatie and hulpvraag, a few
 * doelen, acties with owners from the casus team, ZRM scores and a status
 * update. Written as one Yjs update per plan into the update log, exactly as
 * the collab server stores edits, so the first open shows a living plan.
 * Made-up people only; dates are relative to the day the demo is loaded.
 */
import { type EntityManager, IsNull } from 'typeorm';
import * as Y from 'yjs';
import {
  type ActieStatus,
  amsterdamDate,
  type Levensdomein,
  migratePlan,
  PlanDoc,
  type ServerTeamEntry,
  shiftDate,
  writeServerPart,
} from '@spil/shared';
import {
  HouseholdEntity,
  RegieAssignmentEntity,
  TeamMembershipEntity,
} from '../modules/households/household.entity';
import { UserEntity } from '../modules/users/user.entity';
import { addDemoHouseholdVoice, recordDemoHouseholdVoice } from './demo-household-voice';

interface DemoActie {
  titel: string;
  /** Demo login key of the owner (see DEMO_PEOPLE). */
  eigenaar: string;
  /** Days from today; negative is overdue. */
  deadline: number;
  status: ActieStatus;
  inschakelen: string;
  doel: number | null;
  domein: Levensdomein;
  update?: { door: string; tekst: string; status: ActieStatus };
}

interface DemoPlan {
  reference: string;
  situatie: string[];
  hulpvraag: string[];
  doelen: { titel: string; domein: Levensdomein }[];
  acties: DemoActie[];
  domeinen: Partial<Record<Levensdomein, { score: number; zorgen: string; doelen: string }>>;
}

const PLANS: DemoPlan[] = [
  {
    reference: 'SPW-2026-0101',
    situatie: [
      'Sandra woont met Noah (13) en Lotte (9) in een huurwoning in Oosterpark. Sinds de scheiding vorig jaar lopen de vaste lasten achter.',
      'Noah slaapt slecht en verzuimt steeds vaker van school. Thuis is er veel spanning; Lotte trekt zich terug.',
    ],
    hulpvraag: [
      'Sandra wil rust in huis en weer overzicht over haar geld. Ze wil dat Noah weer elke dag naar school gaat en dat zij iemand heeft om mee te praten.',
    ],
    doelen: [
      {
        titel: 'Overzicht over inkomsten en uitgaven, geen nieuwe achterstanden',
        domein: 'financien',
      },
      { titel: 'Noah gaat weer elke dag naar school', domein: 'opvoeding' },
      { titel: 'Rust en vaste structuur thuis', domein: 'huiselijke-relaties' },
    ],
    acties: [
      {
        titel: 'Aanmelden bij de schuldhulpverlening',
        eigenaar: 'maatschappelijk-werker',
        deadline: 7,
        status: 'bezig',
        inschakelen: 'Als er een afsluiting of beslag dreigt: meteen de regiehouder bellen.',
        doel: 0,
        domein: 'financien',
        update: {
          door: 'maatschappelijk-werker',
          tekst:
            'Intake bij de schuldhulp staat voor dinsdag. Sandra neemt de post van drie maanden mee.',
          status: 'bezig',
        },
      },
      {
        titel: 'Gesprek met Noah over slapen en school',
        eigenaar: 'poh-jeugd',
        deadline: 14,
        status: 'open',
        inschakelen: 'Bij somberheid of piekeren: overleg met de huisarts over verwijzing.',
        doel: 1,
        domein: 'opvoeding',
      },
      {
        titel: 'Beschikking jeugdhulp aanvragen voor gezinsbegeleiding',
        eigenaar: 'jeugdconsulent',
        deadline: -3,
        status: 'open',
        inschakelen:
          'Als de wachttijd langer is dan vier weken: overbrugging met het wijkteam regelen.',
        doel: 2,
        domein: 'huiselijke-relaties',
      },
      {
        titel: 'Slaapproblemen en medicatie van Sandra bespreken',
        eigenaar: 'huisarts',
        deadline: 21,
        status: 'open',
        inschakelen: 'Bij signalen van overbelasting: de maatschappelijk werker inschakelen.',
        doel: null,
        domein: 'geestelijke-gezondheid',
      },
    ],
    domeinen: {
      financien: {
        score: 2,
        zorgen: 'Huurachterstand van drie maanden, energierekening niet betaald.',
        doelen: 'Budgetplan en betalingsregelingen.',
      },
      opvoeding: {
        score: 2,
        zorgen: 'Noah verzuimt, Sandra krijgt weinig grip.',
        doelen: 'Vaste ochtendroutine, contact met de mentor.',
      },
      'huiselijke-relaties': {
        score: 3,
        zorgen: 'Spanning na de scheiding.',
        doelen: 'Rustige momenten samen, afspraken met de vader over de omgang.',
      },
      'geestelijke-gezondheid': {
        score: 3,
        zorgen: 'Sandra slaapt slecht en is moe.',
        doelen: 'Ondersteuning via de huisarts.',
      },
    },
  },
  {
    reference: 'SPW-2026-0102',
    situatie: [
      'Kees (75) woont alleen sinds zijn vrouw overleed. Hij is dit jaar twee keer gevallen en komt weinig meer buiten. De buurvrouw doet de boodschappen.',
    ],
    hulpvraag: ['Kees wil in zijn eigen huis blijven wonen en weer onder de mensen komen.'],
    doelen: [
      { titel: 'Veilig thuis blijven wonen', domein: 'huisvesting' },
      { titel: 'Twee keer per week contact met anderen', domein: 'sociaal-netwerk' },
    ],
    acties: [
      {
        titel: 'Valrisico thuis beoordelen en advies geven',
        eigenaar: 'wijkverpleegkundige',
        deadline: 5,
        status: 'open',
        inschakelen: 'Na een nieuwe val: dezelfde dag de huisarts.',
        doel: 0,
        domein: 'adl',
      },
      {
        titel: 'Aanvraag traplift en douchestoel',
        eigenaar: 'wmo-consulent',
        deadline: 10,
        status: 'bezig',
        inschakelen: 'Als de woningcorporatie bezwaar maakt: de regiehouder.',
        doel: 0,
        domein: 'huisvesting',
        update: {
          door: 'wmo-consulent',
          tekst:
            'Huisbezoek gedaan; aanvraag traplift is ingediend, douchestoel komt volgende week.',
          status: 'bezig',
        },
      },
      {
        titel: 'Bloeddruk en medicatie controleren',
        eigenaar: 'huisarts',
        deadline: -1,
        status: 'open',
        inschakelen: 'Bij duizeligheid of verwardheid: de wijkverpleegkundige.',
        doel: null,
        domein: 'lichamelijke-gezondheid',
      },
    ],
    domeinen: {
      adl: {
        score: 3,
        zorgen: 'Traplopen en douchen gaan moeizaam.',
        doelen: 'Hulpmiddelen in huis.',
      },
      'lichamelijke-gezondheid': {
        score: 2,
        zorgen: 'Twee valpartijen, wisselende bloeddruk.',
        doelen: 'Medicatie afstemmen.',
      },
      'sociaal-netwerk': {
        score: 2,
        zorgen: 'Weinig contacten buiten de buurvrouw.',
        doelen: 'Koffieochtend in het buurthuis.',
      },
    },
  },
  {
    reference: 'SPW-2026-0103',
    situatie: [
      'Mehmet zorgt alleen voor Eva (15). School meldt veel verzuim. Er is nog geen regiehouder aangewezen.',
    ],
    hulpvraag: ['Mehmet wil weten hoe hij Eva kan helpen en wie hem daarbij bijstaat.'],
    doelen: [
      { titel: 'Eva gaat weer naar school en weet waar ze hulp kan vragen', domein: 'opvoeding' },
    ],
    acties: [
      {
        titel: 'Quickscan afronden met vader',
        eigenaar: 'jeugdconsulent',
        deadline: 3,
        status: 'open',
        inschakelen: 'Als er zorgen over veiligheid zijn: de coördinator.',
        doel: 0,
        domein: 'opvoeding',
      },
      {
        titel: 'Kennismakingsgesprek met Eva',
        eigenaar: 'poh-jeugd',
        deadline: 7,
        status: 'open',
        inschakelen: 'Bij signalen van somberheid: de huisarts.',
        doel: 0,
        domein: 'geestelijke-gezondheid',
      },
    ],
    domeinen: {
      opvoeding: {
        score: 3,
        zorgen: 'Veel verzuim, vader voelt zich alleen staan.',
        doelen: 'Contact met school en mentor.',
      },
    },
  },
];

function paragraphs(fragment: Y.XmlFragment, texts: string[]): void {
  fragment.insert(
    fragment.length,
    texts.map((t) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(t)]);
      return p;
    }),
  );
}

/** The plan of one demo household as a Yjs update, or null when its reference is not in the demo. */
export function demoPlanUpdate(
  reference: string,
  team: ServerTeamEntry[],
  regie: { userId: string; name: string; since: string } | null,
  today = amsterdamDate(new Date()),
): Uint8Array | null {
  const spec = PLANS.find((p) => p.reference === reference);
  if (!spec) return null;
  const byKey = (key: string) => team.find((t) => t.discipline === key) ?? null;
  const doc = new Y.Doc();
  const plan = new PlanDoc(doc);
  doc.transact(() => {
    migratePlan(doc);
    paragraphs(plan.situatie, spec.situatie);
    paragraphs(plan.hulpvraag, spec.hulpvraag);
    for (const [key, d] of Object.entries(spec.domeinen)) plan.setDomein(key as Levensdomein, d);
  });
  const doelIds = spec.doelen.map((d) => plan.addDoel(d));
  for (const a of spec.acties) {
    const owner = byKey(a.eigenaar);
    const id = plan.addActie({
      titel: a.titel,
      eigenaarId: owner?.userId ?? null,
      deadline: shiftDate(today, a.deadline),
      status: a.status,
      inschakelen: a.inschakelen,
      doelId: a.doel === null ? null : (doelIds[a.doel] ?? null),
      domein: a.domein,
    });
    const by = a.update ? byKey(a.update.door) : null;
    if (a.update && by) {
      plan.addStatusUpdate(id, {
        auteurId: by.userId,
        auteurNaam: by.name,
        tekst: a.update.tekst,
        status: a.update.status,
      });
    }
  }
  addDemoHouseholdVoice(plan, reference, team);
  writeServerPart(doc, { team, regie });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Write the demo plans into the update log, in the caller's transaction. */
export async function writeDemoPlans(em: EntityManager): Promise<void> {
  const households = await em.getRepository(HouseholdEntity).find();
  const users = new Map((await em.getRepository(UserEntity).find()).map((u) => [u.id, u] as const));
  for (const h of households) {
    const memberships = await em
      .getRepository(TeamMembershipEntity)
      .find({ where: { householdId: h.id } });
    const team: ServerTeamEntry[] = memberships
      .filter((m) => m.endedAt === null && users.has(m.userId))
      .sort((a, b) => a.since.getTime() - b.since.getTime())
      .map((m) => {
        const u = users.get(m.userId) as UserEntity;
        return {
          userId: u.id,
          name: u.name,
          discipline: u.discipline,
          domain: u.domain,
          role: m.role,
        };
      });
    const r = await em
      .getRepository(RegieAssignmentEntity)
      .findOne({ where: { householdId: h.id, endedAt: IsNull() } });
    const regieUser = r ? users.get(r.userId) : undefined;
    const regie =
      r && regieUser
        ? { userId: regieUser.id, name: regieUser.name, since: r.since.toISOString() }
        : null;
    const update = demoPlanUpdate(h.reference, team, regie);
    if (!update) continue;
    await em.query('INSERT INTO plan_update (doc_name, "update", user_id) VALUES ($1, $2, NULL)', [
      h.id,
      Buffer.from(update),
    ]);
    await recordDemoHouseholdVoice(em, h.id, h.displayName, update, regie?.userId ?? null);
  }
}
