import { ChartFigure } from './ChartFigure';
import { KPI_FILL, KpiBarChart, type Measure } from './KpiBarChart';

/**
 * A chart of one value per category (a phase, a month, a law) with its
 * table: the category, and the value under `header`, written as `measure`
 * writes it (in the table and the tooltip).
 */
export function BarFigure<Row extends { key: string; label: string }>({
  title,
  summary,
  category,
  header,
  name = header,
  rows,
  valueKey,
  measure,
  empty,
  fill = KPI_FILL.primary,
  ...chart
}: {
  title: string;
  summary: string;
  /** The header of the categories' column. */
  category: string;
  /** The header of the values' column. */
  header: string;
  /** The name of the values in the tooltip, when not `header`. */
  name?: string;
  rows: Row[];
  valueKey: keyof Row & string;
  measure: Measure;
  empty: string | undefined;
  fill?: string | ((row: Row) => string);
  layout?: 'columns' | 'rows';
  height: number;
  labelWidth?: number;
  everyLabel?: boolean;
  tiltLabels?: boolean;
}) {
  return (
    <ChartFigure
      title={title}
      summary={summary}
      rows={rows}
      columns={[
        { header: category, cell: (r) => r.label, rowHeader: true },
        { header, cell: (r) => measure.tooltip(Number(r[valueKey])) },
      ]}
      empty={empty}
    >
      <KpiBarChart
        data={rows}
        bars={[{ dataKey: valueKey, name, fill }]}
        measure={measure}
        {...chart}
      />
    </ChartFigure>
  );
}
