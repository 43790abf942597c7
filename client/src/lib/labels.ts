import {
  DISCIPLINE_LABELS,
  type Discipline,
  type Domain,
  PHASE_LABELS,
  type Phase,
  TEAM_ROLE_LABELS,
  type TeamRole,
} from '@spil/shared';

export function phaseLabel(phase: Phase): string {
  return PHASE_LABELS[phase];
}

export function disciplineLabel(discipline: Discipline): string {
  return DISCIPLINE_LABELS[discipline];
}

export function domainLabel(domain: Domain | null): string {
  if (domain === 'medisch') return 'Medisch domein';
  if (domain === 'sociaal') return 'Sociaal domein';
  return 'Geen domein';
}

/** My role on a household; null means I oversee it as coördinator without being on the team. */
export function myRoleLabel(role: TeamRole | null): string {
  return role ? TEAM_ROLE_LABELS[role] : 'Coördinator (niet in het team)';
}

export function teamRoleLabel(role: TeamRole): string {
  return TEAM_ROLE_LABELS[role];
}
