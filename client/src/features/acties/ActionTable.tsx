import { ACTIE_STATUS_LABELS, type ActionRowDto } from '@spil/shared';
import { Link } from 'react-router-dom';
import { formatDateShort } from '../../lib/format';
import { ActionBadges } from './ActionBadges';
import { householdPath } from '../households/household-tabs';
import { formatDateTime } from '../../lib/format';
import './acties.css';

interface Props {
  rows: ActionRowDto[];
  /** What the table shows, for screen readers. */
  caption: string;
  /** Name the household of each action (lists across households). */
  showHousehold?: boolean;
  /** Mark my own actions. */
  myId?: string;
  /** Leave out the owner (a list of my own actions). */
  showOwner?: boolean;
}

function Owner({ row, myId }: { row: ActionRowDto; myId?: string }) {
  if (row.zonderEigenaar) {
    return (
      <>
        <span className="badge badge--zonder">Zonder eigenaar</span>
        {row.eigenaarId && (
          <span className="action-table__sub">Eigenaar staat niet meer in het team</span>
        )}
      </>
    );
  }
  return (
    <>
      {row.eigenaarNaam}
      {row.eigenaarId === myId && <span className="action-table__me"> (jij)</span>}
    </>
  );
}

function Last({ row }: { row: ActionRowDto }) {
  const t = row.laatsteTerugkoppeling;
  if (!t) return <span className="muted">Nog geen</span>;
  return (
    <>
      <span className="action-table__quote">{t.tekst}</span>
      <span className="action-table__sub">
        {t.auteurNaam}, <time dateTime={t.tijd}>{formatDateTime(t.tijd)}</time> ·{' '}
        {ACTIE_STATUS_LABELS[t.status]}
      </span>
    </>
  );
}

/**
 * Actions as a table: who, status, by when, what was last fed back. Below
 * 40rem each row becomes a block with its own labels (the roles keep the
 * table a table for screen readers).
 */
export function ActionTable({
  rows,
  caption,
  showHousehold = false,
  myId,
  showOwner = true,
}: Props) {
  return (
    <table className="action-table" role="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th scope="col" role="columnheader">
            Actie
          </th>
          {showOwner && (
            <th scope="col" role="columnheader">
              Eigenaar
            </th>
          )}
          <th scope="col" role="columnheader">
            Status
          </th>
          <th scope="col" role="columnheader">
            Uiterlijk
          </th>
          <th scope="col" role="columnheader">
            Laatste terugkoppeling
          </th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row) => (
          <tr
            key={row.id}
            role="row"
            className={[
              row.overdue ? 'action-table__row--overdue' : '',
              row.eigenaarId === myId && myId ? 'action-table__row--mine' : '',
            ]
              .filter(Boolean)
              .join(' ')}
          >
            <th scope="row" role="rowheader" className="action-table__titel">
              {row.titel || 'Actie zonder titel'}
              {showHousehold && (
                <span className="action-table__sub">
                  <Link to={householdPath(row.householdId)}>{row.householdName}</Link>
                </span>
              )}
            </th>
            {showOwner && (
              <td role="cell" data-label="Eigenaar">
                <Owner row={row} myId={myId} />
              </td>
            )}
            <td role="cell" data-label="Status">
              <ActionBadges status={row.status} overdue={row.overdue} />
            </td>
            <td role="cell" data-label="Uiterlijk" className="action-table__date">
              {row.deadline ? (
                <time dateTime={row.deadline}>{formatDateShort(row.deadline)}</time>
              ) : (
                <span className="muted">Geen datum</span>
              )}
            </td>
            <td role="cell" data-label="Laatste terugkoppeling">
              <Last row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
