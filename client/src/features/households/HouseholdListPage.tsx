import { COLOUR_LABELS, type HouseholdSummaryDto } from '@spil/shared';
import { Link, useSearchParams } from 'react-router-dom';
import { householdQueries } from '../../api/households';
import { useCurrentUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { formatCount, formatDateShort, formatNumber } from '../../lib/format';
import { myRoleLabel, phaseLabel } from '../../lib/labels';
import { useData } from '../../lib/query';
import '../proces/proces.css';
import { HouseholdFilterBar, Pager } from './HouseholdFilterBar';
import {
  filtersFromSearch,
  type HouseholdFilterState,
  isFiltered,
  toListParams,
  useHouseholdFilters,
} from './household-filters';
import './caseload.css';

export type ListView = 'kaarten' | 'tabel';
export const PAGE_SIZE: Record<ListView, number> = { kaarten: 24, tabel: 50 };

export function listViewOf(sp: URLSearchParams): ListView {
  return sp.get('weergave') === 'tabel' ? 'tabel' : 'kaarten';
}

/** The query of the list in this URL: the home loader fetches it before the page shows. */
export function householdPageQuery(sp: URLSearchParams) {
  return householdQueries.page(toListParams(filtersFromSearch(sp), PAGE_SIZE[listViewOf(sp)]));
}

function ColourBadge({ colour }: { colour: HouseholdSummaryDto['colour'] }) {
  if (!colour) return <span className="muted">Nog geen</span>;
  return <span className={`colour-badge colour-badge--${colour}`}>{COLOUR_LABELS[colour]}</span>;
}

function Signals({ h }: { h: HouseholdSummaryDto }) {
  const overdue = h.overdueActions ?? 0;
  if (!overdue && !h.openEscalation) return null;
  return (
    <span className="household-signals">
      {overdue > 0 && (
        <span className="badge badge--overdue">
          {formatCount(overdue, 'actie over de datum', 'acties over de datum')}
        </span>
      )}
      {h.openEscalation && <span className="badge badge--overdue">Open escalatie</span>}
    </span>
  );
}

function HouseholdCard({ h }: { h: HouseholdSummaryDto }) {
  return (
    <li className="card household-card">
      <h2 className="household-card__title">
        <Link to={`/huishoudens/${h.id}`}>{h.displayName}</Link>
      </h2>
      <Signals h={h} />
      <dl className="facts">
        <div>
          <dt>Referentie</dt>
          <dd>{h.reference}</dd>
        </div>
        <div>
          <dt>Wijk</dt>
          <dd>{h.wijk}</dd>
        </div>
        <div>
          <dt>Fase</dt>
          <dd>
            <span className={`badge badge--phase-${h.phase}`}>{phaseLabel(h.phase)}</span>
          </dd>
        </div>
        <div>
          <dt>Kleur</dt>
          <dd>
            <ColourBadge colour={h.colour} />
          </dd>
        </div>
        <div>
          <dt>Regiehouder</dt>
          <dd>{h.regie ? h.regie.name : <strong className="text-warning">Nog niemand</strong>}</dd>
        </div>
        <div>
          <dt>Mijn rol</dt>
          <dd>{myRoleLabel(h.myRole)}</dd>
        </div>
        <div>
          <dt>Casusteam</dt>
          <dd>{formatCount(h.teamSize, 'persoon', 'personen')}</dd>
        </div>
      </dl>
    </li>
  );
}

function HouseholdTable({ rows }: { rows: HouseholdSummaryDto[] }) {
  return (
    <div className="table-scroll" role="region" aria-label="Huishoudens als tabel" tabIndex={0}>
      <table className="caseload-table caseload-table--stack">
        <thead>
          <tr>
            <th scope="col">Huishouden</th>
            <th scope="col">Referentie</th>
            <th scope="col">Wijk</th>
            <th scope="col">Fase</th>
            <th scope="col">Kleur</th>
            <th scope="col">Regiehouder</th>
            <th scope="col">Laatste activiteit</th>
            <th scope="col">Signalen</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((h) => (
            <tr key={h.id}>
              <th scope="row">
                <Link to={`/huishoudens/${h.id}`}>{h.displayName}</Link>
              </th>
              <td data-label="Referentie">{h.reference}</td>
              <td data-label="Wijk">{h.wijk}</td>
              <td data-label="Fase">{phaseLabel(h.phase)}</td>
              <td data-label="Kleur">
                <ColourBadge colour={h.colour} />
              </td>
              <td data-label="Regiehouder">
                {h.regie ? h.regie.name : <strong className="text-warning">Nog niemand</strong>}
              </td>
              <td data-label="Laatste activiteit">
                {h.lastActivity ? formatDateShort(h.lastActivity) : '–'}
              </td>
              <td>
                <Signals h={h} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function summary(total: number, f: HouseholdFilterState): string {
  if (isFiltered(f))
    return total === 1 ? '1 huishouden gevonden.' : `${formatNumber(total)} huishoudens gevonden.`;
  return total === 1
    ? 'Je hebt toegang tot 1 huishouden.'
    : `Je hebt toegang tot ${formatNumber(total)} huishoudens.`;
}

export function HouseholdListPage() {
  const user = useCurrentUser();
  const [sp, setSp] = useSearchParams();
  const [filters, setFilters] = useHouseholdFilters();
  const view = listViewOf(sp);
  const pageSize = PAGE_SIZE[view];
  // A household was closed or reopened elsewhere: `proces:changed` makes the list stale.
  const list = useData(householdQueries.page(toListParams(filters, pageSize)), {
    keepPrevious: true,
  });
  const setView = (v: ListView) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (v === 'tabel') next.set('weergave', 'tabel');
      else next.delete('weergave');
      next.delete('pagina');
      return next;
    });
  const total = list.data?.total ?? 0;
  const rows = list.data?.items ?? [];
  const nothingAtAll = !isFiltered(filters) && total === 0 && !list.loading;
  return (
    <section className="stack">
      <title>Mijn huishoudens – Spil</title>
      <PageHeading>Mijn huishoudens</PageHeading>
      {nothingAtAll ? (
        <p>
          Je staat nog in geen enkel casusteam. Een coördinator of regiehouder kan je toevoegen.
        </p>
      ) : (
        <>
          <HouseholdFilterBar
            filters={filters}
            onChange={setFilters}
            showScope={user.systemRole === 'coordinator'}
          />
          <div className="list-toolbar">
            <p className="lead" role="status" aria-live="polite">
              {list.loading ? 'Huishoudens worden geladen…' : summary(total, filters)}
            </p>
            <div className="view-toggle" role="group" aria-label="Weergave">
              <button
                type="button"
                className="button button--toolbar"
                aria-pressed={view === 'kaarten'}
                onClick={() => setView('kaarten')}
              >
                Kaarten
              </button>
              <button
                type="button"
                className="button button--toolbar"
                aria-pressed={view === 'tabel'}
                onClick={() => setView('tabel')}
              >
                Tabel
              </button>
            </div>
          </div>
          <ErrorMessage message={list.error} />
          {rows.length === 0 && !list.loading ? (
            <p>Geen huishoudens gevonden met deze zoekopdracht en filters.</p>
          ) : view === 'tabel' ? (
            <HouseholdTable rows={rows} />
          ) : (
            <ul className="card-grid" aria-label="Huishoudens">
              {rows.map((h) => (
                <HouseholdCard key={h.id} h={h} />
              ))}
            </ul>
          )}
          <Pager
            page={filters.pagina}
            pageSize={pageSize}
            total={total}
            onPage={(pagina) => setFilters({ pagina })}
            label="Pagina's van huishoudens"
          />
        </>
      )}
    </section>
  );
}
