/**
 * "Mijn plan": what the inwoner and naasten see of their own plan, in plain
 * Dutch (B1). The plan document holds the goals, actions and their own part;
 * this contract adds what the document does not: how to reach the people who
 * help, and the next overleg they are invited to.
 */
import { z } from 'zod';
import { type Discipline, DISCIPLINES, DOMAINS, TEAM_ROLES } from './domain';
import { MEETING_KINDS, type MeetingKind } from './casus';

/** What each discipline does, in words an inwoner uses (B1: short, no jargon). */
export const DISCIPLINE_EENVOUDIG: Record<Discipline, string> = {
  coordinator: 'Leidt het wijkteam en let erop dat de hulp goed loopt.',
  huisarts: 'Je dokter. Helpt bij ziekte, pijn en zorgen over je gezondheid.',
  'poh-jeugd': 'Werkt bij de huisarts. Praat met kinderen en jongeren die het moeilijk hebben.',
  'poh-ggz': 'Werkt bij de huisarts. Praat met je als je veel piekert of je somber voelt.',
  ojg: 'Helpt ouders en kinderen bij opvoeden en opgroeien.',
  wijkverpleegkundige: 'Verpleegkundige in de wijk. Helpt met zorg thuis.',
  'ggz-behandelaar': 'Helpt als je je lang somber, angstig of onrustig voelt.',
  'maatschappelijk-werker': 'Helpt bij problemen thuis, met geld en met brieven.',
  'wmo-consulent': 'Regelt hulp van de gemeente, zoals hulp in huis of een hulpmiddel.',
  jeugdconsulent: 'Regelt hulp voor de kinderen en het gezin.',
  schuldhulpverlener: 'Helpt bij schulden en rekeningen die je niet kunt betalen.',
  'consulent-werk-en-inkomen': 'Helpt bij werk zoeken en bij een uitkering.',
  woningcorporatie: 'Van de woningcorporatie. Voor vragen over je huis en de huur.',
  welzijnswerker: 'Helpt je mee te doen in de buurt en mensen te leren kennen.',
  'mee-consulent': 'Helpt mensen met een beperking om mee te doen.',
  ervaringsdeskundige: 'Heeft zelf meegemaakt wat jij meemaakt, en denkt met je mee.',
  inwoner: 'Woont in het huishouden.',
  naaste: 'Helpt vanuit je eigen omgeving.',
};

/** What an overleg is for, in plain words. */
export const MEETING_KIND_EENVOUDIG: Record<MeetingKind, string> = {
  mdo: 'De hulpverleners praten samen over jullie plan.',
  casusoverleg: 'De hulpverleners praten samen over hoe het gaat.',
  evaluatie: 'We kijken samen terug. Wat ging goed? Wat is nog nodig?',
  netwerkberaad: 'Een gesprek met jullie en de mensen om jullie heen. Wie kan wat doen?',
};

export const MijnPlanHelperDto = z.object({
  userId: z.uuid(),
  name: z.string(),
  discipline: z.enum(DISCIPLINES),
  domain: z.enum(DOMAINS).nullable(),
  role: z.enum(TEAM_ROLES),
  /** The discipline as people say it ("Huisarts"). */
  title: z.string(),
  /** What they do, in plain words. */
  watDoetZe: z.string(),
  organisation: z.string(),
  phone: z.string().nullable(),
  /** Work e-mail of a professional; null for the household's own people. */
  email: z.string().nullable(),
  /** For a naaste: who they are to the household ("zus van Sandra"), when known. */
  relation: z.string().nullable(),
});
export type MijnPlanHelperDto = z.infer<typeof MijnPlanHelperDto>;

export const MijnPlanOverlegDto = z.object({
  id: z.uuid(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  /** What the overleg is for, in plain words. */
  uitleg: z.string(),
  startsAt: z.string(),
  /** Date (YYYY-MM-DD) and time (HH:MM) in Europe/Amsterdam. */
  date: z.string(),
  time: z.string(),
  durationMinutes: z.number().int(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  /** Names of who is invited (naasten without an account by first name and relation). */
  wie: z.array(z.string()),
});
export type MijnPlanOverlegDto = z.infer<typeof MijnPlanOverlegDto>;

export const MijnPlanDto = z.object({
  householdId: z.uuid(),
  householdName: z.string(),
  /** The professional who holds regie, or null when nobody does yet. */
  regie: MijnPlanHelperDto.extend({ since: z.string() }).nullable(),
  /** The professionals on the team (regiehouder included). */
  helpers: z.array(MijnPlanHelperDto),
  /** The household's own people with an account (inwoner, naasten), the caller included. */
  eigenKring: z.array(MijnPlanHelperDto),
  /** The next overleg the caller is invited to, or null. */
  volgendOverleg: MijnPlanOverlegDto.nullable(),
});
export type MijnPlanDto = z.infer<typeof MijnPlanDto>;
