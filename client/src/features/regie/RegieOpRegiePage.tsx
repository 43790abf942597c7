import { PHASE_LABELS, type RegieOverzichtDto } from '@spil/shared';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Form, Link, useLoaderData, useNavigation } from 'react-router-dom';
import { authed } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { formatNumber } from '../../lib/format';
import { disciplineLabel } from '../../lib/labels';
import { keys, loadQuery, queryOptions, useData, useLoadedQuery } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { ActionTable } from '../acties/ActionTable';
import { householdPath } from '../households/household-tabs';
import { assignRegie, regieOverzicht } from './regie-api';
import { RegieTable, regieTableQuery } from './RegieTable';
import './regie.css';

export const STALLED_CHOICES = [7, 14, 21, 30, 60, 90] as const;
/** Households without regiehouder shown as cards; the rest are in the table below. */
const CARDS = 6;
const LIST_LIMIT = 20;
export const DEFAULT_REASON = 'Toegewezen via Regie op regie';

/** The days in the address, or null for the server's setting. */
function stalledDaysOf(url: URL): number | null {
  const n = Number(url.searchParams.get('stil'));
  return Number.isInteger(n) && n >= 1 && n <= 365 ? n : null;
}

const overzichtQuery = (stalledDays: number | null) =>
  queryOptions({
    queryKey: keys.wijkteam('regie', stalledDays),
    // The page shows the first rows of each list and the counts; the table below has the rest.
    queryFn: () => regieOverzicht(stalledDays, LIST_LIMIT),
  });

export const regieOpRegieLoader = authed(async ({ request }) => {
  const url = new URL(request.url);
  const stalledDays = stalledDaysOf(url);
  const overzicht = await loadQuery(overzichtQuery(stalledDays));
  await loadQuery(regieTableQuery(url.searchParams, overzicht.stalledDays ?? 14));
  return { stalledDays };
});

type Loaded = Awaited<ReturnType<typeof regieOpRegieLoader>>;
type WithoutRegie = RegieOverzichtDto['withoutRegie'][number];

/** One household without a regiehouder: pick a lid, keep or change the reason, "Toewijzen". */
function AssignCard({
  household,
  onAssigned,
}: {
  household: WithoutRegie;
  onAssigned: (text: string) => void;
}) {
  const id = useId();
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState(DEFAULT_REASON);
  const send = useSubmit(
    () => assignRegie(household.householdId, { userId, reason: reason.trim() }),
    {
      invalidates: [keys.wijkteam(), keys.households(), keys.household(household.householdId)],
      onSuccess: (detail) =>
        onAssigned(
          `${detail.current?.name ?? 'De gekozen persoon'} is nu regiehouder van ${household.name}.`,
        ),
    },
  );
  const { busy, error } = send;
  const people = [...household.team].sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId) {
      send.fail(`Kies eerst wie de regie over ${household.name} krijgt.`);
      document
        .querySelector<HTMLInputElement>(`input[name="${CSS.escape(`${id}-person`)}"]`)
        ?.focus();
      return;
    }
    if (reason.trim().length < 3) {
      send.fail('Schrijf een reden van minstens 3 tekens.');
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    await send.run();
  }

  return (
    <li className="card rr-assign">
      <h3 className="rr-assign__title" id={`${id}-kop`}>
        <Link to={`/huishoudens/${household.householdId}`}>{household.name}</Link>
      </h3>
      <p className="muted rr-assign__meta">
        {household.reference} · {PHASE_LABELS[household.phase]}
      </p>
      {people.length === 0 ? (
        <p>
          Er staat nog geen lid in het casusteam.{' '}
          <Link to={householdPath(household.householdId, 'team', 'casusteam')}>
            Stel eerst het team samen<span className="visually-hidden"> van {household.name}</span>
          </Link>
          .
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-kop`}>
          <fieldset className="rr-assign__people">
            <legend>Regiehouder voor {household.name}</legend>
            {people.map((p) => (
              <label key={p.userId} className="rr-choice">
                <input
                  type="radio"
                  name={`${id}-person`}
                  value={p.userId}
                  checked={userId === p.userId}
                  onChange={() => setUserId(p.userId)}
                />
                <span>
                  {p.name}
                  <span className="rr-choice__hint"> – {disciplineLabel(p.discipline)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-reason`}>Reden</label>
            <input
              id={`${id}-reason`}
              type="text"
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <ErrorMessage message={error} />
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Toewijzen…' : 'Toewijzen'}
            <span className="visually-hidden"> aan {household.name}</span>
          </button>
        </form>
      )}
    </li>
  );
}

