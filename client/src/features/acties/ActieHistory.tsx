import { ACTIE_STATUS_LABELS, type StatusUpdate } from '@spil/shared';
import { useId } from 'react';
import { formatDateTime } from '../../lib/format';
import './acties.css';

/** Show this many at once; older ones behind "Oudere terugkoppelingen". */
const VISIBLE = 3;

function Update({ u }: { u: StatusUpdate }) {
  return (
    <li className="actie-history__item">
      <p className="actie-history__meta">
        <strong>{u.auteurNaam}</strong> · <time dateTime={u.tijd}>{formatDateTime(u.tijd)}</time> ·{' '}
        <span className={`badge badge--status-${u.status}`}>{ACTIE_STATUS_LABELS[u.status]}</span>
      </p>
      <p className="actie-history__tekst">{u.tekst}</p>
    </li>
  );
}

/** An action's terugkoppelingen (status updates), newest first. */
export function ActieHistory({ updates }: { updates: StatusUpdate[] }) {
  const id = useId();
  if (updates.length === 0) return null;
  const newest = [...updates].reverse();
  const recent = newest.slice(0, VISIBLE);
  const older = newest.slice(VISIBLE);
  return (
    <div className="actie-history" aria-labelledby={`${id}-kop`} role="group">
      <h5 id={`${id}-kop`} className="actie-history__kop">
        Terugkoppelingen ({updates.length})
      </h5>
      <ol className="actie-history__list">
        {recent.map((u) => (
          <Update key={u.id} u={u} />
        ))}
      </ol>
      {older.length > 0 && (
        <details className="actie-history__older">
          <summary>Oudere terugkoppelingen ({older.length})</summary>
          <ol className="actie-history__list">
            {older.map((u) => (
              <Update key={u.id} u={u} />
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
