import { COLOUR_LABELS, PHASE_LABELS, type RegieHouseholdRowDto, type UserDto } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, formatDateShort, formatNumber } from '../../lib/format';
import { keys, queryOptions, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { HouseholdFilterBar, Pager, professionalsQuery } from '../households/HouseholdFilterBar';
import { householdPath } from '../households/household-tabs';
import {
  filtersFromSearch,
  type HouseholdFilterState,
  toListParams,
  useHouseholdFilters,
} from '../households/household-filters';
import '../households/caseload.css';
import { assignRegie, assignRegieMany, regieHouseholds } from './regie-api';

export const REGIE_PAGE_SIZE = 25;

function vastgelopenOf(sp: URLSearchParams): boolean {
  return sp.get('vastgelopen') === 'ja';
}

/** The table's query for the filters in this URL (the route loader fetches it first). */
export function regieTableQuery(sp: URLSearchParams, stalledDays: number) {
  return regieTableQueryOf(filtersFromSearch(sp), vastgelopenOf(sp), stalledDays);
}

function regieTableQueryOf(f: HouseholdFilterState, vastgelopen: boolean, stalledDays: number) {
  const params = {
    ...toListParams(f, REGIE_PAGE_SIZE),
    scope: undefined,
    vastgelopen: vastgelopen ? ('true' as const) : undefined,
    stalledDays,
  };
  return queryOptions({
    queryKey: keys.wijkteam('regie', 'huishoudens', params),
    queryFn: () => regieHouseholds(params),
  });
}

/** Give one household's regie to a lid of its team, with the page's reason. */
function AssignControl({ row, reason }: { row: RegieHouseholdRowDto; reason: string }) {
  const id = useId();
  const h = row.household;
  const [userId, setUserId] = useState(h.regie?.userId ?? '');
  const send = useSubmit(() => assignRegie(h.id, { userId, reason: reason.trim() }), {
    invalidates: [keys.wijkteam(), keys.households(), keys.household(h.id)],
  });
  if (row.candidates.length === 0)
    return (
      <Link to={householdPath(h.id, 'team')}>
        Eerst een teamlid<span className="visually-hidden"> voor {h.displayName}</span>
      </Link>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!userId) return send.fail('Kies eerst iemand.');
    if (reason.trim().length < 3)
      return send.fail('Schrijf bovenaan een reden van minstens 3 tekens.');
    void send.run();
  };
  return (
    <form className="rr-row-assign" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-who`} className="visually-hidden">
        Regiehouder voor {h.displayName}
      </label>
      <select id={`${id}-who`} value={userId} onChange={(e) => setUserId(e.target.value)}>
        <option value="">Kies…</option>
        {row.candidates.map((c) => (
          <option key={c.userId} value={c.userId}>
            {c.name}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--small"
        disabled={send.busy || !userId || userId === h.regie?.userId}
      >
        Toewijzen<span className="visually-hidden"> aan {h.displayName}</span>
      </button>
      <ErrorMessage message={send.error} />
    </form>
  );
}

/** Several selected households to one professional, with the page's reason. */
function BulkAssign({
  selected,
  reason,
  people,
  onDone,
}: {
  selected: string[];
  reason: string;
  people: UserDto[];
  onDone: (message: string) => void;
}) {
  const id = useId();
  const [userId, setUserId] = useState('');
  const send = useSubmit(
    () => assignRegieMany({ householdIds: selected, userId, reason: reason.trim() }),
    {
      invalidates: [keys.wijkteam(), keys.households()],
      onSuccess: (r) =>
        onDone(
          `${formatCount(r.assigned.length, 'huishouden', 'huishoudens')} toegewezen.` +
            (r.refused.length
              ? ` ${formatCount(r.refused.length, 'huishouden', 'huishoudens')} niet: ${r.refused[0]?.message ?? ''}`
              : ''),
        ),
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!userId) return send.fail('Kies eerst wie de regie krijgt.');
    if (reason.trim().length < 3) return send.fail('Schrijf een reden van minstens 3 tekens.');
    void send.run();
  };
  return (
    <form className="rr-bulk" onSubmit={submit} noValidate aria-label="Geselecteerde toewijzen">
      <div className="field">
        <label htmlFor={`${id}-who`}>
          {formatCount(selected.length, 'geselecteerd huishouden', 'geselecteerde huishoudens')}{' '}
          toewijzen aan
        </label>
        <select id={`${id}-who`} value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">Kies…</option>
          {people.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="button button--primary"
        disabled={send.busy || selected.length === 0}
      >
        Toewijzen
      </button>
      <ErrorMessage message={send.error} />
    </form>
  );
}

/** Regie op regie at scale: filters, a row per household with an assign control, bulk assignment. */
export function RegieTable({
  stalledDays,
  onMessage,
}: {
  stalledDays: number;
  onMessage: (m: string) => void;
}) {
  const id = useId();
  const [sp, setSp] = useSearchParams();
  const [filters, setFilters] = useHouseholdFilters();
  const vastgelopen = vastgelopenOf(sp);
  const data = useData(regieTableQueryOf(filters, vastgelopen, stalledDays), {
    keepPrevious: true,
  });
  const people = useData(professionalsQuery()).data ?? [];
  const [reason, setReason] = useState('Toegewezen via Regie op regie');
  const [selected, setSelected] = useState<string[]>([]);
  const rows = data.data?.items ?? [];
  const total = data.data?.total ?? 0;
  const toggle = (hid: string, on: boolean) =>
    setSelected((s) => (on ? [...new Set([...s, hid])] : s.filter((x) => x !== hid)));
  const allOnPage = rows.length > 0 && rows.every((r) => selected.includes(r.household.id));
  const setVastgelopen = (on: boolean) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (on) next.set('vastgelopen', 'ja');
      else next.delete('vastgelopen');
      next.delete('pagina');
      return next;
    });

  return (
    <div className="stack">
      <HouseholdFilterBar filters={filters} onChange={setFilters} showScope={false} />
      <div className="rr-table-tools">
        <label className="rr-check">
          <input
            type="checkbox"
            checked={vastgelopen}
            onChange={(e) => setVastgelopen(e.target.checked)}
          />{' '}
          Alleen vastgelopen (in uitvoering, open acties, {stalledDays} dagen geen terugkoppeling)
        </label>
        <div className="field rr-reason">
          <label htmlFor={`${id}-reason`}>Reden bij toewijzen</label>
          <input
            id={`${id}-reason`}
            type="text"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </div>
      <p className="lead" role="status">
        {data.loading
          ? 'Huishoudens worden geladen…'
          : `${formatNumber(total)} ${total === 1 ? 'huishouden' : 'huishoudens'}`}
      </p>
      <ErrorMessage message={data.error} />
      {selected.length > 0 && (
        <BulkAssign
          selected={selected}
          reason={reason}
          people={people}
          onDone={(m) => {
            setSelected([]);
            onMessage(m);
          }}
        />
      )}
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Huishoudens en regie" tabIndex={0}>
          <table className="caseload-table caseload-table--stack rr-households">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Alle huishoudens op deze pagina selecteren"
                    checked={allOnPage}
                    onChange={(e) => rows.forEach((r) => toggle(r.household.id, e.target.checked))}
                  />
                </th>
                <th scope="col">Huishouden</th>
                <th scope="col">Fase</th>
                <th scope="col">Kleur</th>
                <th scope="col">Open acties</th>
                <th scope="col">Laatste terugkoppeling</th>
                <th scope="col">Regiehouder</th>
                <th scope="col">Toewijzen</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const h = r.household;
                return (
                  <tr key={h.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${h.displayName} selecteren`}
                        checked={selected.includes(h.id)}
                        onChange={(e) => toggle(h.id, e.target.checked)}
                      />
                    </td>
                    <th scope="row">
                      <Link to={`/huishoudens/${h.id}`}>{h.displayName}</Link>
                      {r.stalled && <span className="badge badge--overdue">Vastgelopen</span>}
                      {h.openEscalation && <span className="badge badge--overdue">Escalatie</span>}
                    </th>
                    <td data-label="Fase">{PHASE_LABELS[h.phase]}</td>
                    <td data-label="Kleur">{h.colour ? COLOUR_LABELS[h.colour] : '–'}</td>
                    <td data-label="Open acties">
                      {formatNumber(r.openActions)}
                      {(h.overdueActions ?? 0) > 0 && (
                        <span className="rr-late">
                          {' '}
                          ({formatNumber(h.overdueActions ?? 0)} te laat)
                        </span>
                      )}
                    </td>
                    <td data-label="Laatste terugkoppeling">
                      {r.lastTerugkoppeling ? formatDateShort(r.lastTerugkoppeling) : 'Nog nooit'}
                    </td>
                    <td data-label="Regiehouder">
                      {h.regie ? (
                        h.regie.name
                      ) : (
                        <strong className="text-warning">Nog niemand</strong>
                      )}
                    </td>
                    <td>
                      <AssignControl row={r} reason={reason} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.length === 0 && !data.loading && <p>Geen huishoudens met deze filters.</p>}
      <Pager
        page={filters.pagina}
        pageSize={REGIE_PAGE_SIZE}
        total={total}
        onPage={(pagina) => setFilters({ pagina })}
        label="Pagina's van Regie op regie"
      />
    </div>
  );
}
