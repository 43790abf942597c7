import { isHouseholdRole, type ServerTeamEntry, type UserDto } from '@spil/shared';

/** The inwoner and naasten: their home is "Mijn plan", not the professionals' list. */
export function isHouseholdUser(user: Pick<UserDto, 'systemRole'>): boolean {
  return user.systemRole === 'inwoner' || user.systemRole === 'naaste';
}

/** What "/" is called for this user. */
export function homeLabel(user: Pick<UserDto, 'systemRole'>): string {
  return isHouseholdUser(user) ? 'Mijn plan' : 'Mijn huishoudens';
}

/**
 * The name of the household member who wrote an entry, as the team (mirrored
 * by the server) knows them; null when the id is not the inwoner or a naaste
 * of this household. An entry's own `auteurNaam` is whatever its writer put.
 */
export function householdAuthor(team: ServerTeamEntry[], auteurId: string): string | null {
  const t = team.find((x) => x.userId === auteurId);
  return t && isHouseholdRole(t.role) ? t.name : null;
}
