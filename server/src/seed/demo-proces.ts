/**
 * Demo rows for the process around a household: quickscans and colour
 * history, an open and a closed escalation, ZRM scores at intake,
 * tussentijds and evaluatie, effect estimates, and a fourth household that
 * went through the whole trajectory and is closed. All people are made up;
 * never a BSN. Dates are relative to the moment the demo is loaded, so the
 * dashboard shows a recent period on first start.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  AVOIDED_EVENT_DEFAULTS,
  type AvoidedEvent,
  type Colour,
  type ColourChangeKind,
  type EscalationTarget,
  type GoalResult,
  LEVENSDOMEINEN,
  type Levensdomein,
  type QuickscanAnswers,
  quickscanOutcome,
  ZRM_VERSION,
  type ZrmMoment,
} from '@spil/shared';
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  RegieAssignmentEntity,
  TeamMembershipEntity,
} from '../modules/households/household.entity';
import { EffectEstimateEntity, EffectPriceEntity } from '../modules/proces/effects/effect.entity';
import { EscalationEntity } from '../modules/proces/escalations/escalation.entity';
import {
  EvaluationEntity,
  HouseholdClosureEntity,
} from '../modules/proces/evaluations/evaluation.entity';
import { ColourChangeEntity, QuickscanEntity } from '../modules/proces/quickscan/quickscan.entity';
import { ZrmScoreEntity } from '../modules/proces/zrm/zrm-score.entity';
import { UserEntity } from '../modules/users/user.entity';

/** The closed household of the demo. */
export const DEMO_CLOSED_REFERENCE = 'SPW-2025-0904';

const DAY = 86_400_000;

