import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  PHASES,
  type Colour,
  type HouseholdFilters,
  type HouseholdSort,
  type Phase,
  type TeamRole,
} from '@spil/shared';
import type { UserEntity } from '../users/user.entity';

/** One household of a search, with what the lists show of it. */
export interface HouseholdSearchRow {
  id: string;
  reference: string;
  display_name: string;
  wijk: string;
  phase: Phase;
  wijkteam_id: string;
  created_at: Date;
  colour: Colour | null;
  regie_user_id: string | null;
  regie_name: string | null;
  regie_since: Date | null;
  team_size: number;
  my_role: TeamRole | null;
  overdue_actions: number;
  open_actions: number;
  open_escalation: boolean;
  last_activity: Date;
  last_terugkoppeling: Date | null;
}

export interface HouseholdSearch extends Partial<HouseholdFilters> {
  sort?: HouseholdSort;
  limit?: number;
  offset?: number;
  /** Leave out closed households (the views of current work). */
  withoutClosed?: boolean;
  /** Only households of the coördinator's own wijkteam (Regie op regie). */
  ownWijkteamOnly?: boolean;
  /** "Vastgelopen": in uitvoering, open actions, no terugkoppeling since this time, registered before it. */
  stalledSince?: Date;
}

const OPEN = `('open','bezig','geblokkeerd')`;

/** The inwoner and naasten: they see their own household, never its process. */
export function isHouseholdSide(user: Pick<UserEntity, 'systemRole'>): boolean {
  return user.systemRole === 'inwoner' || user.systemRole === 'naaste';
}

/** `%` and `_` are text in a search, not patterns. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A key that sorts names naturally: every run of digits padded to 20, the
 * rest lower case, so "Huishouden 2" comes before "Huishouden 10".
 */
const NATURAL_NAME = `(SELECT string_agg(CASE WHEN x.p[1] ~ '^[0-9]' THEN lpad(x.p[1], 20, '0') ELSE lower(x.p[1]) END, '' ORDER BY x.o)
    FROM regexp_matches(h.display_name, '[0-9]+|[^0-9]+', 'g') WITH ORDINALITY AS x(p, o))`;

const PHASE_ORDER = `array_position(ARRAY[${PHASES.map((p) => `'${p}'`).join(',')}]::text[], h.phase)`;

/**
 * Households a user may see, searched, filtered, sorted and paged in SQL:
 * need-to-know is part of the WHERE clause, never a filter after fetching.
 * Visible are households with an open team membership of the user, and for a
 * coördinator those of their wijkteam.
 */
