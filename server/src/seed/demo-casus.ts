/**
 * Demo of the casus team around Gezin Bakker: a consent that lets the
 * medical notes reach the wijkteam, a past MDO with agenda and attendance and
 * the team's evaluation of its collaboration, and two overleggen to come (a
 * casusoverleg online and a netwerkberaad with the family). Made-up people
 * only. Dates are relative to the day the demo is loaded.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type AgendaItem,
  amsterdamDate,
  amsterdamInstant,
  type Attendance,
  shiftDate,
} from '@spil/shared';
import { CollaborationEvaluationEntity } from '../modules/collaboration-evaluations/collaboration-evaluation.entity';
import { ConsentEntity } from '../modules/consent/consent.entity';
import { HouseholdEntity } from '../modules/households/household.entity';
import { MeetingEntity, MeetingParticipantEntity } from '../modules/meetings/meeting.entity';
import { UserEntity } from '../modules/users/user.entity';

const agenda = (items: [AgendaItem['bron'], string, string?][]): AgendaItem[] =>
  items.map(([bron, titel, toelichting]) => ({
    id: randomUUID(),
    titel,
    toelichting: toelichting ?? '',
    bron,
    refId: null,
  }));

export async function insertDemoCasus(em: EntityManager): Promise<void> {
  const bakker = await em
    .getRepository(HouseholdEntity)
    .findOne({ where: { reference: 'SPW-2026-0101' } });
  if (!bakker) return;
  const people = new Map(
    (await em.getRepository(UserEntity).find()).map((u) => [u.email.split('@')[0] ?? '', u]),
  );
  const person = (key: string) => {
    const u = people.get(key);
    if (!u) throw new Error(`Demo person ${key} is missing`);
    return u;
  };
  const today = amsterdamDate(new Date());
  const mw = person('maatschappelijk-werker');

  await em.getRepository(ConsentEntity).save(
    em.getRepository(ConsentEntity).create({
      householdId: bakker.id,
      givenBy: 'inwoner',
      givenByName: 'Sandra Bakker',
      representativeRole: null,
      informationKinds: ['medisch', 'geestelijke-gezondheid', 'opvoeding'],
      sharedWithDomains: [],
      sharedWithOrganisations: ['Wijkteam Spilwijk-Oost'],
      purpose:
        'Zorg en ondersteuning voor het gezin afstemmen: de huisarts en de POH-jeugd delen wat het wijkteam nodig heeft om Noah en Lotte goed te helpen.',
      validFrom: shiftDate(today, -30),
      validUntil: shiftDate(today, 335),
      recordedBy: person('huisarts').id,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawalReason: null,
    }),
  );

  const meetings = em.getRepository(MeetingEntity);
  const participants = em.getRepository(MeetingParticipantEntity);
  const invite = async (
    meetingId: string,
    list: ([string, Attendance | null] | [{ name: string; relation: string }, null])[],
  ) => {
    await participants.save(
      list.map(([who, attendance], position) =>
        participants.create(
          typeof who === 'string'
            ? {
                meetingId,
                userId: person(who).id,
                guestName: null,
                guestRelation: null,
                attendance,
                position,
              }
            : {
                meetingId,
                userId: null,
                guestName: who.name,
                guestRelation: who.relation,
                attendance,
                position,
              },
        ),
      ),
    );
  };

  const mdoDate = shiftDate(today, -14);
  const mdo = await meetings.save(
    meetings.create({
      householdId: bakker.id,
      kind: 'mdo',
      title: 'MDO Gezin Bakker',
      startsAt: amsterdamInstant(mdoDate, '10:00'),
      durationMinutes: 60,
      location: 'Huisartsenpraktijk De Linde, overlegkamer',
      onlineUrl: null,
      status: 'afgerond',
      agenda: agenda([
        ['vast', 'Opening en vaststellen agenda'],
        ['vrij', 'Slaap en stemming van Lotte', 'POH-jeugd vertelt over de gesprekken'],
        ['vrij', 'Schoolverzuim Noah', 'Jeugdconsulent: stand van de aanvraag jeugdhulp'],
        ['vrij', 'Betalingsachterstanden', 'Maatschappelijk werker: aanmelding schuldhulp'],
        ['vast', 'Besluiten en afspraken: wie doet wat, wanneer'],
        ['vast', 'Rondvraag en hoe ging de samenwerking'],
      ]),
      createdBy: mw.id,
      updatedAt: new Date(),
      sequence: 0,
    }),
  );
  await invite(mdo.id, [
    ['maatschappelijk-werker', 'aanwezig'],
    ['huisarts', 'aanwezig'],
    ['poh-jeugd', 'aanwezig'],
    ['jeugdconsulent', 'afgemeld'],
    ['wmo-consulent', 'afwezig'],
  ]);

  const casus = await meetings.save(
    meetings.create({
      householdId: bakker.id,
      kind: 'casusoverleg',
      title: 'Casusoverleg Gezin Bakker',
      startsAt: amsterdamInstant(shiftDate(today, 7), '14:00'),
      durationMinutes: 45,
      location: null,
      onlineUrl: 'https://overleg.example.test/spil-bakker',
      status: 'gepland',
      agenda: agenda([
        ['vast', 'Opening en vaststellen agenda'],
        ['vrij', 'Terugkoppeling acties uit het MDO'],
        ['vrij', 'Voorbereiding netwerkberaad met het gezin'],
        ['vast', 'Besluiten en afspraken: wie doet wat, wanneer'],
        ['vast', 'Rondvraag en hoe ging de samenwerking'],
      ]),
      createdBy: mw.id,
      updatedAt: new Date(),
      sequence: 0,
    }),
  );
  await invite(casus.id, [
    ['maatschappelijk-werker', null],
    ['huisarts', null],
    ['poh-jeugd', null],
    ['jeugdconsulent', null],
  ]);

  const netwerk = await meetings.save(
    meetings.create({
      householdId: bakker.id,
      kind: 'netwerkberaad',
      title: 'Netwerkberaad met de familie Bakker',
      startsAt: amsterdamInstant(shiftDate(today, 21), '19:00'),
      durationMinutes: 90,
      location: 'Wijkcentrum Oosterpark, zaal 2',
      onlineUrl: null,
      status: 'gepland',
      agenda: agenda([
        ['vast', 'Welkom en kennismaking: wie zijn er, wat is ieders rol'],
        ['vrij', 'Wat gaat er goed in het gezin'],
        ['vrij', 'Wie kan wat doen: hulp bij halen en brengen, een oppas op woensdag'],
        ['vast', 'Besluiten en afspraken: wie doet wat, wanneer'],
      ]),
      createdBy: mw.id,
      updatedAt: new Date(),
      sequence: 0,
    }),
  );
  await invite(netwerk.id, [
    ['maatschappelijk-werker', null],
    ['jeugdconsulent', null],
    ['inwoner', null],
    ...(people.has('naaste') ? ([['naaste', null]] as [string, null][]) : []),
    [{ name: 'Henk Bakker', relation: 'opa' }, null],
  ]);

  await em.getRepository(CollaborationEvaluationEntity).save(
    em.getRepository(CollaborationEvaluationEntity).create({
      householdId: bakker.id,
      meetingId: mdo.id,
      moment: 'na-overleg',
      wentWell:
        'Huisarts, POH-jeugd en wijkteam zaten voor het eerst samen aan tafel. Binnen een uur was duidelijk wie wat doet.',
      toImprove:
        'De stand van zaken van de jeugdconsulent kwam pas na het overleg. Vooraf een korte terugkoppeling in het plan had tijd gescheeld.',
      agreements:
        'Iedereen zet zijn terugkoppeling uiterlijk een dag voor een overleg in het plan.',
      score: 4,
      authorId: mw.id,
    }),
  );
}
