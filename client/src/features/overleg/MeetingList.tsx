import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS, type MeetingDto } from '@spil/shared';
import { Link } from 'react-router-dom';
import { formatDuration, formatTimeSpan } from '../../lib/format';

interface Props {
  meetings: MeetingDto[];
  empty: string;
  /** Show which household each meeting is for ("Mijn overleggen"). */
  showHousehold?: boolean;
  headingLevel?: 3 | 4;
}

export function MeetingList({ meetings, empty, showHousehold = false, headingLevel = 4 }: Props) {
  if (meetings.length === 0) return <p className="muted">{empty}</p>;
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul className="meeting-list">
      {meetings.map((m) => (
        <li key={m.id} className="card meeting-item" data-meeting={m.id}>
          <H className="meeting-item__title">
            <Link to={`/huishoudens/${m.householdId}/overleg/${m.id}`}>
              {m.title}
              {showHousehold && <span className="muted"> · {m.householdName}</span>}
            </Link>
          </H>
          <p className="meeting-item__meta">
            <time dateTime={m.startsAt}>{formatTimeSpan(m.startsAt, m.endsAt)}</time> (
            {formatDuration(m.durationMinutes)})
          </p>
          <p className="meeting-item__meta">
            <span className="badge badge--kind">{MEETING_KIND_LABELS[m.kind]}</span>{' '}
            {m.status !== 'gepland' && (
              <span className={`badge badge--${m.status}`}>{MEETING_STATUS_LABELS[m.status]}</span>
            )}{' '}
            {m.location ?? (m.onlineUrl ? 'Online' : '')}
            {m.decisions.length > 0 &&
              ` · ${m.decisions.length === 1 ? '1 besluit' : `${m.decisions.length} besluiten`}`}
          </p>
        </li>
      ))}
    </ul>
  );
}
