import {
  COLOUR_LABELS,
  COLOURS,
  HOUSEHOLD_SORT_LABELS,
  HOUSEHOLD_SORTS,
  type HouseholdSort,
  PHASE_LABELS,
  PHASES,
  type Phase,
} from '@spil/shared';
import { type FormEvent, useId } from 'react';
import { keys, queryOptions, useData } from '../../lib/query';
import { listProfessionals } from '../team/team-api';
import type { HouseholdFilterState } from './household-filters';

export const professionalsQuery = () =>
  queryOptions({ queryKey: keys.wijkteam('professionals'), queryFn: listProfessionals });

/** On a phone the filters start folded, so the list comes first. */
function wideScreen(): boolean {
  return typeof window === 'undefined' || window.matchMedia('(min-width: 40rem)').matches;
}

/**
 * Search and filters of a list of households. The search is sent with Enter
 * or the button; every other filter applies at once. `showScope` offers "only
 * mine" (for the coördinator, who otherwise sees the whole wijkteam).
 */
export function HouseholdFilterBar({
  filters,
  onChange,
  showScope,
  showSort = true,
}: {
  filters: HouseholdFilterState;
  onChange: (patch: Partial<HouseholdFilterState>) => void;
  showScope: boolean;
  showSort?: boolean;
}) {
  const id = useId();
  const pros = useData(professionalsQuery());
  const active = [
    filters.fase,
    filters.kleur,
    filters.regiehouder,
    filters.mijn,
    filters.achterstand,
    filters.escalatie,
  ].filter(Boolean).length;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const zoek = new FormData(e.currentTarget).get('zoek');
    onChange({ zoek: typeof zoek === 'string' ? zoek : '' });
  };
  return (
    <form className="filter-bar" role="search" aria-label="Huishoudens zoeken" onSubmit={submit}>
      <div className="field filter-bar__search">
        <label htmlFor={`${id}-zoek`}>Zoeken</label>
        <div className="filter-bar__search-row">
          <input
            id={`${id}-zoek`}
            // A new search in the address (back, a link) shows in the field.
            key={filters.zoek}
            name="zoek"
            type="search"
            defaultValue={filters.zoek}
            maxLength={100}
            aria-describedby={`${id}-zoek-hint`}
          />
          <button type="submit" className="button">
            Zoek
          </button>
        </div>
        <span id={`${id}-zoek-hint`} className="hint">
          Naam, referentie, wijk of voornaam
        </span>
      </div>
      <details className="filter-bar__more" open={wideScreen()}>
        <summary>Filters{active > 0 ? ` (${active} aan)` : ''}</summary>
        <div className="filter-bar__grid">
          <div className="field">
            <label htmlFor={`${id}-fase`}>Fase</label>
            <select
              id={`${id}-fase`}
              value={filters.fase}
              onChange={(e) => onChange({ fase: e.target.value as Phase | '' })}
            >
              <option value="">Alle fasen</option>
              {PHASES.map((p) => (
                <option key={p} value={p}>
                  {PHASE_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-kleur`}>Kleur</label>
            <select
              id={`${id}-kleur`}
              value={filters.kleur}
              onChange={(e) => onChange({ kleur: e.target.value as HouseholdFilterState['kleur'] })}
            >
              <option value="">Alle kleuren</option>
              {COLOURS.map((c) => (
                <option key={c} value={c}>
                  {COLOUR_LABELS[c]}
                </option>
              ))}
              <option value="geen">Nog geen kleur</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-regie`}>Regiehouder</label>
            <select
              id={`${id}-regie`}
              value={filters.regiehouder}
              onChange={(e) => onChange({ regiehouder: e.target.value })}
            >
              <option value="">Iedereen</option>
              <option value="geen">Nog niemand</option>
              {pros.data?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          {showSort && (
            <div className="field">
              <label htmlFor={`${id}-sort`}>Sorteren op</label>
              <select
                id={`${id}-sort`}
                value={filters.sorteer}
                onChange={(e) => onChange({ sorteer: e.target.value as HouseholdSort })}
              >
                {HOUSEHOLD_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {HOUSEHOLD_SORT_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
          )}
          <fieldset className="filter-bar__checks">
            <legend className="visually-hidden">Alleen</legend>
            {showScope && (
              <label>
                <input
                  type="checkbox"
                  checked={filters.mijn}
                  onChange={(e) => onChange({ mijn: e.target.checked })}
                />{' '}
                Alleen mijn casusteams
              </label>
            )}
            <label>
              <input
                type="checkbox"
                checked={filters.achterstand}
                onChange={(e) => onChange({ achterstand: e.target.checked })}
              />{' '}
              Met acties over de datum
            </label>
            <label>
              <input
                type="checkbox"
                checked={filters.escalatie}
                onChange={(e) => onChange({ escalatie: e.target.checked })}
              />{' '}
              Met open escalatie
            </label>
          </fieldset>
        </div>
      </details>
    </form>
  );
}

/** "1–24 van 1.000" and previous/next; hidden when everything fits on one page. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
  label,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        Vorige
      </button>
      <span>
        Pagina {page} van {pages}
      </span>
      <button
        type="button"
        className="button"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        Volgende
      </button>
    </nav>
  );
}
