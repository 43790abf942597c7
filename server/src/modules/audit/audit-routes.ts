/**
 * Which REST calls touch household data, and how they are recorded: action
 * code by method, the part of the household by the path segment after the
 * household id. Pure, so the mapping is tested without a server.
 */
import type { AuditAction, AuditPart } from '@spil/shared';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID_RE.test(v);
}

/** The first path segment after `/api/households/:id`, mapped to the part of the household it concerns. */
const PART_BY_SEGMENT: Record<string, AuditPart> = {
  team: 'team',
  regie: 'regie',
  meetings: 'overleg',
  overleg: 'overleg',
  consent: 'toestemming',
  consents: 'toestemming',
  toestemming: 'toestemming',
  zrm: 'zrm',
  quickscan: 'quickscan',
  colour: 'quickscan',
  escalations: 'escalatie',
  evaluations: 'evaluatie',
  evaluation: 'evaluatie',
  close: 'evaluatie',
  reopen: 'evaluatie',
  afsluiten: 'evaluatie',
  heropenen: 'evaluatie',
  'wie-doet-wat': 'acties',
  actions: 'acties',
  acties: 'acties',
  export: 'export',
  fhir: 'export',
  plan: 'plan',
  doelen: 'doelen',
  effects: 'evaluatie',
  effecten: 'evaluatie',
  'mijn-plan': 'plan',
  voorzieningen: 'voorzieningen',
  budget: 'voorzieningen',
  'mijn-hulp': 'voorzieningen',
  'voorziening-koppelingen': 'voorzieningen',
};

/** Parts of the cross-household routes under `/api/me/...` and `/api/regie/...`. */
const PART_BY_ME_SEGMENT: Record<string, AuditPart> = {
  actions: 'acties',
  'wie-doet-wat': 'acties',
  'meetings.ics': 'overleg',
  meetings: 'overleg',
  notifications: 'meldingen',
  overzicht: 'overzicht',
};

export function actionOf(method: string): AuditAction {
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
      return 'R';
    case 'POST':
      return 'C';
    case 'PUT':
    case 'PATCH':
      return 'U';
    case 'DELETE':
      return 'D';
    default:
      return 'E';
  }
}

const VERB: Record<AuditAction, string> = {
  C: 'create',
  R: 'read',
  U: 'update',
  D: 'delete',
  E: 'execute',
};

export function eventName(part: AuditPart, action: AuditAction): string {
  return `${part}.${VERB[action]}`;
}

export type RouteKind =
  /** One household: `/api/households/:id/...`. */
  | 'household'
  /** The household list, one record per household listed. */
  | 'household-list'
  /** A new household: the subject is the id in the response. */
  | 'household-create'
  /** Cross-household views: one record per household found in the response. */
  | 'cross'
  | 'login'
  | 'logout';

export interface RouteAudit {
  kind: RouteKind;
  action: AuditAction;
  part: AuditPart;
  event: string;
  householdId: string | null;
}

function partAfterHousehold(segments: string[]): AuditPart {
  const seg = segments[0];
  if (seg === undefined || seg === '') return 'huishouden';
  return PART_BY_SEGMENT[seg] ?? 'overig';
}

/**
 * Classify a request by its path, which may be the route template
 * (`/api/households/:id/team`) with params, or the raw path. Null: not
 * household data and not a login, so not recorded.
 */
export function classifyRequest(
  method: string,
  path: string,
  params: Record<string, unknown> = {},
): RouteAudit | null {
  const clean = path.split('?')[0]?.replace(/\/+$/, '') ?? '';
  const segments = clean.split('/').filter(Boolean);
  if (segments[0] !== 'api') return null;
  const [, area, second, ...rest] = segments;
  const action = actionOf(method);
  if (area === 'auth') {
    if (second === 'login' && action === 'C')
      return { kind: 'login', action: 'E', part: 'overig', event: 'auth.login', householdId: null };
    if (second === 'logout' && action === 'C')
      return {
        kind: 'logout',
        action: 'E',
        part: 'overig',
        event: 'auth.logout',
        householdId: null,
      };
    return null;
  }
  if (area === 'households') {
    if (second === undefined) {
      if (action === 'R')
        return {
          kind: 'household-list',
          action,
          part: 'overzicht',
          event: 'overzicht.read',
          householdId: null,
        };
      return {
        kind: 'household-create',
        action,
        part: 'huishouden',
        event: eventName('huishouden', action),
        householdId: null,
      };
    }
    const id = second === ':id' ? params.id : second;
    const part = partAfterHousehold(rest);
    return {
      kind: 'household',
      action,
      part,
      event: eventName(part, action),
      householdId: isUuid(id) ? id.toLowerCase() : null,
    };
  }
  if (area === 'audit' || (area === 'me' && second === 'access-log')) {
    return {
      kind: 'cross',
      action,
      part: 'logboek',
      event: eventName('logboek', action),
      householdId: null,
    };
  }
  if (area === 'me' || area === 'regie') {
    if (second === undefined) return null;
    const part =
      PART_BY_ME_SEGMENT[second] ?? PART_BY_ME_SEGMENT[rest[rest.length - 1] ?? ''] ?? 'overig';
    return { kind: 'cross', action, part, event: eventName(part, action), householdId: null };
  }
  return null;
}

/**
 * Household ids in a response body: every `householdId` field, and for the
 * household list the items' `id`. Bounded, so a huge body cannot stall a request.
 */
export function householdIdsIn(body: unknown, opts: { listIds?: boolean } = {}): string[] {
  const found = new Set<string>();
  let budget = 20_000;
  const walk = (v: unknown, depth: number): void => {
    if (budget-- <= 0 || depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const item of v) {
        if (
          opts.listIds &&
          depth === 0 &&
          item &&
          typeof item === 'object' &&
          isUuid((item as { id?: unknown }).id)
        ) {
          found.add((item as { id: string }).id.toLowerCase());
        }
        walk(item, depth + 1);
      }
      return;
    }
    for (const [k, val] of Object.entries(v)) {
      if (k === 'householdId' && isUuid(val)) found.add(val.toLowerCase());
      else walk(val, depth + 1);
    }
  };
  walk(body, 0);
  return [...found];
}
