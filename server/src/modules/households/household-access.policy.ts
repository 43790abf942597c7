/**
 * The one question every channel asks before it shows household data: what
 * may this user do with this household? REST, socket.io and collab all ask
 * here, so need to know is decided in one place.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import {
  amsterdamDate,
  consentCovers,
  type DocKind,
  type DocName,
  isHouseholdRole,
  MEDICAL_NOTES_INFO_KIND,
  parseDocName,
  type TeamRole,
  teamRoleCanEdit,
} from '@spil/shared';
import { ConsentEntity } from '../consent/consent.entity';
import { MeetingEntity, MeetingParticipantEntity } from '../meetings/meeting.entity';
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
  constructor(
    private readonly repo: HouseholdsRepository,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** Null when the user may not see the household at all: answer 404, never 403. */
  async access(user: UserEntity, householdId: string): Promise<HouseholdAccess | null> {
    if (!user.active) return null;
    const facts = await this.repo.accessFacts(householdId, user.id);
    if (!facts) return null;
    const coordinator =
      user.systemRole === 'coordinator' &&
      !!user.wijkteamId &&
      user.wijkteamId === facts.wijkteamId;
    if (!facts.role && !coordinator) return null;
    return { householdId, teamRole: facts.role, coordinator };
  }

  /**
   * Null when the user may not open this document at all.
   *
   * - `plan`: the whole team reads; `lid` writes, the household writes its own root.
   * - `werk`: professionals on the team only.
   * - `medisch`: medical-domain members of the team, and members whom an
   *   active, not withdrawn consent covers for medical information (by their
   *   domain or organisation; they read, the medical domain writes).
   * - `overleg` (with `meetingId`): the professionals on the team
   *   (`lid` writes); the coördinator reads, and writes when invited; the
   *   inwoner and naasten read, and only when invited. Prefer
   *   `docAccessFor(user, parseDocName(name))`, which passes the meeting.
   */
  async docAccess(
    user: UserEntity,
    householdId: string,
    kind: DocKind,
    meetingId?: string,
  ): Promise<DocAccess | null> {
    const a = await this.access(user, householdId);
    if (!a) return null;
    const role = a.teamRole;
    if (kind === 'plan') {
      if (role === null) return { write: 'none', teamRole: null };
      if (isHouseholdRole(role)) return { write: 'household', teamRole: role };
      return { write: teamRoleCanEdit(role) ? 'all' : 'none', teamRole: role };
    }
    if (kind === 'overleg') {
      if (meetingId) return this.meetingNotesAccess(user, householdId, role, meetingId);
      // Asked without the meeting (a caller that passes only the kind): what holds for every
      // meeting of the household, never more. Invitations cannot be checked, so the household's
      // own people are refused and an invited coördinator only reads.
      if (role === null) return { write: 'none', teamRole: null };
      if (isHouseholdRole(role)) return null;
      return { write: teamRoleCanEdit(role) ? 'all' : 'none', teamRole: role };
    }
    // Internal documents are never the household's.
    if (role === null || isHouseholdRole(role)) return null;
    if (kind === 'medisch' && user.domain !== 'medisch') {
      return (await this.consentCoversMedical(user, householdId))
        ? { write: 'none', teamRole: role }
        : null;
    }
    return { write: teamRoleCanEdit(role) ? 'all' : 'none', teamRole: role };
  }

  /** `docAccess` for a parsed document name. */
  docAccessFor(user: UserEntity, doc: DocName): Promise<DocAccess | null> {
    return this.docAccess(user, doc.householdId, doc.kind, doc.meetingId);
  }

  /** `docAccess` for a raw document name; null for a name that is not one. */
  async docAccessByName(user: UserEntity, docName: string): Promise<DocAccess | null> {
    const doc = parseDocName(docName);
    return doc ? this.docAccessFor(user, doc) : null;
  }

  /** Whether an active, not withdrawn consent of the household lets its medical information reach this user. */
  async consentCoversMedical(user: UserEntity, householdId: string): Promise<boolean> {
    const consents = await this.ds
      .getRepository(ConsentEntity)
      .find({ where: { householdId, withdrawnAt: IsNull() } });
    const today = amsterdamDate(new Date());
    return consents.some((c) =>
      consentCovers(
        { ...c, withdrawnAt: null },
        { domain: user.domain, organisation: user.organisation },
        MEDICAL_NOTES_INFO_KIND,
        today,
      ),
    );
  }

  private async meetingNotesAccess(
    user: UserEntity,
    householdId: string,
    role: TeamRole | null,
    meetingId: string,
  ): Promise<DocAccess | null> {
    const meeting = await this.ds
      .getRepository(MeetingEntity)
      .exists({ where: { id: meetingId, householdId } });
    if (!meeting) return null;
    if (role !== null && !isHouseholdRole(role))
      return { write: teamRoleCanEdit(role) ? 'all' : 'none', teamRole: role };
    const invited = await this.ds
      .getRepository(MeetingParticipantEntity)
      .exists({ where: { meetingId, userId: user.id } });
    if (!invited) return role === null ? { write: 'none', teamRole: null } : null;
    return role === null ? { write: 'all', teamRole: null } : { write: 'none', teamRole: role };
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
