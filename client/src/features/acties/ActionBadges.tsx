import { ACTIE_STATUS_LABELS, type ActieStatus } from '@spil/shared';

/** Status, "Te laat" and "Zonder eigenaar", the same everywhere. */
export function ActionBadges({
  status,
  overdue,
  zonderEigenaar = false,
}: {
  status: ActieStatus;
  overdue: boolean;
  zonderEigenaar?: boolean;
}) {
  return (
    <span className="action-badges">
      <span className={`badge badge--status-${status}`}>{ACTIE_STATUS_LABELS[status]}</span>
      {overdue && <span className="badge badge--overdue">Te laat</span>}
      {zonderEigenaar && <span className="badge badge--zonder">Zonder eigenaar</span>}
    </span>
  );
}
