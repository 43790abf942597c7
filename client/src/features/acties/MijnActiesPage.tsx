import { type ActionRowDto, isOpenStatus, PHASE_LABELS, type WieDoetWatDto } from '@spil/shared';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { authed, useCurrentUser } from '../../app/session';
import { PageHeading } from '../../components/PageHeading';
import { formatDate, formatNumber } from '../../lib/format';
import { loadQuery, useData, useLoadedQuery } from '../../lib/query';
import { ErrorMessage } from '../../components/ErrorMessage';
import { HouseholdFilterBar, Pager } from '../households/HouseholdFilterBar';
import {
  filtersFromSearch,
  type HouseholdFilterState,
  isFiltered,
  toListParams,
  useHouseholdFilters,
} from '../households/household-filters';
import '../households/caseload.css';
import { ActionTable } from './ActionTable';
import { actiesQueries } from './acties-api';
import './acties.css';

const PAGE_SIZE = 10;
/** My own open actions per page (the server sends them earliest due date first). */
const MINE_PAGE_SIZE = 20;
const wieDoetWatQuery = (f: HouseholdFilterState) =>
  actiesQueries.wieDoetWatPage(toListParams(f, PAGE_SIZE));

export const mijnActiesLoader = authed(async ({ request }) => {
  const f = filtersFromSearch(new URL(request.url).searchParams);
  await Promise.all([loadQuery(actiesQueries.mine()), loadQuery(wieDoetWatQuery(f))]);
  return null;
});

/** Open first; then the most urgent: overdue, earliest due date, no date last. */
function byUrgency(a: ActionRowDto, b: ActionRowDto): number {
  return (
    Number(b.overdue) - Number(a.overdue) ||
    (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
    a.titel.localeCompare(b.titel, 'nl')
  );
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function HouseholdBlock({ h, myId }: { h: WieDoetWatDto; myId: string }) {
  const id = useId();
  const open = h.actions.filter((a) => isOpenStatus(a.status)).sort(byUrgency);
  const closed = h.actions.filter((a) => !isOpenStatus(a.status));
  const overdue = open.filter((a) => a.overdue).length;
  const zonder = open.filter((a) => a.zonderEigenaar).length;
  return (
    <section className="card wdw-household" aria-labelledby={`${id}-kop`}>
      <h3 id={`${id}-kop`} className="wdw-household__title">
        <Link to={`/huishoudens/${h.householdId}`}>{h.householdName}</Link>
      </h3>
      <dl className="wdw-facts">
        <div>
          <dt>Regiehouder</dt>
          <dd>
            {h.regie ? (
              <>
                <strong>{h.regie.name}</strong>
                {h.regie.userId === myId && ' (jij)'}{' '}
                <span className="muted">sinds {formatDate(h.regie.since)}</span>
              </>
            ) : (
              <strong className="text-warning">Nog niemand</strong>
            )}
          </dd>
        </div>
        <div>
          <dt>Fase</dt>
          <dd>{PHASE_LABELS[h.phase]}</dd>
        </div>
        <div>
          <dt>Open acties</dt>
          <dd>
            {plural(open.length, 'open actie', 'open acties')}
            {overdue > 0 && (
              <strong className="wdw-alert">, {formatNumber(overdue)} te laat</strong>
            )}
            {zonder > 0 && (
              <strong className="text-warning">, {formatNumber(zonder)} zonder eigenaar</strong>
            )}
          </dd>
        </div>
      </dl>
      {open.length === 0 ? (
        <p>Er staan geen open acties.</p>
      ) : (
        <ActionTable rows={open} caption={`Open acties van ${h.householdName}`} myId={myId} />
      )}
      {closed.length > 0 && (
        <details className="wdw-closed">
          <summary>Afgeronde en vervallen acties ({formatNumber(closed.length)})</summary>
          <ActionTable
            rows={closed}
            caption={`Afgeronde en vervallen acties van ${h.householdName}`}
            myId={myId}
          />
        </details>
      )}
    </section>
  );
}

/**
 * "Mijn acties": my own open actions, then per household who holds regie and
 * who does what, with the last terugkoppeling. One screen for the huisarts or
 * POH-jeugd who wants to know what happens for their patients.
 */
export function MijnActiesPage() {
  // A terugkoppeling, an action or a regie change: live-queries makes these stale.
  const mine = useLoadedQuery(actiesQueries.mine());
  const [filters, setFilters] = useHouseholdFilters();
  const page = useData(wieDoetWatQuery(filters), { keepPrevious: true });
  const households = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const user = useCurrentUser();

  const overdue = mine.filter((a) => a.overdue).length;
  const [minePage, setMinePage] = useState(1);
  const mineShown = mine.slice((minePage - 1) * MINE_PAGE_SIZE, minePage * MINE_PAGE_SIZE);
  // The server sorts (natural name order by default) and pages.
  const sorted = households;
  return (
    <section className="stack mijn-acties">
      <title>Mijn acties – Spil</title>
      <PageHeading>Mijn acties</PageHeading>
      <p className="lead">
        Wie doet wat voor jouw huishoudens: wie de regie heeft, welke acties open staan, van wie ze
        zijn en wat er het laatst is teruggekoppeld.
      </p>

      <section aria-labelledby="mijn-open" className="section">
        <h2 id="mijn-open" tabIndex={-1}>
          Mijn open acties
        </h2>
        <p className="wdw-summary">
          {mine.length === 0
            ? 'Je hebt geen open acties.'
            : `${plural(mine.length, 'open actie', 'open acties')}${overdue > 0 ? `, waarvan ${formatNumber(overdue)} te laat` : ''}.`}
        </p>
        {mine.length > 0 && (
          <ActionTable
            rows={mineShown}
            caption="Mijn open acties"
            showHousehold
            showOwner={false}
          />
        )}
        <Pager
          page={minePage}
          pageSize={MINE_PAGE_SIZE}
          total={mine.length}
          onPage={setMinePage}
          label="Pagina's van mijn open acties"
        />
      </section>

      <section aria-labelledby="wie-doet-wat" className="section">
        <h2 id="wie-doet-wat" tabIndex={-1}>
          Wie doet wat, per huishouden
        </h2>
        <HouseholdFilterBar
          filters={filters}
          onChange={setFilters}
          showScope={user.systemRole === 'coordinator'}
        />
        <p className="lead" role="status">
          {page.loading
            ? 'Huishoudens worden geladen…'
            : plural(total, 'huishouden', 'huishoudens')}
        </p>
        <ErrorMessage message={page.error} />
        {sorted.length === 0 && !page.loading ? (
          <p>
            {isFiltered(filters)
              ? 'Geen huishoudens met deze zoekopdracht en filters.'
              : 'Je staat nog in geen enkel casusteam.'}
          </p>
        ) : (
          <div className="stack">
            {sorted.map((h) => (
              <HouseholdBlock key={h.householdId} h={h} myId={user.id} />
            ))}
          </div>
        )}
        <Pager
          page={filters.pagina}
          pageSize={PAGE_SIZE}
          total={total}
          onPage={(pagina) => setFilters({ pagina })}
          label="Pagina's van wie doet wat"
        />
      </section>
    </section>
  );
}