export async function insertDemoProces(em: EntityManager, now = new Date()): Promise<void> {
  const ago = (days: number, hours = 10) =>
    new Date(now.getTime() - days * DAY + (hours - 12) * 3600_000);
  const dayAgo = (days: number) => ago(days).toISOString().slice(0, 10);

  const users = await em.getRepository(UserEntity).find();
  const user = (key: string): UserEntity => {
    const u = users.find((x) => x.email === `${key}@demo.spil.test`);
    if (!u) throw new Error(`Demo user ${key} missing`);
    return u;
  };
  const coordinator = user('coordinator');
  const mw = user('maatschappelijk-werker');
  const wmo = user('wmo-consulent');
  const jeugd = user('jeugdconsulent');
  const wijkteamId = coordinator.wijkteamId as string;

  const households = em.getRepository(HouseholdEntity);
  const household = async (reference: string) => households.findOneOrFail({ where: { reference } });
  const members = async (householdId: string) =>
    em
      .getRepository(HouseholdMemberEntity)
      .find({ where: { householdId }, order: { birthYear: 'ASC' } });

  const quickscan = async (
    householdId: string,
    answers: QuickscanAnswers,
    by: UserEntity,
    at: Date,
    note = '',
  ) => {
    const outcome = quickscanOutcome(answers);
    const q = await em
      .getRepository(QuickscanEntity)
      .save(
        em
          .getRepository(QuickscanEntity)
          .create({ householdId, answers, ...outcome, note, createdBy: by.id, createdAt: at }),
      );
    await colour(
      householdId,
      outcome.colour,
      null,
      'quickscan',
      outcome.reasons.join('; '),
      by,
      at,
      q.id,
    );
  };
  const colour = async (
    householdId: string,
    to: Colour,
    from: Colour | null,
    kind: ColourChangeKind,
    reason: string,
    by: UserEntity,
    at: Date,
    quickscanId: string | null = null,
  ) => {
    await em.getRepository(ColourChangeEntity).save(
      em.getRepository(ColourChangeEntity).create({
        householdId,
        colour: to,
        previousColour: from,
        kind,
        reason,
        quickscanId,
        changedBy: by.id,
        changedAt: at,
      }),
    );
  };
  const zrm = async (
    householdId: string,
    memberId: string,
    moment: ZrmMoment,
    scores: Partial<Record<Levensdomein, number>>,
    by: UserEntity,
    at: Date,
    infoDate: string,
  ) => {
    const repo = em.getRepository(ZrmScoreEntity);
    await repo.save(
      LEVENSDOMEINEN.filter((d) => scores[d] !== undefined).map((domain) =>
        repo.create({
          householdId,
          memberId,
          moment,
          domain,
          score: scores[domain] as number,
          matrixVersion: ZRM_VERSION,
          infoDate,
          note: '',
          scoredBy: by.id,
          scoredAt: at,
        }),
      ),
    );
  };
  const escalation = async (
    householdId: string,
    target: EscalationTarget,
    days: number,
    reason: string,
    contact: string,
    by: UserEntity,
    closed: { outcome: string; days: number } | null,
  ) => {
    await em.getRepository(EscalationEntity).save(
      em.getRepository(EscalationEntity).create({
        householdId,
        target,
        date: dayAgo(days),
        reason,
        contact,
        outcome: closed?.outcome ?? null,
        createdBy: by.id,
        createdAt: ago(days),
        closedBy: closed ? by.id : null,
        closedAt: closed ? ago(closed.days) : null,
      }),
    );
  };
  const prices = new Map<AvoidedEvent, number>();
  const effects = async (
    householdId: string,
    course: string,
    events: [AvoidedEvent, number, string][],
    by: UserEntity,
    at: Date,
  ) => {
    const rows = events.map(([event, count, note]) => ({
      event,
      count,
      unitCents: prices.get(event) ?? AVOIDED_EVENT_DEFAULTS[event].amountCents,
      note,
    }));
    await em.getRepository(EffectEstimateEntity).save(
      em.getRepository(EffectEstimateEntity).create({
        householdId,
        course,
        events: rows,
        totalCents: rows.reduce((s, r) => s + r.count * r.unitCents, 0),
        estimatedBy: by.id,
        estimatedAt: at,
      }),
    );
  };

  // The region has set its own amount for one event; the rest are defaults.
  prices.set('huisuitzetting', 2_250_000);
  await em.getRepository(EffectPriceEntity).save(
    em.getRepository(EffectPriceEntity).create({
      wijkteamId,
      event: 'huisuitzetting',
      amountCents: 2_250_000,
      updatedBy: coordinator.id,
      updatedAt: ago(60),
    }),
  );

  /* Gezin Bakker: oranje at intake, ZRM at intake and a tussentijdse score on old information. */
  const bakker = await household('SPW-2026-0101');
  await households.update({ id: bakker.id }, { createdAt: ago(44) });
  await quickscan(
    bakker.id,
    {
      veiligheid: 'nee',
      acuteNood: 'nee',
      crisis: 'nee',
      kinderen: 'zorgen',
      domeinen: '2-3',
      eigenKracht: 'ja',
      netwerk: 'ja',
      eerdereHulp: 'nee',
    },
    mw,
    ago(43),
    'Huisarts meldde zorgen over Noah op school; moeder vraagt zelf hulp bij de financiën.',
  );
  const bakkerMembers = await members(bakker.id);
  const sandra = bakkerMembers.find((m) => m.firstName === 'Sandra');
  if (sandra) {
    await zrm(
      bakker.id,
      sandra.id,
      'intake',
      {
        financien: 2,
        'werk-opleiding': 3,
        tijdsbesteding: 3,
        huisvesting: 3,
        'huiselijke-relaties': 2,
        'geestelijke-gezondheid': 3,
        'lichamelijke-gezondheid': 4,
        verslaving: 5,
        adl: 5,
        'sociaal-netwerk': 3,
        'maatschappelijke-participatie': 3,
        justitie: 5,
        opvoeding: 2,
      },
      mw,
      ago(40),
      dayAgo(41),
    );
    // Scored this week on the intake conversation of more than 30 days ago: the board warns.
    await zrm(
      bakker.id,
      sandra.id,
      'tussentijds',
      { financien: 3, 'huiselijke-relaties': 3, opvoeding: 3 },
      mw,
      ago(5),
      dayAgo(38),
    );
  }
  await effects(
    bakker.id,
    'Zonder gezinsbegeleiding liepen de spanningen thuis en de schulden verder op; specialistische jeugdhulp voor Noah lag voor de hand.',
    [
      [
        'specialistische-jeugdhulp',
        1,
        'Noah: ambulante behandeling voorkomen door inzet POH-jeugd en school',
      ],
      ['extra-huisartsenzorg', 2, 'Minder consulten voor spanningsklachten'],
    ],
    mw,
    ago(3),
  );

  /* Huishouden Jansen: oranje, opgeschaald to rood, open escalation to an expertiseteam. */
  const jansen = await household('SPW-2026-0102');
  await households.update({ id: jansen.id }, { createdAt: ago(38) });
  await quickscan(
    jansen.id,
    {
      veiligheid: 'nee',
      acuteNood: 'nee',
      crisis: 'nee',
      kinderen: 'geen',
      domeinen: '2-3',
      eigenKracht: 'deels',
      netwerk: 'beperkt',
      eerdereHulp: 'nee',
    },
    wmo,
    ago(37),
  );
  await colour(
    jansen.id,
    'rood',
    'oranje',
    'opschalen',
    'Woning ernstig vervuild; de verhuurder dreigt met ontruiming en meneer houdt zorg af.',
    wmo,
    ago(20),
  );
  await escalation(
    jansen.id,
    'expertiseteam',
    18,
    'Vervuiling en zorgmijding; advies nodig over een aanpak die meneer accepteert.',
    'Expertiseteam Complexe Zorg, R. Smit, 010 555 0900',
    wmo,
    null,
  );
  const kees = (await members(jansen.id))[0];
  if (kees) {
    await zrm(
      jansen.id,
      kees.id,
      'intake',
      {
        financien: 3,
        'werk-opleiding': 4,
        tijdsbesteding: 2,
        huisvesting: 1,
        'huiselijke-relaties': 3,
        'geestelijke-gezondheid': 3,
        'lichamelijke-gezondheid': 2,
        verslaving: 4,
        adl: 2,
        'sociaal-netwerk': 1,
        'maatschappelijke-participatie': 2,
        justitie: 5,
      },
      wmo,
      ago(30),
      dayAgo(31),
    );
  }

  /* Gezin Visser stays without quickscan: it is waiting for one. */
  const visser = await household('SPW-2026-0103');
  await households.update({ id: visser.id }, { createdAt: ago(6) });

  /* Gezin Mulder: the whole trajectory, from rood to groen, evaluated and closed. */
  const mulder = await households.save(
    households.create({
      reference: DEMO_CLOSED_REFERENCE,
      displayName: 'Gezin Mulder',
      wijk: 'Schildersbuurt',
      phase: 'afgesloten',
      wijkteamId,
      createdAt: ago(150),
    }),
  );
  const memberRepo = em.getRepository(HouseholdMemberEntity);
  const [anouk, finn] = await memberRepo.save([
    memberRepo.create({
      householdId: mulder.id,
      firstName: 'Anouk',
      birthYear: 1990,
      relation: 'moeder',
    }),
    memberRepo.create({
      householdId: mulder.id,
      firstName: 'Finn',
      birthYear: 2015,
      relation: 'zoon',
    }),
  ]);
  const team: [UserEntity, 'lid' | 'meelezer'][] = [
    [mw, 'lid'],
    [wmo, 'lid'],
    [jeugd, 'lid'],
    [user('poh-jeugd'), 'meelezer'],
  ];
  for (const [u, role] of team) {
    await em
      .getRepository(TeamMembershipEntity)
      .save(
        em
          .getRepository(TeamMembershipEntity)
          .create({ householdId: mulder.id, userId: u.id, role, since: ago(147), endedAt: null }),
      );
  }
  await em.getRepository(RegieAssignmentEntity).save(
    em.getRepository(RegieAssignmentEntity).create({
      householdId: mulder.id,
      userId: mw.id,
      assignedBy: coordinator.id,
      reason: 'Toegewezen na de quickscan',
      since: ago(146),
      endedAt: null,
    }),
  );
  await quickscan(
    mulder.id,
    {
      veiligheid: 'ja',
      acuteNood: 'dreigend',
      crisis: 'nee',
      kinderen: 'zorgen',
      domeinen: '4+',
      eigenKracht: 'deels',
      netwerk: 'beperkt',
      eerdereHulp: 'nee',
    },
    mw,
    ago(148),
    'Aangemeld door de woningcorporatie wegens huurachterstand; in het gesprek bleek dreiging door de ex-partner.',
  );
  await escalation(
    mulder.id,
    'zorg-en-veiligheidshuis',
    147,
    'Dreiging door de ex-partner en een huurachterstand die tot ontruiming kan leiden.',
    'Zorg- en Veiligheidshuis, procesregisseur M. Peters, 010 555 0800',
    mw,
    {
      outcome:
        'Besproken in het ZVH-overleg: veiligheidsplan met politie en Veilig Thuis, begeleide omgangsregeling voor Finn.',
      days: 120,
    },
  );
  await colour(
    mulder.id,
    'oranje',
    'rood',
    'afschalen',
    'Veiligheidsplan werkt; de huurachterstand is in een regeling ondergebracht.',
    mw,
    ago(110),
  );
  await colour(
    mulder.id,
    'groen',
    'oranje',
    'afschalen',
    'Anouk regelt de post en de betalingen weer zelf; Finn gaat elke dag naar school.',
    mw,
    ago(40),
  );
  if (anouk && finn) {
    await zrm(
      mulder.id,
      anouk.id,
      'intake',
      {
        financien: 1,
        'werk-opleiding': 2,
        tijdsbesteding: 2,
        huisvesting: 1,
        'huiselijke-relaties': 2,
        'geestelijke-gezondheid': 2,
        'lichamelijke-gezondheid': 3,
        verslaving: 4,
        adl: 4,
        'sociaal-netwerk': 2,
        'maatschappelijke-participatie': 2,
        justitie: 4,
        opvoeding: 2,
      },
      mw,
      ago(145),
      dayAgo(146),
    );
    await zrm(
      mulder.id,
      anouk.id,
      'tussentijds',
      {
        financien: 2,
        'werk-opleiding': 2,
        tijdsbesteding: 3,
        huisvesting: 3,
        'huiselijke-relaties': 3,
        'geestelijke-gezondheid': 3,
        'lichamelijke-gezondheid': 3,
        verslaving: 4,
        adl: 4,
        'sociaal-netwerk': 3,
        'maatschappelijke-participatie': 2,
        justitie: 4,
        opvoeding: 3,
      },
      mw,
      ago(75),
      dayAgo(76),
    );
    await zrm(
      mulder.id,
      anouk.id,
      'evaluatie',
      {
        financien: 4,
        'werk-opleiding': 3,
        tijdsbesteding: 3,
        huisvesting: 4,
        'huiselijke-relaties': 4,
        'geestelijke-gezondheid': 3,
        'lichamelijke-gezondheid': 4,
        verslaving: 5,
        adl: 4,
        'sociaal-netwerk': 3,
        'maatschappelijke-participatie': 3,
        justitie: 5,
        opvoeding: 4,
      },
      mw,
      ago(12),
      dayAgo(13),
    );
    const finnIntake = {
      tijdsbesteding: 2,
      'sociaal-netwerk': 3,
      'geestelijke-gezondheid': 3,
      'lichamelijke-gezondheid': 4,
    };
    const finnEval = {
      tijdsbesteding: 4,
      'sociaal-netwerk': 4,
      'geestelijke-gezondheid': 4,
      'lichamelijke-gezondheid': 4,
    };
    await zrm(mulder.id, finn.id, 'intake', finnIntake, jeugd, ago(144), dayAgo(146));
    await zrm(mulder.id, finn.id, 'evaluatie', finnEval, jeugd, ago(12), dayAgo(14));
  }
  const goals: [string, GoalResult, string][] = [
    [
      'Betalingsregeling met de verhuurder en schulden in beeld',
      'behaald',
      'Regeling loopt, geen nieuwe achterstand.',
    ],
    [
      'Veilige omgang tussen Finn en zijn vader',
      'behaald',
      'Begeleide omgang is omgezet in een vaste regeling.',
    ],
    ['Finn gaat weer elke dag naar school', 'behaald', ''],
    [
      'Anouk heeft werk of vaste dagbesteding',
      'deels',
      'Vrijwilligerswerk twee ochtenden; betaald werk nog niet.',
    ],
    [
      'Anouk heeft mensen om op terug te vallen',
      'deels',
      'Contact met een buurvrouw en de moedergroep.',
    ],
  ];
  const evaluation = await em.getRepository(EvaluationEntity).save(
    em.getRepository(EvaluationEntity).create({
      householdId: mulder.id,
      goals: goals.map(([title, result, note]) => ({ goalId: randomUUID(), title, result, note })),
      residentView:
        'Ik heb weer rust in mijn hoofd en weet wie ik kan bellen. De post maak ik zelf open. Werk vinden wil ik nog, maar nu in mijn eigen tempo.',
      collaboration:
        'Korte lijnen tussen wijkteam, school en jeugdconsulent. Het ZVH-overleg kwam snel op gang; de terugkoppeling van de politie liet soms op zich wachten.',
      createdBy: mw.id,
      createdAt: ago(10),
    }),
  );
  await em.getRepository(HouseholdClosureEntity).save(
    em.getRepository(HouseholdClosureEntity).create({
      householdId: mulder.id,
      kind: 'gesloten',
      reason: 'Afgesloten na de evaluatie',
      phase: 'afgesloten',
      evaluationId: evaluation.id,
      byUser: mw.id,
      at: ago(10),
    }),
  );
  await effects(
    mulder.id,
    'Zonder ingrijpen was het gezin uit huis gezet en in de opvang beland; de schulden waren in een wettelijke schuldsanering geëindigd.',
    [
      ['huisuitzetting', 1, 'Ontruiming was aangezegd'],
      ['maatschappelijke-opvang', 1, 'Geen familie om bij in te trekken'],
      ['schuldsanering', 1, 'Schulden bij zes schuldeisers'],
    ],
    mw,
    ago(9),
  );
}
