import { Injectable } from '@nestjs/common';
import {
  isOverdue,
  type ActionRowDto,
  type HouseholdListQuery,
  type Phase,
  type RegieHouseholdRowDto,
  type RegieHouseholdsQuery,
  type RegieOverzichtDto,
  type WieDoetWatDto,
} from '@spil/shared';
import { SpilError } from '../common/errors';
import { HouseholdAccessPolicy } from '../modules/households/household-access.policy';
import {
  type HouseholdSearchRow,
  HouseholdSearchRepository,
} from '../modules/households/household-search.repository';
import { HouseholdsRepository } from '../modules/households/households.repository';
import { householdSummary } from '../modules/households/households.service';
import type { UserEntity } from '../modules/users/user.entity';
import { todayInNL } from './action-projection';
import { type ActionRow, ReadModelRepository } from './read-model.repository';

export function actionDto(r: ActionRow, today: string): ActionRowDto {
  return {
    id: r.id,
    householdId: r.household_id,
    householdName: r.household_name,
    titel: r.titel,
    eigenaarId: r.eigenaar_id,
    eigenaarNaam: r.eigenaar_in_team ? r.eigenaar_naam : null,
    zonderEigenaar: !r.eigenaar_id || !r.eigenaar_in_team,
    deadline: r.deadline,
    status: r.status,
    domein: r.domein,
    overdue: isOverdue({ deadline: r.deadline, status: r.status }, today),
    laatsteTerugkoppeling:
      r.last_update_text !== null && r.last_update_at
        ? {
            tekst: r.last_update_text,
            auteurNaam: r.last_update_by ?? '',
            tijd: new Date(r.last_update_at).toISOString(),
            status: r.last_update_status ?? r.status,
          }
        : null,
  };
}

