/**
 * The one question every channel asks before it shows household data: what
 * may this user do with this household? REST, socket.io and collab all ask
 * here, so need to know is decided in one place.
 */
import { Injectable } from '@nestjs/common';
import { type DocKind, isHouseholdRole, type TeamRole, teamRoleCanEdit } from '@spil/shared';
import type { UserEntity } from '../users/user.entity';
import { HouseholdsRepository } from './households.repository';

export interface HouseholdAccess {
  householdId: string;
  /** The caller's role on the casus team; null for a coördinator who oversees but is not on it. */
  teamRole: TeamRole | null;
  /** Coördinator of the household's wijkteam. */
  coordinator: boolean;
}

/** What a connection may do with one document. */
export interface DocAccess {
  /** `all`: every root but the server's; `household`: only the household's own root; `none`: read only. */
  write: 'all' | 'household' | 'none';
  teamRole: TeamRole | null;
}

@Injectable()
export class HouseholdAccessPolicy {
  constructor(private readonly repo: HouseholdsRepository) {}

  /** Null when the user may not see the household at all: answer 404, never 403. */
  async access(user: UserEntity, householdId: string): Promise<HouseholdAccess | null> {
    if (!user.active) return null;
    const household = await this.repo.findById(householdId);
    if (!household) return null;
    const membership = await this.repo.openMembership(householdId, user.id);
    const coordinator = user.systemRole === 'coordinator' && !!user.wijkteamId && user.wijkteamId === household.wijkteamId;
    if (!membership && !coordinator) return null;
    return { householdId, teamRole: membership?.role ?? null, coordinator };
  }

  /** Null when the user may not open this document at all. */
  async docAccess(user: UserEntity, householdId: string, kind: DocKind): Promise<DocAccess | null> {
    const a = await this.access(user, householdId);
    if (!a) return null;
    const role = a.teamRole;
    if (kind === 'plan') {
      if (role === null) return { write: 'none', teamRole: null };
      if (isHouseholdRole(role)) return { write: 'household', teamRole: role };
      return { write: teamRoleCanEdit(role) ? 'all' : 'none', teamRole: role };
    }
    // Internal documents are never the household's; the medical one only for the medical domain.
    if (role === null || isHouseholdRole(role)) return null;
    if (kind === 'medisch' && user.domain !== 'medisch') return null;
    return { write: teamRoleCanEdit(role) ? 'all' : 'none', teamRole: role };
  }

  /** May change the casus team: the coördinator of the wijkteam or the current regiehouder. */
  async canManageTeam(user: UserEntity, householdId: string): Promise<boolean> {
    const a = await this.access(user, householdId);
    if (!a) return false;
    if (a.coordinator) return true;
    const regie = await this.repo.regie([householdId]);
    return regie.get(householdId)?.userId === user.id;
  }
}
