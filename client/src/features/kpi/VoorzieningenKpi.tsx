/**
 * What the support in the wijkteam's plans costs: per month (trend, light
 * support against maatwerk), per law and per wijk, and the substitution
 * figure of seed 003: the share of the costs in algemene voorzieningen and
 * eigen kracht.
 */
import { type KpiVoorzieningenDto, WET_LABELS } from '@spil/shared';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatEuro,
  formatEuroWhole,
  formatMonth,
  formatNumber,
  formatPercent,
} from '../../lib/format';
import { ChartFigure } from './ChartFigure';

const AXIS = { fontSize: 12, fill: '#1b1f24' };
const LIGHT = '#1d6b38';
const MAATWERK = '#1f4e79';

function Tile({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="card kpi-tile">
      <dt>{label}</dt>
      <dd>
        <span className="kpi-tile__value">{value}</span>
        <span className="kpi-tile__note">{note}</span>
      </dd>
    </div>
  );
}

export function VoorzieningenKpi({ v }: { v: KpiVoorzieningenDto }) {
  const months = v.byMonth.map((m) => ({
    key: m.month,
    label: formatMonth(`${m.month}-01`),
    licht: m.lichtCents / 100,
    maatwerk: (m.totalCents - m.lichtCents) / 100,
    totalCents: m.totalCents,
    lichtCents: m.lichtCents,
    aandeel: m.aandeelLicht,
  }));
  const wetten = v.byWet.map((w) => ({
    key: w.wet,
    label: WET_LABELS[w.wet],
    euros: w.totalCents / 100,
    cents: w.totalCents,
  }));
  const wijken = v.byWijk.map((w) => ({
    key: w.wijk,
    label: w.wijk,
    euros: w.totalCents / 100,
    cents: w.totalCents,
  }));
  const s = v.substitutie;
  const first = months.find((m) => m.aandeel !== null);
  const last = [...months].reverse().find((m) => m.aandeel !== null);
  const none = v.totalCents === 0 ? 'Geen voorzieningen in deze periode.' : undefined;
  return (
    <section aria-labelledby="kpi-voorzieningen">
      <h2 id="kpi-voorzieningen">Voorzieningen en kosten</h2>
      <dl className="kpi-tiles">
        <Tile
          label="Kosten voorzieningen in de periode"
          value={formatEuro(v.totalCents)}
          note={`${formatNumber(v.households)} huishoudens`}
        />
        <Tile
          label="Lichte ondersteuning (substitutie)"
          value={s.aandeelLicht === null ? '–' : formatPercent(s.aandeelLicht)}
          note={`van de kosten in algemene voorzieningen en eigen kracht (${formatEuro(s.lichtCents)}); maatwerk ${formatEuro(s.maatwerkCents)}`}
        />
        <Tile
          label="Aantal voorzieningen"
          value={formatNumber(s.lichtAantal + s.maatwerkAantal)}
          note={`${formatNumber(s.lichtAantal)} licht, ${formatNumber(s.maatwerkAantal)} maatwerk`}
        />
      </dl>
      <div className="kpi-grid">
        <ChartFigure
          title="Kosten voorzieningen per maand: licht en maatwerk"
          summary={
            first && last && first.aandeel !== null && last.aandeel !== null
              ? `Het aandeel lichte ondersteuning ging van ${formatPercent(first.aandeel)} in ${first.label} naar ${formatPercent(last.aandeel)} in ${last.label}.`
              : 'Geen voorzieningen in deze periode.'
          }
          rows={months}
          columns={[
            { header: 'Maand', cell: (r) => r.label, rowHeader: true },
            { header: 'Totaal', cell: (r) => formatEuro(r.totalCents) },
            { header: 'Licht', cell: (r) => formatEuro(r.lichtCents) },
            {
              header: 'Aandeel licht',
              cell: (r) => (r.aandeel === null ? '–' : formatPercent(r.aandeel)),
            },
          ]}
          empty={none}
        >
          <ResponsiveContainer width="100%" height={260}>
            <BarChart
              accessibilityLayer={false}
              data={months}
              margin={{ top: 8, right: 8, bottom: 8, left: 16 }}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={AXIS} />
              <YAxis
                tick={AXIS}
                width={84}
                tickFormatter={(x: number) => formatEuroWhole(x * 100)}
              />
              <Tooltip formatter={(x, name) => [formatEuro(Number(x) * 100), name]} />
              <Legend />
              <Bar
                dataKey="maatwerk"
                name="Maatwerk (zorg in natura, pgb)"
                stackId="k"
                fill={MAATWERK}
                isAnimationActive={false}
              />
              <Bar
                dataKey="licht"
                name="Algemene voorziening, eigen kracht"
                stackId="k"
                fill={LIGHT}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
        <ChartFigure
          title="Kosten voorzieningen per wet"
          summary={
            wetten.length
              ? wetten.map((w) => `${w.label} ${formatEuro(w.cents)}`).join(', ') + '.'
              : 'Geen voorzieningen in deze periode.'
          }
          rows={wetten}
          columns={[
            { header: 'Wet', cell: (r) => r.label, rowHeader: true },
            { header: 'Kosten', cell: (r) => formatEuro(r.cents) },
          ]}
          empty={none}
        >
          <ResponsiveContainer width="100%" height={Math.max(180, wetten.length * 36 + 40)}>
            <BarChart
              accessibilityLayer={false}
              data={wetten}
              layout="vertical"
              margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis
                type="number"
                tick={AXIS}
                tickFormatter={(x: number) => formatEuroWhole(x * 100)}
              />
              <YAxis type="category" dataKey="label" tick={AXIS} width={150} />
              <Tooltip formatter={(x) => [formatEuro(Number(x) * 100), 'Kosten']} />
              <Bar dataKey="euros" name="Kosten" fill={MAATWERK} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
        <ChartFigure
          title="Kosten voorzieningen per wijk"
          summary={
            wijken.length
              ? wijken.map((w) => `${w.label} ${formatEuro(w.cents)}`).join(', ') + '.'
              : 'Geen voorzieningen in deze periode.'
          }
          rows={wijken}
          columns={[
            { header: 'Wijk', cell: (r) => r.label, rowHeader: true },
            { header: 'Kosten', cell: (r) => formatEuro(r.cents) },
          ]}
          empty={none}
        >
          <ResponsiveContainer width="100%" height={Math.max(160, wijken.length * 36 + 40)}>
            <BarChart
              accessibilityLayer={false}
              data={wijken}
              layout="vertical"
              margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis
                type="number"
                tick={AXIS}
                tickFormatter={(x: number) => formatEuroWhole(x * 100)}
              />
              <YAxis type="category" dataKey="label" tick={AXIS} width={130} />
              <Tooltip formatter={(x) => [formatEuro(Number(x) * 100), 'Kosten']} />
              <Bar dataKey="euros" name="Kosten" fill={MAATWERK} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      </div>
    </section>
  );
}