/** The three screens of DESIGN.md: "wie doet wat", "mijn acties" and "regie op regie". */
@Injectable()
export class ViewsService {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly households: HouseholdsRepository,
    private readonly search: HouseholdSearchRepository,
    private readonly policy: HouseholdAccessPolicy,
  ) {}

  async myActions(user: UserEntity): Promise<ActionRowDto[]> {
    const today = todayInNL();
    return (await this.readModel.myOpenActions(user.id)).map((r) => actionDto(r, today));
  }

  /**
   * Per visible household: regie, team and every action with owner and last
   * terugkoppeling. Across households: the list filters, sort and paging,
   * in SQL (`total` counts every match); closed households left out.
   */
  async wieDoetWat(
    user: UserEntity,
    householdId?: string,
    query: Partial<HouseholdListQuery> = {},
  ): Promise<WieDoetWatDto[] & { total?: number }> {
    let visible: { id: string; displayName: string; reference: string; phase: Phase }[];
    let total: number;
    if (householdId) {
      const access = await this.policy.access(user, householdId);
      const h = access ? await this.households.findById(householdId) : null;
      if (!h) throw new SpilError('household.not_found');
      visible = [h];
      total = 1;
    } else {
      const found = await this.search.search(user, { ...query, withoutClosed: true }, todayInNL());
      visible = found.rows.map((r) => ({
        id: r.id,
        displayName: r.display_name,
        reference: r.reference,
        phase: r.phase,
      }));
      total = found.total;
    }
    const ids = visible.map((h) => h.id);
    const [teams, regie, actions] = await Promise.all([
      this.households.teams(ids),
      this.households.regie(ids),
      this.readModel.actionsFor(ids),
    ]);
    const today = todayInNL();
    const out = visible.map((h) => {
      const r = regie.get(h.id);
      return {
        householdId: h.id,
        householdName: h.displayName,
        reference: h.reference,
        phase: h.phase,
        regie: r ? { userId: r.userId, name: r.name, since: r.since.toISOString() } : null,
        team: teams
          .filter(
            (t) =>
              t.membership.householdId === h.id &&
              (t.membership.role === 'lid' || t.membership.role === 'meelezer'),
          )
          .map((t) => ({
            userId: t.user.id,
            name: t.user.name,
            discipline: t.user.discipline,
            role: t.membership.role,
          })),
        actions: actions.filter((a) => a.household_id === h.id).map((a) => actionDto(a, today)),
      };
    });
    return Object.assign(out, { total });
  }

  /** The coördinator's overview of their wijkteam. */
  async regieOpRegie(
    user: UserEntity,
    stalledDays: number,
    listLimit?: number,
  ): Promise<RegieOverzichtDto> {
    if (user.systemRole !== 'coordinator' || !user.wijkteamId)
      throw new SpilError('auth.forbidden');
    const wijkteamId = user.wijkteamId;
    const today = todayInNL();
    const scope = { ownWijkteamOnly: true, withoutClosed: true, limit: listLimit } as const;
    const [withoutRegie, stalled, overdue, workload] = await Promise.all([
      this.search.search(user, { ...scope, regiehouder: 'geen' }, today),
      this.search.search(user, { ...scope, stalledSince: stalledCutoff(stalledDays) }, today),
      this.readModel.overduePage(wijkteamId, today, listLimit),
      this.readModel.workload(wijkteamId, today),
    ]);
    const teams = await this.households.teams(withoutRegie.rows.map((h) => h.id));
    return {
      withoutRegie: withoutRegie.rows.map((h) => ({
        householdId: h.id,
        name: h.display_name,
        reference: h.reference,
        phase: h.phase,
        team: teams
          .filter((t) => t.membership.householdId === h.id && t.membership.role === 'lid')
          .map((t) => ({ userId: t.user.id, name: t.user.name, discipline: t.user.discipline })),
      })),
      stalled: stalled.rows.map((h) => ({
        householdId: h.id,
        name: h.display_name,
        lastTerugkoppeling: h.last_terugkoppeling?.toISOString() ?? null,
        regieName: h.regie_name,
      })),
      overdue: overdue.rows.map((r) => actionDto(r, today)),
      stalledDays,
      counts: { withoutRegie: withoutRegie.total, stalled: stalled.total, overdue: overdue.total },
      workload: workload.map((w) => ({
        userId: w.user_id,
        name: w.name,
        discipline: w.discipline as RegieOverzichtDto['workload'][number]['discipline'],
        openActions: Number(w.open_actions),
        overdueActions: Number(w.overdue_actions),
        regieCount: Number(w.regie_count),
      })),
    };
  }

  /** Regie op regie as a table: the wijkteam's households with filters and paging, and who can hold regie. */
  async regieHouseholds(
    user: UserEntity,
    q: RegieHouseholdsQuery,
    stalledDays: number,
  ): Promise<{ items: RegieHouseholdRowDto[]; total: number }> {
    if (user.systemRole !== 'coordinator' || !user.wijkteamId)
      throw new SpilError('auth.forbidden');
    const cutoff = stalledCutoff(stalledDays);
    const { rows, total } = await this.search.search(
      user,
      {
        ...q,
        ownWijkteamOnly: true,
        withoutClosed: true,
        stalledSince: q.vastgelopen ? cutoff : undefined,
      },
      todayInNL(),
    );
    const teams = await this.households.teams(rows.map((h) => h.id));
    return {
      total,
      items: rows.map((h) => ({
        household: householdSummary(h),
        candidates: teams
          .filter((t) => t.membership.householdId === h.id && t.membership.role === 'lid')
          .map((t) => ({ userId: t.user.id, name: t.user.name, discipline: t.user.discipline })),
        openActions: h.open_actions,
        lastTerugkoppeling: h.last_terugkoppeling?.toISOString() ?? null,
        stalled: isStalled(h, cutoff),
      })),
    };
  }
}

/** The moment before which the last terugkoppeling makes a household "vastgelopen". */
export function stalledCutoff(stalledDays: number, now = Date.now()): Date {
  return new Date(now - stalledDays * 86400_000);
}

/** In uitvoering, with open actions, registered before the cutoff and no terugkoppeling since. */
export function isStalled(h: HouseholdSearchRow, cutoff: Date): boolean {
  return (
    h.phase === 'uitvoering' &&
    h.open_actions > 0 &&
    h.created_at < cutoff &&
    (!h.last_terugkoppeling || h.last_terugkoppeling < cutoff)
  );
}
