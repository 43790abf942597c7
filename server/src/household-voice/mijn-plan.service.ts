import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  amsterdamDate,
  amsterdamTime,
  DISCIPLINE_EENVOUDIG,
  DISCIPLINE_LABELS,
  isHouseholdRole,
  MEETING_KIND_EENVOUDIG,
  type MeetingKind,
  type MijnPlanDto,
  type MijnPlanHelperDto,
  type MijnPlanOverlegDto,
} from '@spil/shared';
import { SpilError } from '../common/errors';
import { HouseholdAccessPolicy } from '../modules/households/household-access.policy';
import { HouseholdsRepository, type TeamRow } from '../modules/households/households.repository';
import type { UserEntity } from '../modules/users/user.entity';

/** "Zus van Sandra" from an organisation like "Gezin Bakker (zus van Sandra)". */
function relationOf(organisation: string): string | null {
  const m = /\(([^()]+)\)\s*$/.exec(organisation);
  return m?.[1]?.trim() || null;
}

function helperDto({ membership, user }: TeamRow): MijnPlanHelperDto {
  const own = isHouseholdRole(membership.role);
  return {
    userId: user.id,
    name: user.name,
    discipline: user.discipline,
    domain: user.domain,
    role: membership.role,
    title: DISCIPLINE_LABELS[user.discipline],
    watDoetZe: DISCIPLINE_EENVOUDIG[user.discipline],
    organisation: user.organisation,
    // The household's own people reach each other their own way; the board does not hand out their details.
    phone: own ? null : user.phone,
    email: own ? null : user.email,
    relation: own ? relationOf(user.organisation) : null,
  };
}

/**
 * What the household needs next to the plan document: who helps and how to
 * reach them, who holds regie, and the next overleg the caller is invited to.
 */
@Injectable()
export class MijnPlanService {
  constructor(
    private readonly policy: HouseholdAccessPolicy,
    private readonly households: HouseholdsRepository,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async get(user: UserEntity, householdId: string): Promise<MijnPlanDto> {
    const access = await this.policy.access(user, householdId);
    const household = access ? await this.households.findById(householdId) : null;
    if (!access || !household) throw new SpilError('household.not_found');
    const [team, regieRows, volgendOverleg] = await Promise.all([
      this.households.teams([householdId]),
      this.households.regie([householdId]),
      this.nextMeeting(householdId, user.id),
    ]);
    const regie = regieRows.get(householdId);
    const regieRow = regie ? team.find((t) => t.user.id === regie.userId) : undefined;
    const professionals = team
      .filter((t) => !isHouseholdRole(t.membership.role))
      .sort(
        (a, b) =>
          Number(b.user.id === regie?.userId) - Number(a.user.id === regie?.userId) ||
          Number(a.membership.role !== 'lid') - Number(b.membership.role !== 'lid') ||
          a.user.name.localeCompare(b.user.name, 'nl'),
      );
    return {
      householdId,
      householdName: household.displayName,
      regie:
        regie && regieRow ? { ...helperDto(regieRow), since: regie.since.toISOString() } : null,
      helpers: professionals.map(helperDto),
      eigenKring: team.filter((t) => isHouseholdRole(t.membership.role)).map(helperDto),
      volgendOverleg,
    };
  }

  /** The first planned overleg of the household that has not ended and that the user is invited to. */
  private async nextMeeting(
    householdId: string,
    userId: string,
  ): Promise<MijnPlanOverlegDto | null> {
    const rows: {
      id: string;
      kind: MeetingKind;
      title: string;
      starts_at: Date | string;
      duration_minutes: number;
      location: string | null;
      online_url: string | null;
    }[] = await this.ds.query(
      `SELECT m.id, m.kind, m.title, m.starts_at, m.duration_minutes, m.location, m.online_url
         FROM meeting m
         JOIN meeting_participant p ON p.meeting_id = m.id AND p.user_id = $2
        WHERE m.household_id = $1 AND m.status = 'gepland'
          AND m.starts_at + make_interval(mins => m.duration_minutes) > now()
        ORDER BY m.starts_at
        LIMIT 1`,
      [householdId, userId],
    );
    const m = rows[0];
    if (!m) return null;
    const who: { name: string | null; guest_name: string | null; guest_relation: string | null }[] =
      await this.ds.query(
        `SELECT u.name, p.guest_name, p.guest_relation
           FROM meeting_participant p LEFT JOIN app_user u ON u.id = p.user_id
          WHERE p.meeting_id = $1
          ORDER BY p.position`,
        [m.id],
      );
    const startsAt = new Date(m.starts_at);
    return {
      id: m.id,
      kind: m.kind,
      title: m.title,
      uitleg: MEETING_KIND_EENVOUDIG[m.kind],
      startsAt: startsAt.toISOString(),
      date: amsterdamDate(startsAt),
      time: amsterdamTime(startsAt),
      durationMinutes: m.duration_minutes,
      location: m.location,
      onlineUrl: m.online_url,
      wie: who
        .map(
          (w) =>
            w.name ??
            (w.guest_name
              ? `${w.guest_name}${w.guest_relation ? ` (${w.guest_relation})` : ''}`
              : ''),
        )
        .filter(Boolean),
    };
  }
}
