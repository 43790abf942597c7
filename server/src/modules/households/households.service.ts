import { Injectable } from '@nestjs/common';
import type {
  AddTeamMemberRequest,
  CreateHouseholdRequest,
  HouseholdDto,
  HouseholdSummaryDto,
  PatchTeamMemberRequest,
  TeamMemberDto,
} from '@spil/shared';
import { CreateHouseholdRequest as CreateSchema } from '@spil/shared';
import { DomainEvents } from '../../common/domain-events';
import { SpilError } from '../../common/errors';
import type { UserEntity } from '../users/user.entity';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity';
import { HouseholdAccessPolicy } from './household-access.policy';
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

function regieDto(r: RegieRow | undefined): HouseholdSummaryDto['regie'] {
  return r ? { userId: r.userId, name: r.name, since: r.since.toISOString() } : null;
}

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly repo: HouseholdsRepository,
    private readonly policy: HouseholdAccessPolicy,
    private readonly events: DomainEvents,
  ) {}

  async list(user: UserEntity): Promise<HouseholdSummaryDto[]> {
    const households = await this.repo.listVisible(user);
    const ids = households.map((h) => h.id);
    const [teams, regie] = await Promise.all([this.repo.teams(ids), this.repo.regie(ids)]);
    return households.map((h) => {
      const team = teams.filter((t) => t.membership.householdId === h.id);
      return {
        id: h.id,
        reference: h.reference,
        displayName: h.displayName,
        wijk: h.wijk,
        phase: h.phase,
        myRole: team.find((t) => t.user.id === user.id)?.membership.role ?? null,
        regie: regieDto(regie.get(h.id)),
        teamSize: team.length,
      };
    });
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
