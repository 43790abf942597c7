/**
 * Search, filters, sort and page of a list of households, kept in the URL
 * (Dutch parameter names) so a list can be bookmarked, shared and reloaded.
 * The same filters serve Mijn huishoudens, Regie op regie, Mijn acties and
 * Wie doet wat; each page sends them to the server, which filters in SQL.
 */
import {
  COLOURS,
  HOUSEHOLD_SORTS,
  type HouseholdListParams,
  type HouseholdSort,
  PHASES,
  type Phase,
} from '@spil/shared';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface HouseholdFilterState {
  zoek: string;
  fase: Phase | '';
  kleur: (typeof COLOURS)[number] | 'geen' | '';
  /** A regiehouder's user id, `geen`, or '' for all. */
  regiehouder: string;
  /** Only the households on whose casus team I am. */
  mijn: boolean;
  achterstand: boolean;
  escalatie: boolean;
  sorteer: HouseholdSort;
  /** 1-based. */
  pagina: number;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | '' =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : '';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters in a URL; anything unknown or malformed counts as no filter. */
export function filtersFromSearch(sp: URLSearchParams): HouseholdFilterState {
  const regie = sp.get('regiehouder') ?? '';
  const page = Number(sp.get('pagina'));
  return {
    zoek: (sp.get('zoek') ?? '').slice(0, 100),
    fase: oneOf(PHASES, sp.get('fase')),
    kleur: oneOf([...COLOURS, 'geen'] as const, sp.get('kleur')),
    regiehouder: regie === 'geen' || UUID.test(regie) ? regie : '',
    mijn: sp.get('mijn') === 'ja',
    achterstand: sp.get('achterstand') === 'ja',
    escalatie: sp.get('escalatie') === 'ja',
    sorteer: oneOf(HOUSEHOLD_SORTS, sp.get('sorteer')) || 'naam',
    pagina: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Written back into a URL: defaults are left out, so a plain list has a plain address. */
export function searchFromFilters(
  f: HouseholdFilterState,
  base = new URLSearchParams(),
): URLSearchParams {
  const sp = new URLSearchParams(base);
  const set = (k: string, v: string | false) => (v ? sp.set(k, v) : sp.delete(k));
  set('zoek', f.zoek.trim());
  set('fase', f.fase);
  set('kleur', f.kleur);
  set('regiehouder', f.regiehouder);
  set('mijn', f.mijn && 'ja');
  set('achterstand', f.achterstand && 'ja');
  set('escalatie', f.escalatie && 'ja');
  set('sorteer', f.sorteer !== 'naam' && f.sorteer);
  set('pagina', f.pagina > 1 && String(f.pagina));
  return sp;
}

/** The API's query for one page of these filters. */
export function toListParams(f: HouseholdFilterState, pageSize: number): HouseholdListParams {
  return {
    q: f.zoek.trim() || undefined,
    phase: f.fase || undefined,
    colour: f.kleur || undefined,
    regiehouder: f.regiehouder || undefined,
    scope: f.mijn ? 'mine' : undefined,
    overdue: f.achterstand ? 'true' : undefined,
    escalation: f.escalatie ? 'true' : undefined,
    sort: f.sorteer === 'naam' ? undefined : f.sorteer,
    limit: pageSize,
    offset: (f.pagina - 1) * pageSize || undefined,
  };
}

/** Any filter set (the search included)? */
export function isFiltered(f: HouseholdFilterState): boolean {
  return !!(
    f.zoek.trim() ||
    f.fase ||
    f.kleur ||
    f.regiehouder ||
    f.mijn ||
    f.achterstand ||
    f.escalatie
  );
}

/**
 * The filters of the current URL and a setter. A change of filter goes back
 * to page 1; other parameters in the URL (a view, a tab) stay.
 */
export function useHouseholdFilters(): [
  HouseholdFilterState,
  (patch: Partial<HouseholdFilterState>) => void,
] {
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(sp), [sp]);
  const update = useCallback(
    (patch: Partial<HouseholdFilterState>) => {
      setSp((prev) => {
        const current = filtersFromSearch(prev);
        const next = { ...current, ...patch, pagina: patch.pagina ?? 1 };
        return searchFromFilters(next, prev);
      });
    },
    [setSp],
  );
  return [filters, update];
}
