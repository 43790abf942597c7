import {
  type HouseholdDto,
  isHouseholdRole,
  MEETING_KIND_DESCRIPTIONS,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  type MeetingDto,
  type MeetingStatus,
  meetingIsPast,
} from '@spil/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { householdQueries } from '../../api/households';
import { useCurrentUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { formatDate, formatDuration, formatTimeSpan } from '../../lib/format';
import { keys, queryClient, useLoadedQuery } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { AttendanceForm } from './AttendanceForm';
import { householdPath } from '../households/household-tabs';
import { DecisionForm } from './DecisionForm';
import { EvaluationForm } from './EvaluationSection';
import { LiveNotes } from './LiveNotes';
import { MeetingEditForm } from './MeetingEditForm';
import { icsUrl, overlegQueries, updateMeeting } from './overleg-api';
import './overleg.css';

/** Mirrors the access policy for the notes document: a `lid` writes; an invited coördinator too. */
function notesWritable(meeting: MeetingDto, household: HouseholdDto, userId: string): boolean {
  if (household.myRole === 'lid') return true;
  return household.myRole === null && meeting.participants.some((p) => p.userId === userId);
}

function StatusControls({
  meeting,
  onChanged,
  onEdit,
}: {
  meeting: MeetingDto;
  onChanged: () => void;
  onEdit: () => void;
}) {
  const send = useSubmit(
    (status: MeetingStatus) => updateMeeting(meeting.householdId, meeting.id, { status }),
    { onSuccess: () => onChanged() },
  );
  const { busy, error } = send;
  const set = send.run;
  return (
    <>
      <div className="casus-toolbar">
        <button type="button" className="button" disabled={busy} onClick={onEdit}>
          Tijd, plaats of agenda wijzigen
        </button>
        {meeting.status !== 'afgerond' && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void set('afgerond')}
          >
            Markeer als gehouden
          </button>
        )}
        {meeting.status === 'gepland' && (
          <button
            type="button"
            className="button casus-danger"
            disabled={busy}
            onClick={() => void set('geannuleerd')}
          >
            Overleg annuleren
          </button>
        )}
        {meeting.status === 'geannuleerd' && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void set('gepland')}
          >
            Toch laten doorgaan
          </button>
        )}
      </div>
      <ErrorMessage message={error} />
    </>
  );
}

