import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type AgendaItem,
  amsterdamDate,
  amsterdamInstant,
  amsterdamTime,
  type AttendanceRequest,
  CreateMeetingRequest as CreateSchema,
  type CreateMeetingRequest,
  DecisionRequest as DecisionSchema,
  type DecisionRequest,
  DISCIPLINE_LABELS,
  draftAgenda,
  dutchDate,
  isHouseholdRole,
  MEETING_KIND_LABELS,
  type MeetingDecisionDto,
  type MeetingDto,
  type MeetingKind,
  meetingIsPast,
  meetingNotesDocName,
  type TeamRole,
  UpdateMeetingRequest as UpdateSchema,
  type UpdateMeetingRequest,
} from '@spil/shared';
import { SpilError } from '../../common/errors';
import { EventsBroadcaster, rooms } from '../../events/events.broadcaster';
import { type HouseholdAccess, HouseholdAccessPolicy } from '../households/household-access.policy';
import { HouseholdsRepository } from '../households/households.repository';
import { NotificationsService } from '../notifications/notifications.service';
import type { UserEntity } from '../users/user.entity';
import { type CalendarEntry, meetingsCalendar } from './meeting-calendar';
import type { MeetingEntity } from './meeting.entity';
import { MeetingsRepository, type ParticipantSpec } from './meetings.repository';
import {
  PLAN_DOCUMENTS,
  type PlanDocuments,
  type PlanView,
} from '../../common/plan-documents.port';
import { describeError } from '../../common/describe-error';

export type MeetingWhen = 'upcoming' | 'past' | 'all';

/** Plans overleg, records attendance: a `lid` of the team or the coördinator. */
function canPlan(access: HouseholdAccess): boolean {
  return access.coordinator || access.teamRole === 'lid';
}

/**
 * Overlegmomenten of a household: schedule, invitations, agenda (drafted
 * from the plan's open and overdue actions and doelen), attendance and
 * decisions that become actions in the plan in one step. The plan is reached
 * through the plan-documents port (ADR 013); this module never imports the collab layer.
 *
 * Visibility: everyone who may see the household sees its meetings, except
 * the inwoner and naasten, who see only those they are invited to.
 */
@Injectable()
export class MeetingsService {
  private readonly logger = new Logger(MeetingsService.name);

  constructor(
    private readonly repo: MeetingsRepository,
    private readonly households: HouseholdsRepository,
    private readonly policy: HouseholdAccessPolicy,
    private readonly broadcaster: EventsBroadcaster,
    private readonly notifications: NotificationsService,
    @Inject(PLAN_DOCUMENTS) private readonly plan: PlanDocuments,
  ) {}

  private async requireAccess(user: UserEntity, householdId: string): Promise<HouseholdAccess> {
    const access = await this.policy.access(user, householdId);
    if (!access) throw new SpilError('household.not_found');
    return access;
  }

  private async mayView(
    user: UserEntity,
    access: HouseholdAccess,
    meeting: MeetingEntity,
  ): Promise<boolean> {
    if (access.teamRole === null || !isHouseholdRole(access.teamRole)) return true;
    return this.repo.isParticipant(meeting.id, user.id);
  }

  private async requireMeeting(
    user: UserEntity,
    access: HouseholdAccess,
    meetingId: string,
  ): Promise<MeetingEntity> {
    const meeting = await this.repo.find(access.householdId, meetingId);
    if (!meeting || !(await this.mayView(user, access, meeting)))
      throw new SpilError('meeting.not_found');
    return meeting;
  }

  async list(
    user: UserEntity,
    householdId: string,
    when: MeetingWhen = 'all',
  ): Promise<MeetingDto[]> {
    const access = await this.requireAccess(user, householdId);
    let rows = await this.repo.listForHousehold(householdId);
    if (access.teamRole !== null && isHouseholdRole(access.teamRole)) {
      const mine = new Set((await this.repo.listForParticipant(user.id)).map((m) => m.id));
      rows = rows.filter((m) => mine.has(m.id));
    }
    return this.select(await this.toDtos(rows, new Map([[householdId, access]])), when);
  }

