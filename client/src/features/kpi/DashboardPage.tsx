/**
 * The coördinator's dashboard: households per phase and colour, time from
 * aanmelding to regiehouder, overdue actions, escalations, average ZRM
 * change per domain and costs avoided, for their wijkteam, filtered by wijk
 * and period, with CSV export.
 */
import {
  AVOIDED_EVENT_DEFAULTS,
  COLOUR_LABELS,
  ESCALATION_TARGET_LABELS,
  type KpiDto,
  type KpiQuery,
  LEVENSDOMEIN_LABELS,
  PHASE_LABELS,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import {
  formatChange,
  formatDate,
  formatDecimal,
  formatEuro,
  formatMonth,
  formatNumber,
} from '../../lib/format';
import { keys, queryOptions, useData } from '../../lib/query';
import { BarFigure } from './BarFigure';
import { ChartFigure } from './ChartFigure';
import { CENTS, COUNT, KPI_FILL, KpiBarChart, rowsHeight, ZRM_CHANGE } from './KpiBarChart';
import { KpiTile } from './KpiTile';
import { kpiApi, kpiQueryString } from './kpi-api';
import { PriceList } from './PriceList';
import { VoorzieningPriceList } from '../voorzieningen/VoorzieningPriceList';
import { VoorzieningenKpi } from './VoorzieningenKpi';
import './kpi.css';

const COLOUR_FILL = {
  groen: '#2e7d32',
  oranje: '#b45309',
  rood: '#c62828',
  geen: '#6b7785',
} as const;
function monthLabel(month: string): string {
  return /^\d{4}-\d{2}$/.test(month) ? formatMonth(`${month}-01`) : month;
}

function queryFrom(params: URLSearchParams): KpiQuery {
  const q: KpiQuery = {};
  const wijk = params.get('wijk');
  const from = params.get('van');
  const to = params.get('tot');
  if (wijk) q.wijk = wijk;
  if (from && /^\d{4}-\d{2}-\d{2}$/.test(from)) q.from = from;
  if (to && /^\d{4}-\d{2}-\d{2}$/.test(to)) q.to = to;
  return q;
}

function Filters({
  kpi,
  query,
  onApply,
}: {
  kpi: KpiDto | null;
  query: KpiQuery;
  onApply: (q: KpiQuery) => void;
}) {
  const id = useId();
  const [wijk, setWijk] = useState(query.wijk ?? '');
  const [from, setFrom] = useState(query.from ?? '');
  const [to, setTo] = useState(query.to ?? '');
  const [error, setError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (from && to && from > to) return setError('De begindatum ligt na de einddatum.');
    setError(null);
    onApply({ ...(wijk ? { wijk } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }
  return (
    <form
      className="card kpi-filters"
      onSubmit={submit}
      aria-labelledby={`${id}-t`}
      role="search"
      noValidate
    >
      <h2 id={`${id}-t`} className="kpi-filters__title">
        Filters
      </h2>
      <div className="kpi-filters__row">
        <div className="field">
          <label htmlFor={`${id}-wijk`}>Wijk</label>
          <select
            id={`${id}-wijk`}
            className="input"
            value={wijk}
            onChange={(e) => setWijk(e.target.value)}
          >
            <option value="">Alle wijken</option>
            {(kpi?.wijken ?? []).map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>Van</label>
          <input
            id={`${id}-from`}
            type="date"
            className="input"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Tot en met</label>
          <input
            id={`${id}-to`}
            type="date"
            className="input"
            value={to}
            aria-invalid={!!error || undefined}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary">
            Toepassen
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setWijk('');
              setFrom('');
              setTo('');
              setError(null);
              onApply({});
            }}
          >
            Wissen
          </button>
        </div>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}

function periodText(k: KpiDto): string {
  const { from, to, wijk } = k.filters;
  const where = wijk ? `wijk ${wijk}` : 'alle wijken';
  if (from && to) return `${where}, ${formatDate(from)} tot en met ${formatDate(to)}`;
  if (from) return `${where}, vanaf ${formatDate(from)}`;
  if (to) return `${where}, tot en met ${formatDate(to)}`;
  return `${where}, de hele periode`;
}

function Charts({ k }: { k: KpiDto }) {
  const phases = k.byPhase.map((p) => ({
    key: p.phase,
    label: PHASE_LABELS[p.phase],
    count: p.count,
  }));
  const colours = k.byColour.map((c) => ({
    key: c.colour,
    label: c.colour === 'geen' ? 'Geen quickscan' : COLOUR_LABELS[c.colour],
    count: c.count,
  }));
  const targets = k.escalations.byTarget.map((t) => ({
    key: t.target,
    label: ESCALATION_TARGET_LABELS[t.target],
    count: t.count,
  }));
  const zrm = k.zrmChange.map((z) => ({
    key: z.domain,
    label: LEVENSDOMEIN_LABELS[z.domain].label,
    change: z.averageChange,
    members: z.members,
  }));
  const zrmScored = zrm.filter((z) => z.change !== null);
  const months = k.costsAvoided.byMonth.map((m) => ({
    key: m.month,
    label: monthLabel(m.month),
    cents: m.totalCents,
  }));
  const events = k.costsAvoided.byEvent
    .map((e) => ({
      key: e.event,
      label: AVOIDED_EVENT_DEFAULTS[e.event].label,
      cents: e.totalCents,
    }))
    .sort((a, b) => b.cents - a.cents);
  const top = <T extends { count: number; label: string }>(xs: T[]) =>
    xs.reduce<T | null>((a, x) => (!a || x.count > a.count ? x : a), null);
  const topPhase = top(phases);
  const best = zrmScored.reduce<(typeof zrm)[number] | null>(
    (a, z) => (!a || (z.change ?? 0) > (a.change ?? 0) ? z : a),
    null,
  );

  return (
    <div className="kpi-grid">
      <BarFigure
        title="Huishoudens per fase"
        summary={`${formatNumber(k.households)} huishoudens; de meeste in fase ${topPhase?.label ?? '–'} (${topPhase?.count ?? 0}).`}
        category="Fase"
        header="Huishoudens"
        rows={phases}
        valueKey="count"
        measure={COUNT}
        empty={k.households === 0 ? 'Geen huishoudens in deze selectie.' : undefined}
        height={260}
        everyLabel
        tiltLabels
      />

      <BarFigure
        title="Huishoudens per kleur"
        summary={colours.map((c) => `${c.label}: ${formatNumber(c.count)}`).join(', ') + '.'}
        category="Kleur"
        header="Huishoudens"
        rows={colours}
        valueKey="count"
        measure={COUNT}
        empty={k.households === 0 ? 'Geen huishoudens in deze selectie.' : undefined}
        fill={(c) => COLOUR_FILL[c.key]}
        height={260}
        everyLabel
      />

      <BarFigure
        title="Escalaties per instantie"
        summary={`${formatNumber(k.escalations.started)} gestart in deze periode, ${formatNumber(k.escalations.open)} lopen nog.`}
        category="Instantie"
        header="Gestart"
        name="Escalaties"
        rows={targets}
        valueKey="count"
        measure={COUNT}
        empty={k.escalations.started === 0 ? 'Geen escalaties gestart in deze periode.' : undefined}
        fill={KPI_FILL.red}
        height={240}
        everyLabel
      />

      <ChartFigure
        title="Gemiddelde ZRM-verandering per domein"
        summary={
          best
            ? `Van intake naar evaluatie; de grootste vooruitgang op ${best.label} (${formatChange(best.change ?? 0)}).`
            : 'Nog geen gezinsleden met een score bij intake én evaluatie in deze periode.'
        }
        rows={zrm}
        columns={[
          { header: 'Levensdomein', cell: (r) => r.label, rowHeader: true },
          {
            header: 'Gemiddelde verandering',
            cell: (r) => (r.change === null ? '–' : formatChange(r.change)),
          },
          { header: 'Gezinsleden', cell: (r) => formatNumber(r.members) },
        ]}
        empty={
          zrmScored.length === 0
            ? 'Nog geen gezinsleden met een score bij intake én evaluatie.'
            : undefined
        }
      >
        <KpiBarChart
          data={zrmScored}
          bars={[
            {
              dataKey: 'change',
              name: 'Gemiddelde verandering',
              fill: (z) => ((z.change ?? 0) >= 0 ? KPI_FILL.green : KPI_FILL.red),
            },
          ]}
          measure={ZRM_CHANGE}
          layout="rows"
          height={rowsHeight(zrmScored.length, 220, 30)}
          labelWidth={170}
        />
      </ChartFigure>

      <BarFigure
        title="Vermeden maatschappelijke kosten per maand"
        summary={`${formatEuro(k.costsAvoided.totalCents)} bij ${formatNumber(k.costsAvoided.households)} huishoudens.`}
        category="Maand"
        header="Vermeden kosten"
        rows={months}
        valueKey="cents"
        measure={CENTS}
        empty={months.length === 0 ? 'Geen effectmetingen in deze periode.' : undefined}
        layout="columns"
        height={240}
        fill={KPI_FILL.green}
      />

      <BarFigure
        title="Vermeden kosten per gebeurtenis"
        summary={
          events[0]
            ? `Het meest vermeden: ${events[0].label} (${formatEuro(events[0].cents)}).`
            : 'Geen effectmetingen in deze periode.'
        }
        category="Gebeurtenis"
        header="Vermeden kosten"
        rows={events}
        valueKey="cents"
        measure={CENTS}
        empty={events.length === 0 ? 'Geen effectmetingen in deze periode.' : undefined}
        layout="rows"
        height={rowsHeight(events.length, 200, 34)}
        labelWidth={170}
      />
    </div>
  );
}

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const key = kpiQueryString(query);
  const kpi = useData(
    queryOptions({ queryKey: keys.wijkteam('kpi', key), queryFn: () => kpiApi.get(query) }),
    { keepPrevious: true },
  );
  const k = kpi.data;

  function apply(q: KpiQuery) {
    const next = new URLSearchParams();
    if (q.wijk) next.set('wijk', q.wijk);
    if (q.from) next.set('van', q.from);
    if (q.to) next.set('tot', q.to);
    setParams(next);
  }

  return (
    <article className="stack dashboard">
      <title>Dashboard – Spil</title>
      <header>
        <PageHeading>Dashboard</PageHeading>
        <p className="lead">
          {k ? `${k.wijkteam}: ${periodText(k)}` : 'Kerncijfers van je wijkteam.'}
        </p>
      </header>
      <Filters key={key} kpi={k ?? null} query={query} onApply={apply} />
      <ErrorMessage message={kpi.error} />
      {kpi.loading && !k ? (
        <p role="status" className="muted">
          Cijfers worden geladen…
        </p>
      ) : null}
      {k ? (
        <>
          <section aria-labelledby="kpi-kerncijfers">
            <div className="kpi-section-head">
              <h2 id="kpi-kerncijfers">Kerncijfers</h2>
              <a className="button" href={kpiApi.csvUrl(query)} download>
                Exporteren als CSV
              </a>
            </div>
            <dl className="kpi-tiles">
              <KpiTile label="Huishoudens" value={formatNumber(k.households)} />
              <KpiTile
                label="Van aanmelding tot regiehouder"
                value={
                  k.timeToRegie.averageDays === null
                    ? '–'
                    : `${formatDecimal(k.timeToRegie.averageDays)} dagen`
                }
                note={`gemiddeld; mediaan ${k.timeToRegie.medianDays === null ? '–' : formatDecimal(k.timeToRegie.medianDays)}; ${formatNumber(k.timeToRegie.withoutRegie)} nog zonder regiehouder`}
              />
              <KpiTile
                label="Acties over de deadline"
                value={
                  k.overdueActions === null ? 'Niet beschikbaar' : formatNumber(k.overdueActions)
                }
              />
              <KpiTile label="Lopende escalaties" value={formatNumber(k.escalations.open)} />
              <KpiTile
                label="Vermeden maatschappelijke kosten"
                value={formatEuro(k.costsAvoided.totalCents)}
                note={`${formatNumber(k.costsAvoided.households)} huishoudens`}
              />
            </dl>
          </section>
          <section aria-labelledby="kpi-grafieken">
            <h2 id="kpi-grafieken">Grafieken</h2>
            <Charts k={k} />
          </section>
          <VoorzieningenKpi v={k.voorzieningen} />
          <PriceList />
          <VoorzieningPriceList />
        </>
      ) : null}
    </article>
  );
}

export default DashboardPage;