/** One overleg: agenda, live notes, decisions that become actions, attendance, and the evaluation of the collaboration. */
export function MeetingPage() {
  const params = useParams();
  const household = useLoadedQuery(householdQueries.detail(params.id ?? ''));
  const meeting = useLoadedQuery(overlegQueries.meeting(household.id, params.meetingId ?? ''));
  const user = useCurrentUser();
  // Changes by others come in as `household:changed` (see live-queries); own changes land here.
  const reload = () =>
    void queryClient.invalidateQueries({ queryKey: keys.household(household.id, 'meetings') });
  const [editing, setEditing] = useState(false);
  const canDecide = household.myRole === 'lid' && meeting.status !== 'geannuleerd';
  const professional = household.myRole === null || !isHouseholdRole(household.myRole);
  const past = meetingIsPast(meeting, new Date());

  return (
    <article className="stack">
      <title>{`${meeting.title} – ${household.displayName} – Spil`}</title>
      <header>
        <p className="breadcrumb">
          <Link to="/">Mijn huishoudens</Link>
          <span aria-hidden="true"> › </span>
          <Link to={householdPath(household.id, 'overleg')}>{household.displayName}</Link>
          <span aria-hidden="true"> › </span>
          <span>Overleg</span>
        </p>
        <PageHeading>{meeting.title}</PageHeading>
        <dl className="facts facts--inline">
          <div>
            <dt>Soort</dt>
            <dd>
              <span className="badge badge--kind" title={MEETING_KIND_DESCRIPTIONS[meeting.kind]}>
                {MEETING_KIND_LABELS[meeting.kind]}
              </span>
            </dd>
          </div>
          <div>
            <dt>Wanneer</dt>
            <dd>
              <time dateTime={meeting.startsAt}>
                {formatTimeSpan(meeting.startsAt, meeting.endsAt)}
              </time>{' '}
              ({formatDuration(meeting.durationMinutes)})
            </dd>
          </div>
          {meeting.location && (
            <div>
              <dt>Plaats</dt>
              <dd>{meeting.location}</dd>
            </div>
          )}
          {meeting.onlineUrl && (
            <div>
              <dt>Online</dt>
              <dd>
                <a href={meeting.onlineUrl} rel="noopener noreferrer" target="_blank">
                  Deelnemen aan het online overleg
                  <span className="visually-hidden"> (opent in een nieuw venster)</span>
                </a>
              </dd>
            </div>
          )}
          <div>
            <dt>Status</dt>
            <dd>
              <span className={`badge badge--${meeting.status}`}>
                {MEETING_STATUS_LABELS[meeting.status]}
              </span>
            </dd>
          </div>
        </dl>
        <div className="casus-toolbar">
          <a className="button" href={icsUrl(household.id, meeting.id)} download>
            In mijn agenda zetten (.ics)
          </a>
        </div>
        {meeting.canEdit && !editing && (
          <StatusControls meeting={meeting} onChanged={reload} onEdit={() => setEditing(true)} />
        )}
      </header>
      {editing && (
        <MeetingEditForm
          key={`${meeting.id}:${meeting.startsAt}`}
          meeting={meeting}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}

      <section className="section" aria-labelledby="agenda">
        <h2 id="agenda">Agenda</h2>
        {meeting.agenda.length === 0 ? (
          <p className="muted">Er is geen agenda.</p>
        ) : (
          <ol className="agenda-list">
            {meeting.agenda.map((a) => (
              <li key={a.id}>
                {a.titel}
                {a.toelichting && <span className="agenda-list__note">{a.toelichting}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="section" aria-labelledby="notities">
        <h2 id="notities">Notities</h2>
        <LiveNotes
          docName={meeting.notesDocName}
          label="Gezamenlijke notities"
          hint="Iedereen in het overleg schrijft hier tegelijk mee. Medische details horen in de medische notities."
          canEdit={notesWritable(meeting, household, user.id)}
          user={user}
          refusedText="Je hebt geen toegang (meer) tot de notities van dit overleg."
        />
      </section>

      <section className="section" aria-labelledby="besluiten">
        <h2 id="besluiten">Besluiten</h2>
        {meeting.decisions.length === 0 ? (
          <p className="muted">Er zijn nog geen besluiten vastgelegd.</p>
        ) : (
          <ul className="decision-list" aria-label="Vastgelegde besluiten">
            {meeting.decisions.map((d) => (
              <li key={d.id} data-decision={d.id}>
                <strong>{d.tekst}</strong>
                <br />
                Eigenaar: {d.eigenaarNaam} · deadline {formatDate(d.deadline)}
                {d.actieId && (
                  <>
                    {' · '}
                    <Link to={householdPath(household.id)}>actie in het plan</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {canDecide && (
          <DecisionForm household={household} meetingId={meeting.id} onDecided={reload} />
        )}
      </section>

      <section className="section" aria-labelledby="deelnemers">
        <h2 id="deelnemers">Deelnemers en aanwezigheid</h2>
        <AttendanceForm
          key={meeting.participants.map((p) => `${p.id}:${p.attendance ?? ''}`).join()}
          meeting={meeting}
          canEdit={meeting.canEdit}
          onSaved={reload}
        />
      </section>

      {professional && (past || meeting.status === 'afgerond') && (
        <section className="section" aria-labelledby="evaluatie">
          <h2 id="evaluatie">Hoe ging de samenwerking?</h2>
          <EvaluationForm householdId={household.id} meetingId={meeting.id} onSaved={reload} />
          <p>
            <Link to={householdPath(household.id, 'overleg', 'samenwerking')}>
              Alle evaluaties van de samenwerking
            </Link>
          </p>
        </section>
      )}
    </article>
  );
}