function Workload({ rows }: { rows: RegieOverzichtDto['workload'] }) {
  if (rows.length === 0) return <p>Er zijn geen professionals met open acties of regie.</p>;
  const sorted = [...rows].sort(
    (a, b) =>
      b.openActions - a.openActions ||
      b.regieCount - a.regieCount ||
      a.name.localeCompare(b.name, 'nl'),
  );
  const max = Math.max(1, ...sorted.map((r) => r.openActions));
  return (
    <div className="table-wrap">
      <table className="rr-table rr-workload">
        <caption className="visually-hidden">Werklast per professional</caption>
        <thead>
          <tr>
            <th scope="col">Professional</th>
            <th scope="col" className="num">
              Open acties
            </th>
            <th scope="col" className="num">
              Te laat
            </th>
            <th scope="col" className="num">
              Regie<span className="visually-hidden"> over (aantal huishoudens)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.userId}>
              <th scope="row">
                {r.name}
                <span className="rr-workload__discipline">{disciplineLabel(r.discipline)}</span>
              </th>
              <td className="num">
                <span className="rr-bar-cell">
                  <span className="rr-bar" aria-hidden="true">
                    <span style={{ width: `${(r.openActions / max) * 100}%` }} />
                  </span>
                  <span className="rr-bar__value">{formatNumber(r.openActions)}</span>
                </span>
              </td>
              <td className={`num${r.overdueActions > 0 ? ' rr-late' : ''}`}>
                {formatNumber(r.overdueActions)}
              </td>
              <td className="num">
                {formatNumber(r.regieCount)}
                <span className="rr-unit">
                  {' '}
                  {r.regieCount === 1 ? 'huishouden' : 'huishoudens'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Regie op regie" for the coördinator: households without a regiehouder
 * (assign in two clicks), stalled households, overdue actions, workload.
 */
export function RegieOpRegiePage() {
  const { stalledDays } = useLoaderData<Loaded>();
  // A terugkoppeling or a regie change somewhere: live-queries makes the overview stale.
  const overzicht = useLoadedQuery(overzichtQuery(stalledDays));
  const fetching = useData(overzichtQuery(stalledDays)).fetching;
  const navigation = useNavigation();
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const { withoutRegie, stalled, overdue, workload } = overzicht;
  const counts = overzicht.counts ?? {
    withoutRegie: withoutRegie.length,
    stalled: stalled.length,
    overdue: overdue.length,
  };
  const days = overzicht.stalledDays ?? stalledDays ?? 14;

  function assigned(text: string) {
    setMessage(text);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  const choices: number[] = STALLED_CHOICES.includes(days as (typeof STALLED_CHOICES)[number])
    ? [...STALLED_CHOICES]
    : [...STALLED_CHOICES, days].sort((a, b) => a - b);

  return (
    <section className="stack rr">
      <title>Regie op regie – Spil</title>
      <PageHeading>Regie op regie</PageHeading>
      <p className="lead">
        Huishoudens zonder regiehouder, huishoudens waar niets meer wordt teruggekoppeld, acties
        over de datum en de werklast in je wijkteam.
      </p>

      <ul className="rr-counts" aria-label="In het kort">
        <li className={counts.withoutRegie > 0 ? 'rr-count rr-count--alert' : 'rr-count'}>
          <a href="?regiehouder=geen#huishoudens">
            <span className="rr-count__n">{formatNumber(counts.withoutRegie)}</span> zonder
            regiehouder
          </a>
        </li>
        <li className={counts.stalled > 0 ? 'rr-count rr-count--alert' : 'rr-count'}>
          <a href="?vastgelopen=ja#huishoudens">
            <span className="rr-count__n">{formatNumber(counts.stalled)}</span> vastgelopen
          </a>
        </li>
        <li className={counts.overdue > 0 ? 'rr-count rr-count--alert' : 'rr-count'}>
          <a href="?achterstand=ja#huishoudens">
            <span className="rr-count__n">{formatNumber(counts.overdue)}</span>{' '}
            {counts.overdue === 1 ? 'actie' : 'acties'} te laat
          </a>
        </li>
      </ul>

      <p
        ref={messageRef}
        tabIndex={-1}
        role="status"
        className={message ? 'notice regie-message' : 'visually-hidden'}
      >
        {message}
      </p>

      <section aria-labelledby="zonder-regie" className="section">
        <h2 id="zonder-regie" tabIndex={-1}>
          Zonder regiehouder ({formatNumber(counts.withoutRegie)})
        </h2>
        {withoutRegie.length === 0 ? (
          <p>Elk huishouden in je wijkteam heeft een regiehouder.</p>
        ) : (
          <>
            <p className="hint">
              Kies een lid van het casusteam en klik op Toewijzen. De reden mag je aanpassen.
            </p>
            <ul className="card-grid rr-assign-list">
              {withoutRegie.slice(0, CARDS).map((h) => (
                <AssignCard key={h.householdId} household={h} onAssigned={assigned} />
              ))}
            </ul>
            {counts.withoutRegie > CARDS && (
              <p>
                <a href="?regiehouder=geen#huishoudens">
                  Alle {formatNumber(counts.withoutRegie)} huishoudens zonder regiehouder in de
                  tabel
                </a>
              </p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="huishoudens" className="section">
        <h2 id="huishoudens" tabIndex={-1}>
          Alle huishoudens
        </h2>
        <Form method="get" className="rr-filter" aria-label="Wanneer is een huishouden vastgelopen">
          <div className="field">
            <label htmlFor={`${id}-stil`}>Geen terugkoppeling in</label>
            <select id={`${id}-stil`} name="stil" defaultValue={String(days)}>
              {choices.map((n) => (
                <option key={n} value={n}>
                  {n} dagen
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="button"
            disabled={navigation.state !== 'idle' || fetching}
          >
            Tonen
          </button>
        </Form>
        <RegieTable stalledDays={days} onMessage={assigned} />
      </section>

      <section aria-labelledby="te-laat" className="section">
        <h2 id="te-laat" tabIndex={-1}>
          Acties over de datum ({formatNumber(counts.overdue)})
        </h2>
        {overdue.length === 0 ? (
          <p>Er zijn geen acties over de datum.</p>
        ) : (
          <>
            <ActionTable rows={overdue.slice(0, 20)} caption="Acties over de datum" showHousehold />
            {counts.overdue > 20 && (
              <p>
                De 20 oudste van {formatNumber(counts.overdue)}.{' '}
                <a href="?achterstand=ja#huishoudens">Huishoudens met acties over de datum</a>
              </p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="werklast" className="section">
        <h2 id="werklast" tabIndex={-1}>
          Werklast per professional
        </h2>
        <Workload rows={workload} />
      </section>
    </section>
  );
}
