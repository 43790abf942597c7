/**
 * The caseload at scale: search, filters, sort and paging of households, the
 * same for every list of households (Mijn huishoudens, Regie op regie, Mijn
 * acties, Wie doet wat). The server answers with a JSON array and the total
 * in the `X-Total-Count` header.
 */
import { z } from 'zod';
import { HouseholdSummaryDto } from './api';
import { DISCIPLINES, PHASES } from './domain';
import { COLOURS } from './proces';

export const HOUSEHOLD_SORTS = ['naam', 'activiteit', 'fase'] as const;
export type HouseholdSort = (typeof HOUSEHOLD_SORTS)[number];
export const HOUSEHOLD_SORT_LABELS: Record<HouseholdSort, string> = {
  naam: 'Naam',
  activiteit: 'Laatste activiteit',
  fase: 'Fase',
};

/** The header with the number of matches before paging. */
export const TOTAL_COUNT_HEADER = 'X-Total-Count';

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 200;

/** `true`/`false` in a query string (a missing parameter is no filter). */
const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const HouseholdFilters = z.object({
  /** Search in name, reference, wijk and the first names of members. */
  q: z.string().trim().max(100).optional(),
  phase: z.enum(PHASES).optional(),
  /** A colour, or `geen` for households without a quickscan colour yet. */
  colour: z.enum([...COLOURS, 'geen']).optional(),
  /** A regiehouder's user id, or `geen` for households without one. */
  regiehouder: z.union([z.uuid(), z.literal('geen')]).optional(),
  /** `mine`: households on whose casus team I am; `all`: everything I may see (a coördinator: the wijkteam). */
  scope: z.enum(['mine', 'all']).default('all'),
  /** Only households with open actions past their due date. */
  overdue: Flag.optional(),
  /** Only households with an open escalation. */
  escalation: Flag.optional(),
});
export type HouseholdFilters = z.infer<typeof HouseholdFilters>;

export const Paging = z.object({
  /** No limit: every match (what clients before paging received). */
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const HouseholdListQuery = HouseholdFilters.extend({
  sort: z.enum(HOUSEHOLD_SORTS).default('naam'),
}).extend(Paging.shape);
export type HouseholdListQuery = z.infer<typeof HouseholdListQuery>;
/** What a client sends (query-string values before parsing). */
export type HouseholdListParams = Omit<z.input<typeof HouseholdListQuery>, 'limit' | 'offset'> & {
  limit?: number;
  offset?: number;
};

/* ---------- Regie op regie at scale ---------- */

export const RegieHouseholdsQuery = HouseholdListQuery.extend({
  /** Only "vastgelopen" households (see `stalled` below). */
  vastgelopen: Flag.optional(),
  /** Days without terugkoppeling after which a household counts as vastgelopen (default: the server's setting). */
  stalledDays: z.coerce.number().int().min(1).max(365).optional(),
});
export type RegieHouseholdsQuery = z.infer<typeof RegieHouseholdsQuery>;
export type RegieHouseholdsParams = HouseholdListParams & {
  vastgelopen?: 'true' | 'false';
  stalledDays?: number;
};

export const RegieHouseholdRowDto = z.object({
  household: HouseholdSummaryDto,
  /** Team members with role `lid`: who can be given regie. */
  candidates: z.array(
    z.object({ userId: z.uuid(), name: z.string(), discipline: z.enum(DISCIPLINES) }),
  ),
  openActions: z.number().int(),
  lastTerugkoppeling: z.string().nullable(),
  /** In uitvoering, with open actions, and no terugkoppeling for `stalledDays` (never a household registered since then). */
  stalled: z.boolean(),
});
export type RegieHouseholdRowDto = z.infer<typeof RegieHouseholdRowDto>;

export const BulkAssignRegieRequest = z.object({
  householdIds: z.array(z.uuid()).min(1).max(100),
  userId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});
export type BulkAssignRegieRequest = z.infer<typeof BulkAssignRegieRequest>;

export const BulkAssignRegieResult = z.object({
  assigned: z.array(z.uuid()),
  /** Households not assigned, with the reason in the catalogue's words (e.g. not a `lid` of that team). */
  refused: z.array(z.object({ householdId: z.uuid(), code: z.string(), message: z.string() })),
});
export type BulkAssignRegieResult = z.infer<typeof BulkAssignRegieResult>;
