import type { HouseholdDto } from '@spil/shared';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { householdQueries } from '../../api/households';
import { useCurrentUser } from '../../app/session';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../lib/format';
import { myRoleLabel, phaseLabel } from '../../lib/labels';
import { useLoadedQuery } from '../../lib/query';
import { useHashTarget } from '../../lib/use-hash-target';
import { ProcesBanner } from '../proces/ProcesBanner';
import { MemberList } from './MemberList';
import { TeamList } from './TeamList';
import { TeamManagement } from '../team/TeamManagement';
import { RegieSection } from '../regie/RegieSection';
import { WieDoetWatSection } from '../acties/WieDoetWatSection';
import { FIRST_TAB, HOUSEHOLD_TABS, type HouseholdTab, householdTab } from './household-tabs';
import './caseload.css';

// The editor is the heaviest part of the app; the list and the team load without it.
const PlanSection = lazy(() => import('../plan/PlanSection'));
// Quickscan, ZRM (with charts), evaluation and effects: loaded with their chart library.
const ProcesSection = lazy(() => import('../proces/ProcesSection'));
// Consent with the medical notes, and overleg: their live notes use the editor too.
const ConsentSection = lazy(() =>
  import('../consent/ConsentSection').then((m) => ({ default: m.ConsentSection })),
);
// Voorzieningen, beschikkingen and the budget.
const VoorzieningenSection = lazy(() => import('../voorzieningen/VoorzieningenSection'));
const OverlegSection = lazy(() =>
  import('../overleg/OverlegSection').then((m) => ({ default: m.OverlegSection })),
);

function useTab(): HouseholdTab {
  return householdTab(useSearchParams()[0].get('tab'));
}

/** Links to each section, kept in the URL (`?tab=`), so a section can be opened directly and kept on reload. */
function SectionNav() {
  const tab = useTab();
  return (
    <nav aria-label="Onderdelen van het huishouden" className="page-nav page-nav--tabs">
      {(Object.keys(HOUSEHOLD_TABS) as HouseholdTab[]).map((t) => (
        <Link
          key={t}
          to={t === FIRST_TAB ? '?' : `?tab=${t}`}
          aria-current={tab === t ? 'page' : undefined}
        >
          {HOUSEHOLD_TABS[t]}
        </Link>
      ))}
    </nav>
  );
}

function HouseholdHeader({ h, tab }: { h: HouseholdDto; tab: HouseholdTab }) {
  return (
    <header className="household-header">
      <p className="breadcrumb">
        <Link to="/">Mijn huishoudens</Link>
        <span aria-hidden="true"> › </span>
        <span>{h.displayName}</span>
      </p>
      <PageHeading>{h.displayName}</PageHeading>
      <dl className="facts facts--inline">
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
          <dd>
            {h.regie ? (
              <>
                {h.regie.name} <span className="muted">(sinds {formatDate(h.regie.since)})</span>
              </>
            ) : (
              <strong className="text-warning">Nog niemand</strong>
            )}
          </dd>
        </div>
        <div>
          <dt>Mijn rol</dt>
          <dd>{myRoleLabel(h.myRole)}</dd>
        </div>
      </dl>
      <SectionNav />
      <p className="no-print household-print">
        <button type="button" className="button button--small" onClick={() => window.print()}>
          Afdrukken
        </button>{' '}
        <span className="hint">
          {tab === 'alles'
            ? 'Tip: kies eerst Plan van aanpak om alleen het plan af te drukken.'
            : 'Tip: kies eerst Alles om alle onderdelen af te drukken.'}
        </span>
      </p>
    </header>
  );
}

export function HouseholdPage() {
  // Team, regie, access and phase changes arrive as events; live-queries makes this stale.
  const household = useLoadedQuery(householdQueries.detail(useParams().id ?? ''));
  const user = useCurrentUser();
  const tab = useTab();
  useHashTarget();
  const show = (t: HouseholdTab) => tab === 'alles' || tab === t;
  return (
    <article className={`stack household household--tab-${tab}`}>
      <title>{`${household.displayName} – Spil`}</title>
      <HouseholdHeader h={household} tab={tab} />
      <ProcesBanner household={household} user={user} />
      {show('team') && (
        <section aria-labelledby="gezin" className="section">
          <h2 id="gezin" tabIndex={-1}>
            Gezin
          </h2>
          <MemberList members={household.members} />
        </section>
      )}
      {show('team') && (
        <section aria-labelledby="casusteam" className="section">
          <h2 id="casusteam" tabIndex={-1}>
            Casusteam
          </h2>
          <TeamList
            team={household.team}
            regieUserId={household.regie?.userId ?? null}
            myId={user.id}
          />
          <TeamManagement household={household} user={user} />
        </section>
      )}
      {show('regie') && (
        <section aria-labelledby="regie" className="section">
          <h2 id="regie" tabIndex={-1}>
            Regie
          </h2>
          <RegieSection household={household} user={user} />
        </section>
      )}
      {show('wie-doet-wat') && (
        <section aria-labelledby="wie-doet-wat" className="section">
          <h2 id="wie-doet-wat" tabIndex={-1}>
            Wie doet wat
          </h2>
          <WieDoetWatSection household={household} user={user} />
        </section>
      )}
      {show('plan') && (
        <section aria-labelledby="plan" className="section">
          <h2 id="plan" tabIndex={-1}>
            Plan van aanpak
          </h2>
          <Suspense fallback={<p role="status">Plan wordt geladen…</p>}>
            <PlanSection key={household.id} household={household} user={user} />
          </Suspense>
        </section>
      )}
      {show('voorzieningen') && (
        <section aria-labelledby="voorzieningen" className="section">
          <h2 id="voorzieningen" tabIndex={-1}>
            Voorzieningen en budget
          </h2>
          <Suspense fallback={<p role="status">Voorzieningen worden geladen…</p>}>
            <VoorzieningenSection key={household.id} household={household} user={user} />
          </Suspense>
        </section>
      )}
      {show('traject') && (
        <section aria-labelledby="traject" className="section">
          <h2 id="traject" tabIndex={-1}>
            Traject: quickscan, ZRM en evaluatie
          </h2>
          <Suspense fallback={<p role="status">Traject wordt geladen…</p>}>
            <ProcesSection key={household.id} household={household} user={user} />
          </Suspense>
        </section>
      )}
      {show('toestemming') && (
        <section aria-labelledby="toestemming" className="section">
          <h2 id="toestemming" tabIndex={-1}>
            Toestemming en medische notities
          </h2>
          <Suspense fallback={<p role="status">Toestemming wordt geladen…</p>}>
            <ConsentSection key={household.id} household={household} user={user} />
          </Suspense>
        </section>
      )}
      {show('overleg') && (
        <section aria-labelledby="overleg" className="section">
          <h2 id="overleg" tabIndex={-1}>
            Overleg
          </h2>
          <Suspense fallback={<p role="status">Overleg wordt geladen…</p>}>
            <OverlegSection key={household.id} household={household} user={user} />
          </Suspense>
        </section>
      )}
    </article>
  );
}
