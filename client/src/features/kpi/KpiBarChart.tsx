import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatChange, formatEuro, formatEuroWhole, formatNumber } from '../../lib/format';

/** The colours of the dashboard's bars (contrast checked against the white card). */
export const KPI_FILL = {
  primary: '#1f4e79',
  green: '#1d6b38',
  red: '#a4231b',
} as const;

const AXIS = { fontSize: 12, fill: '#1b1f24' };

/** How a chart's values are written on the value axis and in the tooltip. */
export interface Measure {
  tooltip: (value: number) => string;
  /** Tick labels; the axis' own numbers when absent. */
  tick?: (value: number) => string;
  /** Width of the value axis of a column chart, in px. */
  axisWidth: number;
  /** Room left of that axis, in px. */
  axisGap: number;
  allowDecimals?: boolean;
  domain?: [number, number];
  ticks?: number[];
  /** A line at zero, for a change that goes both ways. */
  zeroLine?: boolean;
}

/** Whole numbers: households, escalations. */
export const COUNT: Measure = {
  tooltip: formatNumber,
  axisWidth: 32,
  axisGap: 0,
  allowDecimals: false,
};
/** Amounts in cents, drawn as they are and written in euros. */
export const CENTS: Measure = {
  tooltip: formatEuro,
  tick: formatEuroWhole,
  axisWidth: 84,
  axisGap: 16,
};
/** An average change of the ZRM score, -4 to +4. */
export const ZRM_CHANGE: Measure = {
  tooltip: formatChange,
  tick: formatChange,
  axisWidth: 32,
  axisGap: 0,
  domain: [-4, 4],
  ticks: [-4, -2, 0, 2, 4],
  zeroLine: true,
};

export interface BarSeries<Row> {
  dataKey: keyof Row & string;
  /** In the tooltip and the legend. */
  name: string;
  /** One colour, or one per row. */
  fill: string | ((row: Row) => string);
  /** Series with the same stack id stand on each other. */
  stackId?: string;
}

/** The height of a chart with one bar per row: `perRow` px a row, at least `min`. */
export function rowsHeight(count: number, min: number, perRow = 36): number {
  return Math.max(min, count * perRow + 40);
}

/**
 * The drawing of a dashboard chart, to put inside a `ChartFigure` (which
 * gives it its text alternative). One look for every chart: the grid, the
 * axes, the tooltip and the bars. `columns` puts the categories along the
 * bottom; `rows` gives each category a bar of its own with its label on the
 * left.
 */
export function KpiBarChart<Row extends { key: string; label: string }>({
  data,
  bars,
  measure,
  layout = 'columns',
  height,
  labelWidth = 150,
  everyLabel = false,
  tiltLabels = false,
  legend = false,
}: {
  data: Row[];
  bars: BarSeries<Row>[];
  measure: Measure;
  layout?: 'columns' | 'rows';
  height: number;
  /** Width of the category labels of a `rows` chart, in px. */
  labelWidth?: number;
  /** Show the label of every column, also when they are crowded. */
  everyLabel?: boolean;
  /** Labels of the columns at a slant, for long names. */
  tiltLabels?: boolean;
  legend?: boolean;
}) {
  const rows = layout === 'rows';
  const value = {
    tick: AXIS,
    ...(measure.tick ? { tickFormatter: measure.tick } : {}),
    ...(measure.allowDecimals === false ? { allowDecimals: false } : {}),
    ...(measure.domain ? { domain: measure.domain } : {}),
    ...(measure.ticks ? { ticks: measure.ticks } : {}),
  };
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        accessibilityLayer={false}
        data={data}
        {...(rows ? { layout: 'vertical' as const } : {})}
        margin={
          rows
            ? { top: 8, right: 16, bottom: 8, left: 8 }
            : { top: 8, right: 8, bottom: tiltLabels ? 40 : 8, left: measure.axisGap }
        }
      >
        <CartesianGrid
          strokeDasharray="3 3"
          {...(rows ? { horizontal: false } : { vertical: false })}
        />
        {rows ? (
          <>
            <XAxis type="number" {...value} />
            <YAxis type="category" dataKey="label" tick={AXIS} width={labelWidth} />
          </>
        ) : (
          <>
            <XAxis
              dataKey="label"
              tick={AXIS}
              {...(everyLabel ? { interval: 0 } : {})}
              {...(tiltLabels ? { angle: -30, textAnchor: 'end' } : {})}
            />
            <YAxis {...value} width={measure.axisWidth} />
          </>
        )}
        {measure.zeroLine ? (
          <ReferenceLine {...(rows ? { x: 0 } : { y: 0 })} stroke="#1b1f24" />
        ) : null}
        <Tooltip formatter={(v, name) => [measure.tooltip(Number(v)), name]} />
        {legend ? <Legend /> : null}
        {bars.map((b) => {
          const perRow = typeof b.fill === 'function' ? b.fill : null;
          return (
            <Bar
              key={b.dataKey}
              dataKey={String(b.dataKey)}
              name={b.name}
              isAnimationActive={false}
              {...(perRow ? {} : { fill: b.fill as string })}
              {...(b.stackId ? { stackId: b.stackId } : {})}
            >
              {perRow ? data.map((r) => <Cell key={r.key} fill={perRow(r)} />) : null}
            </Bar>
          );
        })}
      </BarChart>
    </ResponsiveContainer>
  );
}
