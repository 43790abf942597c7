import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlanActionEntity } from './plan-action.entity';

export interface ActionRow {
  household_id: string;
  household_name: string;
  id: string;
  titel: string;
  eigenaar_id: string | null;
  eigenaar_naam: string | null;
  /** The owner has an open membership on the household's team. */
  eigenaar_in_team: boolean;
  deadline: string | null;
  status: PlanActionEntity['status'];
  domein: PlanActionEntity['domein'];
  last_update_text: string | null;
  last_update_by: string | null;
  last_update_status: PlanActionEntity['status'] | null;
  last_update_at: Date | null;
}

const OPEN = `('open','bezig','geblokkeerd')`;

const SELECT_ACTIONS = `
  SELECT a.household_id, h.display_name AS household_name, a.id, a.titel, a.eigenaar_id,
         u.name AS eigenaar_naam,
         EXISTS (SELECT 1 FROM team_membership m WHERE m.household_id = a.household_id
                 AND m.user_id = a.eigenaar_id AND m.ended_at IS NULL) AS eigenaar_in_team,
         to_char(a.deadline, 'YYYY-MM-DD') AS deadline, a.status, a.domein,
         a.last_update_text, a.last_update_by, a.last_update_status, a.last_update_at
    FROM plan_action a
    JOIN household h ON h.id = a.household_id
    LEFT JOIN app_user u ON u.id = a.eigenaar_id`;

/** Cross-household questions, answered from the projected actions. Callers pass only households the user may see. */
@Injectable()
export class ReadModelRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Replace one household's rows with a fresh projection, in one short
   * transaction. Returns the rows whose owner is new: set, and not the one
   * projected before (a new action with an owner counts). Projecting the same
   * plan again returns none, on any instance and after a restart.
   */
  replace(
    householdId: string,
    rows: Omit<PlanActionEntity, 'household'>[],
  ): Promise<Omit<PlanActionEntity, 'household'>[]> {
    return this.ds.transaction(async (em) => {
      // Instances project the same plan concurrently (start-up, cluster): one at a time per household.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('plan_action:' || $1))`, [householdId]);
      const before: { id: string; eigenaar_id: string | null }[] = await em.query(
        `SELECT id, eigenaar_id FROM plan_action WHERE household_id = $1`,
        [householdId],
      );
      const owners = new Map(before.map((r) => [r.id, r.eigenaar_id] as const));
      await em.delete(PlanActionEntity, { householdId });
      if (rows.length) await em.insert(PlanActionEntity, rows);
      return rows.filter((r) => r.eigenaarId !== null && owners.get(r.id) !== r.eigenaarId);
    });
  }

  /** Open actions owned by the user, in households where they are still on the team. */
  myOpenActions(userId: string): Promise<ActionRow[]> {
    return this.ds.query(
      `${SELECT_ACTIONS}
        WHERE a.eigenaar_id = $1 AND a.status IN ${OPEN}
          AND EXISTS (SELECT 1 FROM team_membership m WHERE m.household_id = a.household_id AND m.user_id = $1 AND m.ended_at IS NULL)
        ORDER BY a.deadline ASC NULLS LAST, a.titel ASC`,
      [userId],
    );
  }

  actionsFor(householdIds: string[]): Promise<ActionRow[]> {
    if (householdIds.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `${SELECT_ACTIONS} WHERE a.household_id = ANY($1::uuid[]) ORDER BY a.deadline ASC NULLS LAST, a.titel ASC`,
      [householdIds],
    );
  }

  overdueInWijkteam(wijkteamId: string, today: string): Promise<ActionRow[]> {
    return this.overduePage(wijkteamId, today).then((p) => p.rows);
  }

  /** Open actions past their date in the wijkteam, oldest date first; at most `limit`, with the count of all. */
  async overduePage(
    wijkteamId: string,
    today: string,
    limit?: number,
  ): Promise<{ rows: ActionRow[]; total: number }> {
    const where = `WHERE h.wijkteam_id = $1 AND h.phase <> 'afgesloten' AND a.status IN ${OPEN} AND a.deadline < $2::date`;
    const rows: ActionRow[] = await this.ds.query(
      `${SELECT_ACTIONS} ${where} ORDER BY a.deadline ASC${limit !== undefined ? ` LIMIT ${Number(limit)}` : ''}`,
      [wijkteamId, today],
    );
    if (limit === undefined || rows.length < limit) return { rows, total: rows.length };
    const [c] = await this.ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM plan_action a JOIN household h ON h.id = a.household_id ${where}`,
      [wijkteamId, today],
    );
    return { rows, total: Number(c?.n ?? rows.length) };
  }

  /** Per household of the wijkteam: the latest terugkoppeling (null when none). */
  lastTerugkoppeling(
    wijkteamId: string,
  ): Promise<{ household_id: string; last_at: Date | null }[]> {
    return this.ds.query(
      `SELECT h.id AS household_id, max(a.last_update_at) AS last_at
         FROM household h LEFT JOIN plan_action a ON a.household_id = h.id
        WHERE h.wijkteam_id = $1 AND h.phase <> 'afgesloten'
        GROUP BY h.id`,
      [wijkteamId],
    );
  }

  /** Open and overdue actions and regie count per professional of the wijkteam. */
  workload(
    wijkteamId: string,
    today: string,
  ): Promise<
    {
      user_id: string;
      name: string;
      discipline: string;
      open_actions: string;
      overdue_actions: string;
      regie_count: string;
    }[]
  > {
    return this.ds.query(
      `SELECT u.id AS user_id, u.name, u.discipline,
              (SELECT count(*) FROM plan_action a JOIN household h ON h.id = a.household_id
                WHERE a.eigenaar_id = u.id AND a.status IN ${OPEN} AND h.phase <> 'afgesloten') AS open_actions,
              (SELECT count(*) FROM plan_action a JOIN household h ON h.id = a.household_id
                WHERE a.eigenaar_id = u.id AND a.status IN ${OPEN} AND h.phase <> 'afgesloten' AND a.deadline < $2::date) AS overdue_actions,
              (SELECT count(*) FROM regie_assignment r WHERE r.user_id = u.id AND r.ended_at IS NULL) AS regie_count
         FROM app_user u
        WHERE u.wijkteam_id = $1 AND u.active AND u.system_role IN ('professional','coordinator')
        ORDER BY open_actions DESC, u.name ASC`,
      [wijkteamId, today],
    );
  }
}
