import { Injectable } from '@nestjs/common';
import type {
  AddTeamMemberRequest,
  CreateHouseholdRequest,
  HouseholdDto,
  HouseholdListQuery,
  HouseholdSummaryDto,
  PatchTeamMemberRequest,
  TeamMemberDto,
} from '@spil/shared';
import { CreateHouseholdRequest as CreateSchema } from '@spil/shared';
import { DomainEvents } from '../../common/domain-events';
import { SpilError } from '../../common/errors';
import { todayInNL } from '../../read-model/action-projection';
import type { UserEntity } from '../users/user.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { HouseholdAccessPolicy } from './household-access.policy';
import {
  type HouseholdSearchRow,
  HouseholdSearchRepository,
  isHouseholdSide,
} from './household-search.repository';
import { HouseholdsRepository, type RegieRow, type TeamRow } from './households.repository';

function teamMemberDto({ membership, user }: TeamRow): TeamMemberDto {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    discipline: user.discipline,
    domain: user.domain,
    organisation: user.organisation,
    phone: user.phone,
    expertise: user.expertise,
    whenToInvolve: user.whenToInvolve,
    role: membership.role,
    since: membership.since.toISOString(),
  };
}

/** What every list shows of a household; the process (colour, escalation) only to professionals. */
export function householdSummary(
  r: HouseholdSearchRow,
  householdSide = false,
): HouseholdSummaryDto {
  const summary: HouseholdSummaryDto = {
    id: r.id,
    reference: r.reference,
    displayName: r.display_name,
    wijk: r.wijk,
    phase: r.phase,
    myRole: r.my_role,
    regie:
      r.regie_user_id && r.regie_name && r.regie_since
        ? { userId: r.regie_user_id, name: r.regie_name, since: r.regie_since.toISOString() }
        : null,
    teamSize: r.team_size,
    colour: r.colour,
    lastActivity: r.last_activity.toISOString(),
    overdueActions: r.overdue_actions,
    openEscalation: r.open_escalation,
  };
  if (householdSide) {
    delete summary.colour;
    delete summary.openEscalation;
  }
  return summary;
}

function regieDto(r: RegieRow | undefined): HouseholdSummaryDto['regie'] {
  return r ? { userId: r.userId, name: r.name, since: r.since.toISOString() } : null;
}

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly repo: HouseholdsRepository,
    private readonly search: HouseholdSearchRepository,
    private readonly policy: HouseholdAccessPolicy,
    private readonly events: DomainEvents,
  ) {}

  /** Households the user may see, searched, filtered, sorted and paged; `total` counts every match. */
  async list(
    user: UserEntity,
    query: HouseholdListQuery = { scope: 'all', sort: 'naam', offset: 0 },
  ): Promise<{ items: HouseholdSummaryDto[]; total: number }> {
    const { rows, total } = await this.search.search(user, query, todayInNL());
    const householdSide = isHouseholdSide(user);
    return { items: rows.map((r) => householdSummary(r, householdSide)), total };
  }

  /** The household, or 404 when the caller may not see it. */
  async get(user: UserEntity, id: string): Promise<HouseholdDto> {
    const access = await this.policy.access(user, id);
    const household = access ? await this.repo.findById(id) : null;
    if (!access || !household) throw new SpilError('household.not_found');
    const [team, members, regie] = await Promise.all([
      this.repo.teams([id]),
      this.repo.members(id),
      this.repo.regie([id]),
    ]);
    return {
      id: household.id,
      reference: household.reference,
      displayName: household.displayName,
      wijk: household.wijk,
      phase: household.phase,
      myRole: access.teamRole,
      regie: regieDto(regie.get(id)),
      teamSize: team.length,
      createdAt: household.createdAt.toISOString(),
      referral:
        household.referredBy && household.referredOn
          ? { by: household.referredBy, on: household.referredOn }
          : null,
      members: members.map((m) => ({
        id: m.id,
        firstName: m.firstName,
        birthYear: m.birthYear,
        relation: m.relation,
      })),
      team: team.map(teamMemberDto),
    };
  }

  async team(user: UserEntity, id: string): Promise<TeamMemberDto[]> {
    if (!(await this.policy.access(user, id))) throw new SpilError('household.not_found');
    return (await this.repo.teams([id])).map(teamMemberDto);
  }

  /** A coördinator registers a household in their own wijkteam. */
  async create(user: UserEntity, input: CreateHouseholdRequest): Promise<HouseholdDto> {
    if (user.systemRole !== 'coordinator' || !user.wijkteamId)
      throw new SpilError('auth.forbidden');
    const body = CreateSchema.parse(input);
    const wijkteamId = user.wijkteamId;
    const id = await this.repo.transaction(async (em) => {
      const taken = await em
        .getRepository(HouseholdEntity)
        .exists({ where: { reference: body.reference } });
      if (taken) throw new SpilError('household.reference_taken', 'reference');
      const h = await em.getRepository(HouseholdEntity).save(
        em.getRepository(HouseholdEntity).create({
          reference: body.reference,
          displayName: body.displayName,
          wijk: body.wijk,
          phase: body.phase,
          wijkteamId,
          referredBy: body.referral?.by ?? null,
          referredOn: body.referral?.on ?? null,
        }),
      );
      const members = em.getRepository(HouseholdMemberEntity);
      await members.save(body.members.map((m) => members.create({ ...m, householdId: h.id })));
      return h.id;
    });
    return this.get(user, id);
  }

  private async requireManager(user: UserEntity, householdId: string): Promise<void> {
    if (!(await this.policy.access(user, householdId))) throw new SpilError('household.not_found');
    if (!(await this.policy.canManageTeam(user, householdId)))
      throw new SpilError('auth.forbidden');
  }

  async addMember(
    user: UserEntity,
    householdId: string,
    body: AddTeamMemberRequest,
  ): Promise<TeamMemberDto> {
    await this.requireManager(user, householdId);
    const target = await this.repo.findUser(body.userId);
    if (
      !target ||
      !target.active ||
      target.systemRole === 'inwoner' ||
      target.systemRole === 'naaste'
    ) {
      throw new SpilError('team.user_not_found', 'userId');
    }
    if (await this.repo.openMembership(householdId, body.userId))
      throw new SpilError('team.already_member', 'userId');
    const membership = await this.repo.addMember(householdId, body.userId, body.role);
    this.events.publish('team.changed', { householdId });
    return teamMemberDto({ membership, user: target });
  }

  async patchMember(
    user: UserEntity,
    householdId: string,
    userId: string,
    body: PatchTeamMemberRequest,
  ): Promise<TeamMemberDto> {
    await this.requireManager(user, householdId);
    const membership = await this.repo.openMembership(householdId, userId);
    const target = membership ? await this.repo.findUser(userId) : null;
    if (!membership || !target || membership.role === 'inwoner' || membership.role === 'naaste') {
      throw new SpilError('team.not_member', 'userId');
    }
    await this.repo.setRole(membership.id, body.role);
    membership.role = body.role;
    this.events.publish('team.changed', { householdId });
    return teamMemberDto({ membership, user: target });
  }

  /** Removal ends access at once: the event closes live connections on every instance. */
  async removeMember(user: UserEntity, householdId: string, userId: string): Promise<void> {
    await this.requireManager(user, householdId);
    const membership = await this.repo.openMembership(householdId, userId);
    if (!membership) throw new SpilError('team.not_member', 'userId');
    await this.repo.endMembership(membership.id);
    this.events.publish('member.removed', { householdId, userId });
    this.events.publish('team.changed', { householdId });
  }
}
