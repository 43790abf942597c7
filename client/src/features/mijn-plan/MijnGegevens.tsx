import { AccessLogEntryDto, type HouseholdSummaryDto } from '@spil/shared';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { request } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, formatDateTime } from '../../lib/format';
import { keys, queryOptions, useData } from '../../lib/query';

const PERIODS = {
  week: { label: 'De afgelopen week', days: 7 },
  maand: { label: 'De afgelopen maand', days: 31 },
  kwartaal: { label: 'De afgelopen 3 maanden', days: 92 },
  jaar: { label: 'Het afgelopen jaar', days: 366 },
  alles: { label: 'Alles', days: null },
} as const;
type Period = keyof typeof PERIODS;

function periodOf(sp: URLSearchParams): Period {
  const p = sp.get('periode');
  return p && p in PERIODS ? (p as Period) : 'maand';
}

export const accessLogQuery = () =>
  queryOptions({
    queryKey: keys.me('access-log'),
    queryFn: () => request('GET', '/api/me/access-log', z.array(AccessLogEntryDto)),
  });

/**
 * For the inwoner and naasten: "Wie heeft mijn dossier bekeken" (NEN 7513:
 * when, who with which role and organisation, what and which action), by
 * period, and the download of everything Spil holds (the AVG inzage).
 */
export function MijnGegevens({ household }: { household: HouseholdSummaryDto }) {
  const id = useId();
  const [sp, setSp] = useSearchParams();
  const period = periodOf(sp);
  const log = useData(accessLogQuery());
  const days = PERIODS[period].days;
  // The period counts back from when the page opened.
  const [now] = useState(() => Date.now());
  const since = days === null ? 0 : now - days * 86400_000;
  const rows = (log.data ?? [])
    .filter((e) => e.householdId === household.id && Date.parse(e.at) >= since)
    .reverse(); // newest first
  const exportBase = `/api/households/${encodeURIComponent(household.id)}/export`;
  return (
    <>
      <section className="mp-section mp-access" aria-labelledby={`${id}-log`}>
        <h2 id={`${id}-log`}>Wie heeft mijn dossier bekeken</h2>
        <p>
          Hier zie je wie jouw gegevens in Spil heeft bekeken of veranderd, wanneer, vanuit welke
          organisatie en wat er gebeurde.
        </p>
        <div className="field mp-access__period">
          <label htmlFor={`${id}-periode`}>Periode</label>
          <select
            id={`${id}-periode`}
            value={period}
            onChange={(e) =>
              setSp(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  next.set('periode', e.target.value);
                  return next;
                },
                { replace: true },
              )
            }
          >
            {Object.entries(PERIODS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage message={log.error} />
        {log.loading ? (
          <p role="status">Het overzicht wordt geladen…</p>
        ) : rows.length === 0 ? (
          <p>In deze periode heeft niemand je dossier bekeken.</p>
        ) : (
          <ol className="mp-access__list" aria-label="Wie heeft mijn dossier bekeken">
            {rows.map((e, i) => (
              <li key={`${e.at}-${i}`} className="mp-access__item">
                <p className="mp-access__when">{formatDateTime(e.at)}</p>
                <p className="mp-access__what">{e.sentence}</p>
                {e.count > 1 && (
                  <p className="muted">{formatCount(e.count, 'keer', 'keer')} kort na elkaar</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {household.myRole === 'inwoner' && (
        <section className="mp-section" aria-labelledby={`${id}-download`}>
          <h2 id={`${id}-download`}>Mijn gegevens downloaden</h2>
          <p>
            Je hebt het recht om alles te zien wat Spil over jouw huishouden bewaart. Download het
            als leesbaar document of als bestand voor een computer.
          </p>
          <p className="mp-download">
            <a className="button" href={`${exportBase}?format=html`} download="mijn-gegevens.html">
              Download als document (HTML)
            </a>{' '}
            <a className="button" href={`${exportBase}?format=json`} download="mijn-gegevens.json">
              Download als bestand (JSON)
            </a>
          </p>
        </section>
      )}
    </>
  );
}