@Injectable()
export class HouseholdSearchRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async search(
    user: UserEntity,
    s: HouseholdSearch,
    today: string,
  ): Promise<{ rows: HouseholdSearchRow[]; total: number }> {
    // The process (colour, escalations) is for professionals only: the household's own people
    // can neither filter on it nor read it (see `householdSummary`).
    if (isHouseholdSide(user)) s = { ...s, colour: undefined, escalation: undefined };
    const params: unknown[] = [user.id, today];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    const member = `EXISTS (SELECT 1 FROM team_membership m WHERE m.household_id = h.id AND m.user_id = $1 AND m.ended_at IS NULL)`;
    const coordinatorOf =
      user.systemRole === 'coordinator' && user.wijkteamId ? user.wijkteamId : null;
    const where: string[] = [];
    if (s.ownWijkteamOnly) {
      where.push(coordinatorOf ? `h.wijkteam_id = ${p(coordinatorOf)}` : 'false');
      if (s.scope === 'mine') where.push(member);
    } else if (s.scope === 'mine' || !coordinatorOf) {
      where.push(member);
    } else {
      where.push(`(${member} OR h.wijkteam_id = ${p(coordinatorOf)})`);
    }
    if (s.withoutClosed) where.push(`h.phase <> 'afgesloten'`);
    if (s.phase) where.push(`h.phase = ${p(s.phase)}`);
    if (s.colour === 'geen') where.push(`cc.colour IS NULL`);
    else if (s.colour) where.push(`cc.colour = ${p(s.colour)}`);
    if (s.regiehouder === 'geen') where.push(`r.user_id IS NULL`);
    else if (s.regiehouder) where.push(`r.user_id = ${p(s.regiehouder)}`);
    const overdue = `EXISTS (SELECT 1 FROM plan_action a WHERE a.household_id = h.id AND a.status IN ${OPEN} AND a.deadline < $2::date)`;
    if (s.overdue === true) where.push(overdue);
    if (s.overdue === false) where.push(`NOT ${overdue}`);
    const escalation = `EXISTS (SELECT 1 FROM escalation e WHERE e.household_id = h.id AND e.closed_at IS NULL)`;
    if (s.escalation === true) where.push(escalation);
    if (s.escalation === false) where.push(`NOT ${escalation}`);
    if (s.q) {
      const like = p(likePattern(s.q));
      where.push(`(h.display_name ILIKE ${like} OR h.reference ILIKE ${like} OR h.wijk ILIKE ${like}
        OR EXISTS (SELECT 1 FROM household_member hm WHERE hm.household_id = h.id AND hm.first_name ILIKE ${like}))`);
    }
    if (s.stalledSince) {
      const since = p(s.stalledSince);
      where.push(`h.phase = 'uitvoering' AND h.created_at < ${since}
        AND EXISTS (SELECT 1 FROM plan_action a WHERE a.household_id = h.id AND a.status IN ${OPEN})
        AND NOT EXISTS (SELECT 1 FROM plan_action a WHERE a.household_id = h.id AND a.last_update_at >= ${since})`);
    }

    const joins = `FROM household h
      LEFT JOIN LATERAL (SELECT c.colour, c.changed_at FROM colour_change c
                          WHERE c.household_id = h.id ORDER BY c.changed_at DESC LIMIT 1) cc ON true
      LEFT JOIN regie_assignment r ON r.household_id = h.id AND r.ended_at IS NULL`;
    const filter = `WHERE ${where.join('\n        AND ')}`;

    const lastActivity = `GREATEST(h.created_at, la.last_tk, r.since, cc.changed_at)`;
    const order =
      s.sort === 'activiteit'
        ? `${lastActivity} DESC, ${NATURAL_NAME} ASC, h.id`
        : s.sort === 'fase'
          ? `${PHASE_ORDER} ASC, ${NATURAL_NAME} ASC, h.id`
          : `${NATURAL_NAME} ASC, h.id`;
    const limit = s.limit !== undefined ? `LIMIT ${p(s.limit)}` : '';
    const offset = s.offset ? `OFFSET ${p(s.offset)}` : '';

    // Two steps: find, count, sort and page on the ids alone; then read what the lists show
    // for the rows of the page only (a window function would compute it for every match).
    const raw = await this.ds.query<(HouseholdSearchRow & { total: string })[]>(
      `WITH page AS (
         SELECT h.id, count(*) OVER () AS total, row_number() OVER (ORDER BY ${order}) AS n
           ${joins}
           ${s.sort === 'activiteit' ? 'LEFT JOIN LATERAL (SELECT max(a.last_update_at) AS last_tk FROM plan_action a WHERE a.household_id = h.id) la ON true' : ''}
           ${filter}
          ORDER BY ${order}
          ${limit} ${offset}
       )
       SELECT h.id, h.reference, h.display_name, h.wijk, h.phase, h.wijkteam_id, h.created_at,
              cc.colour, r.user_id AS regie_user_id, ru.name AS regie_name, r.since AS regie_since,
              (SELECT count(*)::int FROM team_membership m WHERE m.household_id = h.id AND m.ended_at IS NULL) AS team_size,
              (SELECT m.role FROM team_membership m WHERE m.household_id = h.id AND m.user_id = $1 AND m.ended_at IS NULL) AS my_role,
              act.overdue_actions, act.open_actions, act.last_terugkoppeling,
              EXISTS (SELECT 1 FROM escalation e WHERE e.household_id = h.id AND e.closed_at IS NULL) AS open_escalation,
              GREATEST(h.created_at, act.last_terugkoppeling, r.since, cc.changed_at) AS last_activity,
              page.total
         FROM page JOIN household h ON h.id = page.id
         LEFT JOIN LATERAL (SELECT c.colour, c.changed_at FROM colour_change c
                             WHERE c.household_id = h.id ORDER BY c.changed_at DESC LIMIT 1) cc ON true
         LEFT JOIN regie_assignment r ON r.household_id = h.id AND r.ended_at IS NULL
         LEFT JOIN app_user ru ON ru.id = r.user_id
         LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE a.status IN ${OPEN} AND a.deadline < $2::date)::int AS overdue_actions,
                                   count(*) FILTER (WHERE a.status IN ${OPEN})::int AS open_actions,
                                   max(a.last_update_at) AS last_terugkoppeling
                              FROM plan_action a WHERE a.household_id = h.id) act ON true
        ORDER BY page.n`,
      params,
    );
    let total = raw.length ? Number(raw[0]?.total) : 0;
    if (!raw.length && s.offset) {
      // A page past the end: the total still counts.
      const [c] = await this.ds.query<{ n: string }[]>(
        // The CTE names the types of $1 and $2, which the filter may not use.
        `WITH p AS (SELECT $1::uuid AS uid, $2::date AS today) SELECT count(*) AS n ${joins} ${filter}`,
        params.slice(0, params.length - (s.limit !== undefined ? 2 : 1)),
      );
      total = Number(c?.n ?? 0);
    }
    const rows = raw.map((r) => ({
      ...r,
      created_at: new Date(r.created_at),
      regie_since: r.regie_since ? new Date(r.regie_since) : null,
      last_activity: new Date(r.last_activity),
      last_terugkoppeling: r.last_terugkoppeling ? new Date(r.last_terugkoppeling) : null,
      team_size: Number(r.team_size),
      overdue_actions: Number(r.overdue_actions),
      open_actions: Number(r.open_actions),
    }));
    return { rows, total };
  }
}
