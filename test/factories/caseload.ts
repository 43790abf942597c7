/**
 * A large caseload in one wijkteam, written straight into the tables (the
 * read model of actions included) so that lists, filters and benchmarks have
 * hundreds of households. Made-up names only.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PHASES } from '@spil/shared';

const FIRST_NAMES = [
  'Noor',
  'Daan',
  'Sem',
  'Lotte',
  'Yara',
  'Milan',
  'Fenna',
  'Luuk',
  'Saar',
  'Bram',
];
const WIJKEN = ['Spilwijk-Oost', 'Spilwijk-West', 'Haventje', 'Oude Dorp'];
const STATUSES = ['open', 'bezig', 'geblokkeerd', 'gereed'] as const;

export interface CaseloadOptions {
  wijkteamId: string;
  /** Number of households. */
  households: number;
  /** Actions per household, spread evenly (total = households × this). */
  actionsPerHousehold: number;
  /** Professionals who own actions and hold regie, in turn. */
  professionals: string[];
  /** Prefix of the names and references, so tests can find their own. */
  prefix: string;
  /** Put every `everyNthOnTeam`-th household on the team of `professionals[0]` (default: none). */
  everyNthOnTeam?: number;
  /** Registered this long ago (ms); default 90 days. */
  registeredAgoMs?: number;
}

function dateDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}

/** Inserts in batches; returns the household ids in order of their number (1..n). */
export async function seedCaseload(ds: DataSource, o: CaseloadOptions): Promise<string[]> {
  const ids: string[] = [];
  const registered = new Date(Date.now() - (o.registeredAgoMs ?? 90 * 86400_000));
  const coordinator = o.professionals[0] as string;
  for (let start = 0; start < o.households; start += 200) {
    const end = Math.min(o.households, start + 200);
    const h: unknown[][] = [];
    const members: unknown[][] = [];
    const team: unknown[][] = [];
    const regie: unknown[][] = [];
    const actions: unknown[][] = [];
    for (let i = start; i < end; i++) {
      const n = i + 1;
      const id = randomUUID();
      ids.push(id);
      const phase = PHASES[n % (PHASES.length - 1)] as string; // never afgesloten
      h.push([
        id,
        `${o.prefix}-${n}`,
        `${o.prefix} ${n}`,
        WIJKEN[n % WIJKEN.length],
        phase,
        o.wijkteamId,
        registered,
      ]);
      members.push([
        randomUUID(),
        id,
        FIRST_NAMES[n % FIRST_NAMES.length],
        1980 + (n % 30),
        'ouder',
      ]);
      const owner = o.professionals[n % o.professionals.length] as string;
      team.push([randomUUID(), id, owner, 'lid', registered]);
      if (o.everyNthOnTeam && n % o.everyNthOnTeam === 0 && owner !== o.professionals[0])
        team.push([randomUUID(), id, o.professionals[0], 'lid', registered]);
      if (n % 5 !== 0) regie.push([randomUUID(), id, owner, coordinator, 'Verdeling', registered]);
      for (let a = 0; a < o.actionsPerHousehold; a++) {
        const status = STATUSES[(n + a) % STATUSES.length] as string;
        actions.push([
          id,
          randomUUID(),
          `Actie ${a + 1} voor ${o.prefix} ${n}`,
          owner,
          dateDaysFromNow(((n + a) % 40) - 20),
          status,
          a % 2 === 0 ? 'Gesprek gevoerd, loopt.' : null,
          a % 2 === 0 ? 'Testpersoon' : null,
          a % 2 === 0 ? status : null,
          a % 2 === 0 ? new Date(Date.now() - ((n * 7 + a) % 60) * 86400_000) : null,
        ]);
      }
    }
    await insert(
      ds,
      'household',
      ['id', 'reference', 'display_name', 'wijk', 'phase', 'wijkteam_id', 'created_at'],
      h,
    );
    await insert(
      ds,
      'household_member',
      ['id', 'household_id', 'first_name', 'birth_year', 'relation'],
      members,
    );
    await insert(ds, 'team_membership', ['id', 'household_id', 'user_id', 'role', 'since'], team);
    await insert(
      ds,
      'regie_assignment',
      ['id', 'household_id', 'user_id', 'assigned_by', 'reason', 'since'],
      regie,
    );
    for (let k = 0; k < actions.length; k += 500)
      await insert(
        ds,
        'plan_action',
        [
          'household_id',
          'id',
          'titel',
          'eigenaar_id',
          'deadline',
          'status',
          'last_update_text',
          'last_update_by',
          'last_update_status',
          'last_update_at',
        ],
        actions.slice(k, k + 500),
      );
  }
  return ids;
}

async function insert(
  ds: DataSource,
  table: string,
  cols: string[],
  rows: unknown[][],
): Promise<void> {
  if (!rows.length) return;
  const params: unknown[] = [];
  const values = rows.map(
    (r) =>
      `(${r
        .map((v) => {
          params.push(v);
          return `$${params.length}`;
        })
        .join(',')})`,
  );
  await ds.query(
    `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(',')}) VALUES ${values.join(',')}`,
    params,
  );
}
