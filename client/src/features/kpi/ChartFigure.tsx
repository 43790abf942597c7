import { type ReactNode, useId } from 'react';

export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** The first column names the row. */
  rowHeader?: boolean;
}

/**
 * A chart with its text alternative: a caption, a one-sentence summary that
 * screen readers hear with the figure, and the same numbers as a table.
 * The drawing itself is hidden from assistive technology.
 */
export function ChartFigure<Row>({
  title,
  summary,
  rows,
  columns,
  children,
  empty,
}: {
  title: string;
  summary: string;
  rows: Row[];
  columns: TableColumn<Row>[];
  children: ReactNode;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string;
}) {
  const id = useId();
  return (
    <figure
      className="card kpi-figure"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-s`}
      data-testid="kpi-chart"
    >
      <figcaption id={`${id}-t`} className="kpi-figure__title">
        {title}
      </figcaption>
      <p id={`${id}-s`} className="kpi-figure__summary">
        {summary}
      </p>
      {empty ? (
        <p className="muted kpi-figure__empty">{empty}</p>
      ) : (
        <div className="kpi-figure__chart" aria-hidden="true">
          {children}
        </div>
      )}
      <details className="kpi-figure__table">
        <summary>Cijfers als tabel</summary>
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.header} scope="row">
                      {c.cell(r)}
                    </th>
                  ) : (
                    <td key={c.header}>{c.cell(r)}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
