import { formatEuro } from '../../lib/format';
import { ChartFigure } from './ChartFigure';
import { CENTS, KPI_FILL, KpiBarChart } from './KpiBarChart';

/** An amount per category (a month, a law, a wijk), in cents. */
export interface AmountRow {
  key: string;
  label: string;
  cents: number;
}

/**
 * A chart of amounts per category with its table: the category, and the
 * amount under `name` (in the table's header and the tooltip).
 */
export function AmountsFigure({
  title,
  summary,
  category,
  name,
  rows,
  empty,
  layout,
  height,
  labelWidth,
  fill = KPI_FILL.primary,
}: {
  title: string;
  summary: string;
  /** The header of the categories' column. */
  category: string;
  name: string;
  rows: AmountRow[];
  empty: string | undefined;
  layout: 'columns' | 'rows';
  height: number;
  labelWidth?: number;
  fill?: string;
}) {
  return (
    <ChartFigure
      title={title}
      summary={summary}
      rows={rows}
      columns={[
        { header: category, cell: (r) => r.label, rowHeader: true },
        { header: name, cell: (r) => formatEuro(r.cents) },
      ]}
      empty={empty}
    >
      <KpiBarChart
        data={rows}
        bars={[{ dataKey: 'cents', name, fill }]}
        measure={CENTS}
        layout={layout}
        height={height}
        labelWidth={labelWidth}
      />
    </ChartFigure>
  );
}