  /** "Mijn overleggen": meetings I am invited to, in households I may still see. */
  async mine(user: UserEntity, when: MeetingWhen = 'all'): Promise<MeetingDto[]> {
    const rows = await this.repo.listForParticipant(user.id);
    const accesses = new Map<string, HouseholdAccess>();
    for (const householdId of new Set(rows.map((m) => m.householdId))) {
      const a = await this.policy.access(user, householdId);
      if (a) accesses.set(householdId, a);
    }
    const visible = rows.filter((m) => accesses.has(m.householdId));
    return this.select(await this.toDtos(visible, accesses), when);
  }

  async get(user: UserEntity, householdId: string, meetingId: string): Promise<MeetingDto> {
    const access = await this.requireAccess(user, householdId);
    const meeting = await this.requireMeeting(user, access, meetingId);
    return (await this.toDtos([meeting], new Map([[householdId, access]])))[0] as MeetingDto;
  }

  /** An agenda to start from, for a meeting not planned yet. */
  async agendaDraft(
    user: UserEntity,
    householdId: string,
    kind: MeetingKind,
  ): Promise<AgendaItem[]> {
    const access = await this.requireAccess(user, householdId);
    if (!canPlan(access)) throw new SpilError('auth.forbidden');
    return this.draft(householdId, kind);
  }

  private async draft(householdId: string, kind: MeetingKind): Promise<AgendaItem[]> {
    let plan: Pick<PlanView, 'acties' | 'doelen'> = { acties: [], doelen: [] };
    try {
      plan = await this.plan.read(householdId);
    } catch (e) {
      // A meeting can be planned while the plan is out of reach; the agenda then has only its fixed items.
      this.logger.warn(`Plan unreadable for an agenda draft: ${describeError(e)}`);
    }
    const team = (await this.households.teams([householdId])).map((t) => ({
      userId: t.user.id,
      name: t.user.name,
    }));
    return draftAgenda({
      kind,
      acties: plan.acties,
      doelen: plan.doelen,
      team,
      today: amsterdamDate(new Date()),
      newId: randomUUID,
    });
  }

  async create(
    user: UserEntity,
    householdId: string,
    input: CreateMeetingRequest,
  ): Promise<MeetingDto> {
    const access = await this.requireAccess(user, householdId);
    if (!canPlan(access)) throw new SpilError('auth.forbidden');
    const body = CreateSchema.parse(input);
    const invitees = await this.checkInvitees(householdId, body.inviteeIds);
    const agenda = body.agenda ?? (await this.draft(householdId, body.kind));
    const meeting = await this.repo.transaction(async (em) => {
      const m = await this.repo.insertMeeting(em, {
        householdId,
        kind: body.kind,
        title: body.title || MEETING_KIND_LABELS[body.kind],
        startsAt: amsterdamInstant(body.date, body.time),
        durationMinutes: body.durationMinutes,
        location: body.location || null,
        onlineUrl: body.onlineUrl,
        status: 'gepland',
        agenda,
        createdBy: user.id,
        updatedAt: new Date(),
      });
      await this.repo.replaceParticipants(em, m.id, [
        ...invitees.map((userId) => ({ userId })),
        ...body.naasten.map((n) => ({ guestName: n.name, guestRelation: n.relation })),
      ]);
      return m;
    });
    this.changed(householdId);
    await this.notifyInvited(user, meeting, invitees);
    return this.get(user, householdId, meeting.id);
  }

