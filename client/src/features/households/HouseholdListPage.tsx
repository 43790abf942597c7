import type { HouseholdSummaryDto } from '@spil/shared';
import { Link } from 'react-router-dom';
import { householdQueries } from '../../api/households';
import { PageHeading } from '../../components/PageHeading';
import { formatNumber } from '../../lib/format';
import { myRoleLabel, phaseLabel } from '../../lib/labels';
import { useLoadedQuery } from '../../lib/query';

function HouseholdCard({ h }: { h: HouseholdSummaryDto }) {
  return (
    <li className="card household-card">
      <h2 className="household-card__title">
        <Link to={`/huishoudens/${h.id}`}>{h.displayName}</Link>
      </h2>
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
          <dt>Regiehouder</dt>
          <dd>{h.regie ? h.regie.name : <strong className="text-warning">Nog niemand</strong>}</dd>
        </div>
        <div>
          <dt>Mijn rol</dt>
          <dd>{myRoleLabel(h.myRole)}</dd>
        </div>
        <div>
          <dt>Casusteam</dt>
          <dd>{h.teamSize === 1 ? '1 persoon' : `${formatNumber(h.teamSize)} personen`}</dd>
        </div>
      </dl>
    </li>
  );
}

export function HouseholdListPage() {
  // A household was closed or reopened elsewhere: `proces:changed` makes the list stale.
  const households = useLoadedQuery(householdQueries.list());
  return (
    <section className="stack">
      <title>Mijn huishoudens – Spil</title>
      <PageHeading>Mijn huishoudens</PageHeading>
      {households.length === 0 ? (
        <p>
          Je staat nog in geen enkel casusteam. Een coördinator of regiehouder kan je toevoegen.
        </p>
      ) : (
        <>
          <p className="lead">
            {households.length === 1
              ? 'Je hebt toegang tot 1 huishouden.'
              : `Je hebt toegang tot ${formatNumber(households.length)} huishoudens.`}
          </p>
          <ul className="card-grid" aria-label="Huishoudens">
            {households.map((h) => (
              <HouseholdCard key={h.id} h={h} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
