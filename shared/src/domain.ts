/**
 * The words of the domain (see DOMAIN.md). Values are stable identifiers that
 * cross the wire and live in the database; labels are what the UI shows.
 */

export const SYSTEM_ROLES = [
  'coordinator',
  'professional',
  'inwoner',
  'naaste',
  'beheerder',
] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

export const DOMAINS = ['medisch', 'sociaal'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Team roles on one household's casus team. */
export const TEAM_ROLES = ['lid', 'meelezer', 'inwoner', 'naaste'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
/** Roles a coördinator or regiehouder gives to professionals. */
export const PROFESSIONAL_TEAM_ROLES = ['lid', 'meelezer'] as const;

export const DISCIPLINES = [
  'coordinator',
  'huisarts',
  'poh-jeugd',
  'poh-ggz',
  'ojg',
  'wijkverpleegkundige',
  'ggz-behandelaar',
  'maatschappelijk-werker',
  'wmo-consulent',
  'jeugdconsulent',
  'schuldhulpverlener',
  'consulent-werk-en-inkomen',
  'woningcorporatie',
  'welzijnswerker',
  'mee-consulent',
  'ervaringsdeskundige',
  'inwoner',
  'naaste',
] as const;
export type Discipline = (typeof DISCIPLINES)[number];

export const DISCIPLINE_LABELS: Record<Discipline, string> = {
  coordinator: 'Coördinator wijkteam',
  huisarts: 'Huisarts',
  'poh-jeugd': 'POH-jeugd',
  'poh-ggz': 'POH-GGZ',
  ojg: 'Ondersteuner Jeugd en Gezin',
  wijkverpleegkundige: 'Wijkverpleegkundige',
  'ggz-behandelaar': 'GGZ-behandelaar',
  'maatschappelijk-werker': 'Maatschappelijk werker',
  'wmo-consulent': 'Wmo-consulent',
  jeugdconsulent: 'Jeugdconsulent',
  schuldhulpverlener: 'Schuldhulpverlener',
  'consulent-werk-en-inkomen': 'Consulent werk en inkomen',
  woningcorporatie: 'Woningcorporatie',
  welzijnswerker: 'Welzijnswerker',
  'mee-consulent': 'MEE-consulent',
  ervaringsdeskundige: 'Ervaringsdeskundige',
  inwoner: 'Inwoner',
  naaste: 'Naaste',
};

export const PHASES = [
  'aangemeld',
  'quickscan',
  'vraaganalyse',
  'plan',
  'uitvoering',
  'evaluatie',
  'afgesloten',
] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  aangemeld: 'Aangemeld',
  quickscan: 'Quickscan',
  vraaganalyse: 'Vraaganalyse',
  plan: 'Plan van aanpak',
  uitvoering: 'Uitvoering',
  evaluatie: 'Evaluatie',
  afgesloten: 'Afgesloten',
};

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  lid: 'Lid',
  meelezer: 'Meelezer',
  inwoner: 'Inwoner',
  naaste: 'Naaste',
};

/** Team roles that may change the plan's professional content. */
export function teamRoleCanEdit(role: TeamRole): boolean {
  return role === 'lid';
}

/** The household's own people: they see the plan meant for them, never internal notes. */
export function isHouseholdRole(role: TeamRole): boolean {
  return role === 'inwoner' || role === 'naaste';
}
