/**
 * What the support in the wijkteam's plans costs: per month (trend, light
 * support against maatwerk), per law and per wijk, and the substitution
 * figure of seed 003: the share of the costs in algemene voorzieningen and
 * eigen kracht.
 */
import { type KpiVoorzieningenDto, WET_LABELS } from '@spil/shared';
import { formatEuro, formatMonth, formatNumber, formatPercent } from '../../lib/format';
import { BarFigure } from './BarFigure';
import { ChartFigure } from './ChartFigure';
import { CENTS, KPI_FILL, KpiBarChart, rowsHeight } from './KpiBarChart';
import { KpiTile } from './KpiTile';

const NONE = 'Geen voorzieningen in deze periode.';

/** "Wmo € 1.200,00, Jeugdwet € 800,00." */
function amountsSentence(rows: { label: string; cents: number }[]): string {
  return rows.length ? rows.map((r) => `${r.label} ${formatEuro(r.cents)}`).join(', ') + '.' : NONE;
}

export function VoorzieningenKpi({ v }: { v: KpiVoorzieningenDto }) {
  const months = v.byMonth.map((m) => ({
    key: m.month,
    label: formatMonth(`${m.month}-01`),
    licht: m.lichtCents,
    maatwerk: m.totalCents - m.lichtCents,
    totalCents: m.totalCents,
    aandeel: m.aandeelLicht,
  }));
  const wetten = v.byWet.map((w) => ({
    key: w.wet,
    label: WET_LABELS[w.wet],
    cents: w.totalCents,
  }));
  const wijken = v.byWijk.map((w) => ({ key: w.wijk, label: w.wijk, cents: w.totalCents }));
  const s = v.substitutie;
  const first = months.find((m) => m.aandeel !== null);
  const last = [...months].reverse().find((m) => m.aandeel !== null);
  const none = v.totalCents === 0 ? NONE : undefined;
  return (
    <section aria-labelledby="kpi-voorzieningen">
      <h2 id="kpi-voorzieningen">Voorzieningen en kosten</h2>
      <dl className="kpi-tiles">
        <KpiTile
          label="Kosten voorzieningen in de periode"
          value={formatEuro(v.totalCents)}
          note={`${formatNumber(v.households)} huishoudens`}
        />
        <KpiTile
          label="Lichte ondersteuning (substitutie)"
          value={s.aandeelLicht === null ? '–' : formatPercent(s.aandeelLicht)}
          note={`van de kosten in algemene voorzieningen en eigen kracht (${formatEuro(s.lichtCents)}); maatwerk ${formatEuro(s.maatwerkCents)}`}
        />
        <KpiTile
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
              : NONE
          }
          rows={months}
          columns={[
            { header: 'Maand', cell: (r) => r.label, rowHeader: true },
            { header: 'Totaal', cell: (r) => formatEuro(r.totalCents) },
            { header: 'Licht', cell: (r) => formatEuro(r.licht) },
            {
              header: 'Aandeel licht',
              cell: (r) => (r.aandeel === null ? '–' : formatPercent(r.aandeel)),
            },
          ]}
          empty={none}
        >
          <KpiBarChart
            data={months}
            bars={[
              {
                dataKey: 'maatwerk',
                name: 'Maatwerk (zorg in natura, pgb)',
                stackId: 'k',
                fill: KPI_FILL.primary,
              },
              {
                dataKey: 'licht',
                name: 'Algemene voorziening, eigen kracht',
                stackId: 'k',
                fill: KPI_FILL.green,
              },
            ]}
            measure={CENTS}
            height={260}
            legend
          />
        </ChartFigure>
        {[
          { title: 'per wet', category: 'Wet', rows: wetten, min: 180, labelWidth: 150 },
          { title: 'per wijk', category: 'Wijk', rows: wijken, min: 160, labelWidth: 130 },
        ].map((f) => (
          <BarFigure
            key={f.category}
            title={`Kosten voorzieningen ${f.title}`}
            summary={amountsSentence(f.rows)}
            category={f.category}
            header="Kosten"
            rows={f.rows}
            valueKey="cents"
            measure={CENTS}
            empty={none}
            layout="rows"
            height={rowsHeight(f.rows.length, f.min)}
            labelWidth={f.labelWidth}
          />
        ))}
      </div>
    </section>
  );
}
