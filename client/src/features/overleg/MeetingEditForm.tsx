import type { AgendaItem, MeetingDto } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { errorMessage } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { AgendaEditor } from './AgendaEditor';
import { updateMeeting } from './overleg-api';

const DURATIONS = [15, 30, 45, 60, 90, 120, 180];

/** Reschedule or move an overleg and edit its agenda; calendars pick up the change by its sequence. */
export function MeetingEditForm({
  meeting,
  onSaved,
  onCancel,
}: {
  meeting: MeetingDto;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState(meeting.title);
  const [date, setDate] = useState(meeting.date);
  const [time, setTime] = useState(meeting.time);
  const [duration, setDuration] = useState(meeting.durationMinutes);
  const [location, setLocation] = useState(meeting.location ?? '');
  const [onlineUrl, setOnlineUrl] = useState(meeting.onlineUrl ?? '');
  const [agenda, setAgenda] = useState<AgendaItem[]>(meeting.agenda);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await updateMeeting(meeting.householdId, meeting.id, {
        title,
        date,
        time,
        durationMinutes: duration,
        location: location.trim() || null,
        onlineUrl: onlineUrl.trim() || null,
        agenda: agenda.filter((a) => a.titel.trim()),
      });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  const durations = DURATIONS.includes(duration)
    ? DURATIONS
    : [...DURATIONS, duration].sort((a, b) => a - b);
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Overleg wijzigen</h2>
      <div className="field">
        <label htmlFor={`${id}-t`}>Titel</label>
        <input
          id={`${id}-t`}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-d`}>Datum</label>
          <input
            id={`${id}-d`}
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>Begintijd</label>
          <input
            id={`${id}-time`}
            type="time"
            required
            step={300}
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-dur`}>Duur</label>
          <select
            id={`${id}-dur`}
            value={duration}
            onChange={(e) => setDuration(Number(e.target.value))}
          >
            {durations.map((d) => (
              <option key={d} value={d}>
                {d} minuten
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-loc`}>Plaats</label>
          <input
            id={`${id}-loc`}
            value={location}
            maxLength={200}
            onChange={(e) => setLocation(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-url`}>Link voor online overleg</label>
          <input
            id={`${id}-url`}
            type="url"
            placeholder="https://"
            value={onlineUrl}
            maxLength={500}
            onChange={(e) => setOnlineUrl(e.target.value)}
          />
        </div>
      </div>
      <section aria-labelledby={`${id}-agenda`}>
        <h3 id={`${id}-agenda`}>Agenda</h3>
        <AgendaEditor items={agenda} onChange={setAgenda} />
      </section>
      <ErrorMessage message={error} />
      <p className="casus-toolbar">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Opslaan…' : 'Wijzigingen opslaan'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Annuleren
        </button>
      </p>
    </form>
  );
}
