import { Injectable } from '@nestjs/common';
import {
  isOverdue,
  type ActionRowDto,
  type RegieOverzichtDto,
  type WieDoetWatDto,
} from '@spil/shared';
import { SpilError } from '../common/errors';
import { HouseholdAccessPolicy } from '../modules/households/household-access.policy';
import { HouseholdsRepository } from '../modules/households/households.repository';
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
    private readonly policy: HouseholdAccessPolicy,
  ) {}

  async myActions(user: UserEntity): Promise<ActionRowDto[]> {
    const today = todayInNL();
    return (await this.readModel.myOpenActions(user.id)).map((r) => actionDto(r, today));
  }

  /** Per visible household: regie, team and every action with owner and last terugkoppeling. */
  async wieDoetWat(user: UserEntity, householdId?: string): Promise<WieDoetWatDto[]> {
    let visible;
    if (householdId) {
      const access = await this.policy.access(user, householdId);
      const h = access ? await this.households.findById(householdId) : null;
      if (!h) throw new SpilError('household.not_found');
      visible = [h];
    } else {
      visible = (await this.households.listVisible(user)).filter((h) => h.phase !== 'afgesloten');
    }
    const ids = visible.map((h) => h.id);
    const [teams, regie, actions] = await Promise.all([
      this.households.teams(ids),
      this.households.regie(ids),
      this.readModel.actionsFor(ids),
    ]);
    const today = todayInNL();
    return visible.map((h) => {
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
  }

  /** The coördinator's overview of their wijkteam. */
  async regieOpRegie(user: UserEntity, stalledDays: number): Promise<RegieOverzichtDto> {
    if (user.systemRole !== 'coordinator' || !user.wijkteamId)
      throw new SpilError('auth.forbidden');
    const wijkteamId = user.wijkteamId;
    const today = todayInNL();
    const households = (await this.households.listVisible(user)).filter(
      (h) => h.wijkteamId === wijkteamId && h.phase !== 'afgesloten',
    );
    const ids = households.map((h) => h.id);
    const [regie, teams, last, overdue, workload] = await Promise.all([
      this.households.regie(ids),
      this.households.teams(ids),
      this.readModel.lastTerugkoppeling(wijkteamId),
      this.readModel.overdueInWijkteam(wijkteamId, today),
      this.readModel.workload(wijkteamId, today),
    ]);
    const lastBy = new Map(
      last.map((l) => [l.household_id, l.last_at ? new Date(l.last_at) : null]),
    );
    const cutoff = Date.now() - stalledDays * 86400_000;
    return {
      withoutRegie: households
        .filter((h) => !regie.has(h.id))
        .map((h) => ({
          householdId: h.id,
          name: h.displayName,
          reference: h.reference,
          phase: h.phase,
          team: teams
            .filter((t) => t.membership.householdId === h.id && t.membership.role === 'lid')
            .map((t) => ({ userId: t.user.id, name: t.user.name, discipline: t.user.discipline })),
        })),
      stalled: households
        .filter((h) => {
          const l = lastBy.get(h.id);
          return !l || l.getTime() < cutoff;
        })
        .map((h) => ({
          householdId: h.id,
          name: h.displayName,
          lastTerugkoppeling: lastBy.get(h.id)?.toISOString() ?? null,
          regieName: regie.get(h.id)?.name ?? null,
        })),
      overdue: overdue.map((r) => actionDto(r, today)),
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
}
