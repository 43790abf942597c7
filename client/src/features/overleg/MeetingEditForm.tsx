import type { AgendaItem, MeetingDto } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmit } from '../../lib/use-submit';
import { AgendaEditor } from './AgendaEditor';
import { MeetingWhenWhere, type WhenWhere, whenWhereFields } from './MeetingWhenWhere';
import { updateMeeting } from './overleg-api';

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
  const [when, setWhen] = useState<WhenWhere>(() => ({
    date: meeting.date,
    time: meeting.time,
    durationMinutes: meeting.durationMinutes,
    location: meeting.location ?? '',
    onlineUrl: meeting.onlineUrl ?? '',
  }));
  const [agenda, setAgenda] = useState<AgendaItem[]>(meeting.agenda);
  const send = useSubmit(
    () =>
      updateMeeting(meeting.householdId, meeting.id, {
        title,
        ...whenWhereFields(when),
        agenda: agenda.filter((a) => a.titel.trim()),
      }),
    { onSuccess: () => onSaved() },
  );
  const { busy, error } = send;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    await send.run();
  }

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
      <MeetingWhenWhere value={when} onChange={setWhen} />
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
