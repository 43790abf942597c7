import {
  type HouseholdSummaryDto,
  LEVENSDOMEIN_LABELS,
  type MijnPlanDto,
  type UserDto,
} from '@spil/shared';
import { type ReactNode, useEffect } from 'react';
import { Link, useLoaderData, useNavigate, useSearchParams } from 'react-router-dom';
import { loginPath, useCurrentUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { keys, queryOptions, useData } from '../../lib/query';
import { colorFor } from '../plan/colors';
import type { PlanSession } from '../plan/plan-session';
import { usePlanSession } from '../plan/use-plan-session';
import { useSaveStatus } from '../plan/use-save-status';
import { MijnHulp } from '../voorzieningen/MijnHulp';
import { EigenActies } from './EigenActies';
import { Helpers, HulpverlenersActies } from './Hulpverleners';
import { loadMijnPlan } from './mijn-plan-api';
import { remember } from './offline-cache';
import { Omgeving } from './Omgeving';
import { RegieCard, VolgendOverleg } from './Overleg';
import { SAVE_EENVOUDIG } from './plain';
import { ReactieForm } from './ReactieForm';
import { ReactieList } from './ReactieList';
import { registerServiceWorker } from './register-sw';
import { usePlanView } from './use-plan-view';
import './mijn-plan.css';

interface Info {
  data: MijnPlanDto | null;
  fromCache: boolean;
  error: string | null;
}

/**
 * Who helps, regie, next overleg: loaded now, and again when the team, regie
 * or meetings change (live-queries) or the device is back online.
 */
function useMijnPlanInfo(user: UserDto, householdId: string): Info {
  const q = useData(
    queryOptions({
      queryKey: keys.household(householdId, 'mijn-plan', user.id),
      queryFn: () => loadMijnPlan(user, householdId),
      refetchOnReconnect: 'always',
    }),
  );
  return { data: q.data?.data ?? null, fromCache: q.data?.fromCache ?? false, error: q.error };
}

const SECTIONS = [
  ['mp-regie', 'Regie'],
  ['mp-overleg', 'Overleg'],
  ['mp-doelen', 'Doelen'],
  ['mp-zelf', 'Zelf doen'],
  ['mp-omgeving', 'Omgeving'],
  ['mp-hulp', 'Hulpverleners'],
  ['mp-reageer', 'Reageren'],
] as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="mp-section" aria-labelledby={id}>
      <h2 id={id} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function LiveMijnPlan({
  session,
  user,
  info,
}: {
  session: PlanSession;
  user: UserDto;
  info: Info;
}) {
  const view = usePlanView(session);
  const status = useSaveStatus(session);
  const navigate = useNavigate();
  useEffect(() => {
    if (status.refusedCode === 4401) void navigate(loginPath('/'), { replace: true });
  }, [status.refusedCode, navigate]);
  const disabled = status.refusedCode !== null;
  // Opened without a network: the provider never connected, but "connecting" would be a false hope.
  const state =
    status.state === 'verbinden' && (info.fromCache || navigator.onLine === false)
      ? 'offline'
      : status.state;
  const me = { auteurId: user.id, auteurNaam: user.name };
  const data = info.data;
  const planReacties = view.reacties.filter((r) => r.actieId === null);

  return (
    <>
      <p className={`mp-save mp-save--${state}`} role="status" data-state={state}>
        {SAVE_EENVOUDIG[state]}
      </p>
      {info.fromCache && (
        <p className="notice notice--warning">Je ziet je plan zoals het de laatste keer was.</p>
      )}
      <ErrorMessage message={info.error} announce={false} />
      <nav aria-label="Op deze pagina" className="mp-nav">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="mp-regie" title="Wie heeft de regie">
        {data ? <RegieCard regie={data.regie} /> : <p className="muted">Even geduld…</p>}
      </Section>

      <Section id="mp-overleg" title="Volgend overleg">
        {data ? (
          <VolgendOverleg overleg={data.volgendOverleg} />
        ) : (
          <p className="muted">Even geduld…</p>
        )}
      </Section>

      <Section id="mp-doelen" title="Wat wil ik bereiken">
        {view.hulpvraag.length > 0 && (
          <div className="mp-card mp-vraag">
            <h3 className="mp-card__kop">Mijn vraag</h3>
            {view.hulpvraag.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        )}
        {view.doelen.length === 0 ? (
          <p className="muted">Er staan nog geen doelen in het plan.</p>
        ) : (
          <ul className="mp-list" aria-label="Mijn doelen">
            {view.doelen.map((d) => (
              <li key={d.id} className="mp-card mp-doel">
                {d.domein && (
                  <span className="mp-tag mp-tag--domein">
                    {LEVENSDOMEIN_LABELS[d.domein].eenvoudig}
                  </span>
                )}
                <p className="mp-doel__titel">{d.titel}</p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="mp-zelf" title="Wat ga ik zelf doen">
        <EigenActies
          session={session}
          user={user}
          acties={view.eigenActies}
          team={view.team}
          disabled={disabled}
        />
      </Section>

      <Section id="mp-omgeving" title="Wie uit mijn omgeving helpt">
        <Omgeving kring={data?.eigenKring ?? []} acties={view.eigenActies} myId={user.id} />
      </Section>

      <Section id="mp-hulp" title="Wie helpt mij">
        <h3 className="mp-sub-kop">Wat doen de hulpverleners</h3>
        <HulpverlenersActies
          acties={view.acties}
          team={view.team}
          helpers={data?.helpers ?? []}
          reacties={view.reacties}
          myId={user.id}
          disabled={disabled}
          onReact={(actieId, tekst) => session.plan.addReactie({ tekst, actieId, ...me })}
        />
        <h3 className="mp-sub-kop">Welke hulp je krijgt</h3>
        <MijnHulp householdId={session.householdId} />
        <h3 className="mp-sub-kop">Zo bereik je ze</h3>
        {data ? (
          <Helpers helpers={data.helpers} regieUserId={data.regie?.userId ?? null} />
        ) : (
          <p className="muted">Even geduld…</p>
        )}
      </Section>

      <Section id="mp-reageer" title="Reageer op het plan">
        <p className="mp-intro">
          Wil je iets zeggen over je plan? Schrijf het hier.{' '}
          {data?.regie ? `${data.regie.name} krijgt je bericht.` : ''}
        </p>
        <ReactieList
          reacties={planReacties}
          team={view.team}
          myId={user.id}
          label="Reacties op het plan"
        />
        <ReactieForm
          label="Jouw reactie op het plan"
          onSend={(tekst) => session.plan.addReactie({ tekst, actieId: null, ...me })}
          disabled={disabled}
        />
      </Section>
    </>
  );
}

function MijnPlan({ household, user }: { household: HouseholdSummaryDto; user: UserDto }) {
  const session = usePlanSession(household.id, user.name, colorFor(user.id));
  const info = useMijnPlanInfo(user, household.id);
  return (
    <>
      <header className="mp-header">
        <PageHeading>Mijn plan</PageHeading>
        <p className="mp-sub">Het plan van {household.displayName}</p>
      </header>
      {session ? (
        <LiveMijnPlan session={session} user={user} info={info} />
      ) : (
        <p role="status">Je plan wordt geopend…</p>
      )}
    </>
  );
}

/** Home of the inwoner and naasten: their own plan in plain Dutch, on a phone, also offline once loaded. */
export default function MijnPlanPage() {
  const households = useLoaderData<HouseholdSummaryDto[]>();
  const user = useCurrentUser();
  const [params] = useSearchParams();
  useEffect(() => remember({ user, households }), [user, households]);
  useEffect(() => registerServiceWorker(), []);
  const household = households.find((h) => h.id === params.get('huishouden')) ?? households[0];
  return (
    <article className="mijn-plan stack">
      <title>Mijn plan – Spil</title>
      {household ? (
        <MijnPlan key={household.id} household={household} user={user} />
      ) : (
        <>
          <PageHeading>Mijn plan</PageHeading>
          <p>Je bent nog niet aan een plan gekoppeld. Vraag je hulpverlener om een uitnodiging.</p>
        </>
      )}
      {households.length > 1 && (
        <nav aria-label="Andere plannen" className="mp-section">
          <h2>Andere plannen</h2>
          <ul className="mp-list">
            {households.map((h) => (
              <li key={h.id}>
                <Link
                  to={`/?huishouden=${h.id}`}
                  aria-current={h.id === household?.id ? 'page' : undefined}
                >
                  {h.displayName}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </article>
  );
}