  async update(
    user: UserEntity,
    householdId: string,
    meetingId: string,
    input: UpdateMeetingRequest,
  ): Promise<MeetingDto> {
    const access = await this.requireAccess(user, householdId);
    const meeting = await this.requireMeeting(user, access, meetingId);
    if (!canPlan(access)) throw new SpilError('auth.forbidden');
    const body = UpdateSchema.parse(input);
    const before = await this.repo.participants([meeting.id]);
    const invitees = body.inviteeIds
      ? await this.checkInvitees(householdId, body.inviteeIds)
      : null;
    const date = body.date ?? amsterdamDate(meeting.startsAt);
    const time = body.time ?? amsterdamTime(meeting.startsAt);
    const location = body.location !== undefined ? body.location || null : meeting.location;
    const onlineUrl = body.onlineUrl !== undefined ? body.onlineUrl : meeting.onlineUrl;
    if (!location && !onlineUrl)
      throw new SpilError(
        'validation.invalid',
        'location',
        'Vul een plaats of een link voor online overleg in.',
      );
    await this.repo.transaction(async (em) => {
      await this.repo.updateMeeting(em, meeting.id, {
        ...(body.kind ? { kind: body.kind } : {}),
        ...(body.title !== undefined
          ? { title: body.title || MEETING_KIND_LABELS[body.kind ?? meeting.kind] }
          : {}),
        ...(body.status ? { status: body.status } : {}),
        ...(body.agenda ? { agenda: body.agenda } : {}),
        ...(body.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
        startsAt: amsterdamInstant(date, time),
        location,
        onlineUrl,
      });
      if (invitees || body.naasten) {
        const users: ParticipantSpec[] = (
          invitees ?? before.filter((p) => p.userId).map((p) => p.userId as string)
        ).map((userId) => ({ userId }));
        const guests: ParticipantSpec[] = body.naasten
          ? body.naasten.map((n) => ({ guestName: n.name, guestRelation: n.relation }))
          : before
              .filter((p) => !p.userId)
              .map((p) => ({ guestName: p.guestName ?? '', guestRelation: p.guestRelation ?? '' }));
        await this.repo.replaceParticipants(em, meeting.id, [...users, ...guests]);
      }
    });
    this.changed(householdId);
    if (invitees) {
      const already = new Set(before.map((p) => p.userId));
      await this.notifyInvited(
        user,
        meeting,
        invitees.filter((id) => !already.has(id)),
      );
    }
    return this.get(user, householdId, meeting.id);
  }

  async attendance(
    user: UserEntity,
    householdId: string,
    meetingId: string,
    body: AttendanceRequest,
  ): Promise<MeetingDto> {
    const access = await this.requireAccess(user, householdId);
    const meeting = await this.requireMeeting(user, access, meetingId);
    if (!canPlan(access)) throw new SpilError('auth.forbidden');
    const ids = new Set((await this.repo.participants([meeting.id])).map((p) => p.id));
    const unknown = body.entries.find((e) => !ids.has(e.participantId));
    if (unknown) throw new SpilError('meeting.participant_not_found', 'entries');
    await this.repo.setAttendance(meeting.id, body.entries);
    this.changed(householdId);
    return this.get(user, householdId, meeting.id);
  }

  /**
   * A decision becomes an action in the plan in one step: owner (a `lid` of
   * the current team) and due date included. The caller must be allowed to
   * write the plan. The decision is kept with the meeting, with the action's id.
   */
  async decide(
    user: UserEntity,
    householdId: string,
    meetingId: string,
    input: DecisionRequest,
  ): Promise<MeetingDecisionDto> {
    const access = await this.requireAccess(user, householdId);
    const meeting = await this.requireMeeting(user, access, meetingId);
    const planAccess = await this.policy.docAccess(user, householdId, 'plan');
    if (planAccess?.write !== 'all') throw new SpilError('auth.forbidden');
    if (meeting.status === 'geannuleerd') throw new SpilError('meeting.cancelled');
    const body = DecisionSchema.parse(input);
    const owner = await this.households.openMembership(householdId, body.eigenaarId);
    if (!owner || owner.role !== 'lid')
      throw new SpilError('meeting.owner_not_on_team', 'eigenaarId');
    const decision = await this.repo.insertDecision({
      meetingId: meeting.id,
      text: body.tekst,
      ownerId: body.eigenaarId,
      deadline: body.deadline,
      actieId: null,
      createdBy: user.id,
    });
    let actieId: string;
    try {
      // Made for the caller: the owner hears of it as of any action given in the plan (not when it is the caller).
      const added = await this.plan.change(
        householdId,
        (plan) =>
          plan.addActie({
            titel: body.tekst,
            eigenaarId: body.eigenaarId,
            deadline: body.deadline,
            inschakelen: body.inschakelen,
            doelId: body.doelId,
            domein: body.domein,
          }),
        { userId: user.id },
      );
      if (!added.changed) throw new Error('The plan did not take the action');
      actieId = added.result;
    } catch (e) {
      await this.repo.deleteDecision(decision.id);
      this.logger.error(`Decision could not become an action: ${describeError(e)}`);
      throw new SpilError('meeting.plan_unavailable');
    }
    await this.repo.setDecisionActie(decision.id, actieId);
    this.changed(householdId);
    const users = await this.repo.users([body.eigenaarId, user.id]);
    return decisionDto({ ...decision, actieId }, users);
  }

  /** One meeting as an iCalendar file. */
  async ics(
    user: UserEntity,
    householdId: string,
    meetingId: string,
    origin: string,
  ): Promise<string> {
    const dto = await this.get(user, householdId, meetingId);
    const meeting = (await this.repo.find(householdId, meetingId)) as MeetingEntity;
    const household = await this.households.findById(householdId);
    return meetingsCalendar(
      [
        {
          meeting: dto,
          sequence: meeting.sequence,
          reference: household?.reference ?? 'huishouden',
        },
      ],
      {
        name: `Spil: ${dto.title}`,
        origin,
      },
    );
  }

  /** The personal feed: every meeting I am invited to, in households I may still see. */
  async myIcs(user: UserEntity, origin: string): Promise<string> {
    const dtos = await this.mine(user, 'all');
    const entities = new Map((await this.repo.listForParticipant(user.id)).map((m) => [m.id, m]));
    const households = await this.repo.households(dtos.map((d) => d.householdId));
    const entries: CalendarEntry[] = dtos.map((d) => ({
      meeting: d,
      sequence: entities.get(d.id)?.sequence ?? 0,
      reference: households.get(d.householdId)?.reference ?? 'huishouden',
    }));
    return meetingsCalendar(entries, { name: `Spil: overleggen van ${user.name}`, origin });
  }

  private select(dtos: MeetingDto[], when: MeetingWhen): MeetingDto[] {
    const now = new Date();
    if (when === 'upcoming') return dtos.filter((m) => !meetingIsPast(m, now));
    if (when === 'past') return dtos.filter((m) => meetingIsPast(m, now)).reverse();
    return dtos;
  }

  /** Invitees must be on the casus team now (a professional, the inwoner or a naaste with an account). */
  private async checkInvitees(householdId: string, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const team = new Set((await this.households.teams([householdId])).map((t) => t.user.id));
    const household = await this.households.findById(householdId);
    for (const id of unique) {
      if (team.has(id)) continue;
      // The coördinator of the wijkteam oversees without being on the team, and may be invited.
      const u = await this.households.findUser(id);
      if (
        !u ||
        !u.active ||
        u.systemRole !== 'coordinator' ||
        u.wijkteamId !== household?.wijkteamId
      ) {
        throw new SpilError('meeting.invitee_not_on_team', 'inviteeIds');
      }
    }
    return unique;
  }

  private async notifyInvited(
    by: UserEntity,
    meeting: MeetingEntity,
    userIds: string[],
  ): Promise<void> {
    const others = userIds.filter((id) => id !== by.id);
    if (others.length === 0) return;
    await this.notifications.notify(others, {
      kind: 'team',
      householdId: meeting.householdId,
      title: `Uitgenodigd: ${meeting.title}`,
      body: `${by.name} nodigde je uit voor ${MEETING_KIND_LABELS[meeting.kind]} op ${dutchDate(amsterdamDate(meeting.startsAt))} om ${amsterdamTime(meeting.startsAt)}.`,
    });
  }

  private changed(householdId: string): void {
    this.broadcaster.toRoom(rooms.household(householdId), 'household:changed', {
      householdId,
      what: 'meetings',
    });
  }

  private async toDtos(
    rows: MeetingEntity[],
    accesses: Map<string, HouseholdAccess>,
  ): Promise<MeetingDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((m) => m.id);
    const householdIds = [...new Set(rows.map((m) => m.householdId))];
    const [participants, decisions, households, teams] = await Promise.all([
      this.repo.participants(ids),
      this.repo.decisions(ids),
      this.repo.households(householdIds),
      this.households.teams(householdIds),
    ]);
    const users = await this.repo.users([
      ...rows.map((m) => m.createdBy),
      ...decisions.flatMap((d) => [d.ownerId, d.createdBy]),
    ]);
    const roleOf = new Map<string, TeamRole>(
      teams.map((t) => [`${t.membership.householdId}:${t.user.id}`, t.membership.role]),
    );
    return rows.map((m) => {
      const access = accesses.get(m.householdId);
      const end = new Date(m.startsAt.getTime() + m.durationMinutes * 60000);
      return {
        id: m.id,
        householdId: m.householdId,
        householdName: households.get(m.householdId)?.displayName ?? '',
        kind: m.kind,
        title: m.title,
        startsAt: m.startsAt.toISOString(),
        endsAt: end.toISOString(),
        date: amsterdamDate(m.startsAt),
        time: amsterdamTime(m.startsAt),
        durationMinutes: m.durationMinutes,
        location: m.location,
        onlineUrl: m.onlineUrl,
        status: m.status,
        agenda: m.agenda,
        participants: participants
          .filter((p) => p.meetingId === m.id)
          .map((p) => ({
            id: p.id,
            userId: p.userId,
            name: p.user?.name ?? p.guestName ?? '',
            description: p.user
              ? [DISCIPLINE_LABELS[p.user.discipline], p.user.organisation]
                  .filter(Boolean)
                  .join(', ')
              : (p.guestRelation ?? ''),
            kind: p.userId ? ('team' as const) : ('naaste' as const),
            teamRole: p.userId ? (roleOf.get(`${m.householdId}:${p.userId}`) ?? null) : null,
            attendance: p.attendance,
          })),
        decisions: decisions.filter((d) => d.meetingId === m.id).map((d) => decisionDto(d, users)),
        notesDocName: meetingNotesDocName(m.householdId, m.id),
        canEdit: !!access && canPlan(access),
        createdById: m.createdBy,
        createdByName: users.get(m.createdBy)?.name ?? 'Onbekend',
        createdAt: m.createdAt.toISOString(),
      };
    });
  }
}

function decisionDto(
  d: {
    id: string;
    meetingId: string;
    text: string;
    actieId: string | null;
    ownerId: string;
    deadline: string;
    createdBy: string;
    createdAt: Date;
  },
  users: Map<string, UserEntity>,
): MeetingDecisionDto {
  return {
    id: d.id,
    meetingId: d.meetingId,
    tekst: d.text,
    actieId: d.actieId,
    eigenaarId: d.ownerId,
    eigenaarNaam: users.get(d.ownerId)?.name ?? 'Onbekend',
    deadline: d.deadline,
    createdById: d.createdBy,
    createdByName: users.get(d.createdBy)?.name ?? 'Onbekend',
    createdAt: d.createdAt.toISOString(),
  };
}
