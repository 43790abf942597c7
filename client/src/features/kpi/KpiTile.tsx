/** One key figure of the dashboard, in a `<dl className="kpi-tiles">`. */
export function KpiTile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="card kpi-tile">
      <dt>{label}</dt>
      <dd>
        <span className="kpi-tile__value">{value}</span>
        {note ? <span className="kpi-tile__note">{note}</span> : null}
      </dd>
    </div>
  );
}
