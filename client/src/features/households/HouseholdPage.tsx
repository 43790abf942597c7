import type { HouseholdDto } from '@spil/shared';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router-dom';
import { householdQueries } from '../../api/households';
import { useCurrentUser } from '../../app/session';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../lib/format';
import { myRoleLabel, phaseLabel } from '../../lib/labels';
import { useLoadedQuery } from '../../lib/query';
import { ProcesBanner } from '../proces/ProcesBanner';
import { MemberList } from './MemberList';
import { TeamList } from './TeamList';
import { TeamManagement } from '../team/TeamManagement';
import { RegieSection } from '../regie/RegieSection';
import { WieDoetWatSection } from '../acties/WieDoetWatSection';

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

function HouseholdHeader({ h }: { h: HouseholdDto }) {
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
      <nav aria-label="Op deze pagina" className="page-nav">
        <a href="#gezin">Gezin</a>
        <a href="#casusteam">Casusteam</a>
        <a href="#regie">Regie</a>
        <a href="#wie-doet-wat">Wie doet wat</a>
        <a href="#plan">Plan van aanpak</a>
        <a href="#voorzieningen">Voorzieningen</a>
        <a href="#traject">Traject</a>
        <a href="#toestemming">Toestemming</a>
        <a href="#overleg">Overleg</a>
      </nav>
    </header>
  );
}

export function HouseholdPage() {
  // Team, regie, access and phase changes arrive as events; live-queries makes this stale.
  const household = useLoadedQuery(householdQueries.detail(useParams().id ?? ''));
  const user = useCurrentUser();
  return (
    <article className="stack household">
      <title>{`${household.displayName} – Spil`}</title>
      <HouseholdHeader h={household} />
      <ProcesBanner household={household} user={user} />
      <section aria-labelledby="gezin" className="section">
        <h2 id="gezin" tabIndex={-1}>
          Gezin
        </h2>
        <MemberList members={household.members} />
      </section>
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
      <section aria-labelledby="regie" className="section">
        <h2 id="regie" tabIndex={-1}>
          Regie
        </h2>
        <RegieSection household={household} user={user} />
      </section>
      <section aria-labelledby="wie-doet-wat" className="section">
        <h2 id="wie-doet-wat" tabIndex={-1}>
          Wie doet wat
        </h2>
        <WieDoetWatSection household={household} user={user} />
      </section>
      <section aria-labelledby="plan" className="section">
        <h2 id="plan" tabIndex={-1}>
          Plan van aanpak
        </h2>
        <Suspense fallback={<p role="status">Plan wordt geladen…</p>}>
          <PlanSection key={household.id} household={household} user={user} />
        </Suspense>
      </section>
      <section aria-labelledby="voorzieningen" className="section">
        <h2 id="voorzieningen" tabIndex={-1}>
          Voorzieningen en budget
        </h2>
        <Suspense fallback={<p role="status">Voorzieningen worden geladen…</p>}>
          <VoorzieningenSection key={household.id} household={household} user={user} />
        </Suspense>
      </section>
      <section aria-labelledby="traject" className="section">
        <h2 id="traject" tabIndex={-1}>
          Traject: quickscan, ZRM en evaluatie
        </h2>
        <Suspense fallback={<p role="status">Traject wordt geladen…</p>}>
          <ProcesSection key={household.id} household={household} user={user} />
        </Suspense>
      </section>
      <section aria-labelledby="toestemming" className="section">
        <h2 id="toestemming" tabIndex={-1}>
          Toestemming en medische notities
        </h2>
        <Suspense fallback={<p role="status">Toestemming wordt geladen…</p>}>
          <ConsentSection key={household.id} household={household} user={user} />
        </Suspense>
      </section>
      <section aria-labelledby="overleg" className="section">
        <h2 id="overleg" tabIndex={-1}>
          Overleg
        </h2>
        <Suspense fallback={<p role="status">Overleg wordt geladen…</p>}>
          <OverlegSection key={household.id} household={household} user={user} />
        </Suspense>
      </section>
    </article>
  );
}
