import { ATTENDANCE, ATTENDANCE_LABELS, type Attendance, type MeetingDto } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmit } from '../../lib/use-submit';
import { saveAttendance } from './overleg-api';

interface Props {
  meeting: MeetingDto;
  canEdit: boolean;
  onSaved: (m: MeetingDto) => void;
}

/** Who was there: a table to fill in for those who run the overleg, a list for the others. */
export function AttendanceForm({ meeting, canEdit, onSaved }: Props) {
  const id = useId();
  const [values, setValues] = useState<Record<string, Attendance | ''>>(() =>
    Object.fromEntries(meeting.participants.map((p) => [p.id, p.attendance ?? ''])),
  );
  const [done, setDone] = useState<string | null>(null);
  const send = useSubmit(
    () =>
      saveAttendance(meeting.householdId, meeting.id, {
        entries: meeting.participants.map((p) => ({
          participantId: p.id,
          attendance: values[p.id] || null,
        })),
      }),
    {
      onSuccess: (m) => {
        setDone('Aanwezigheid opgeslagen.');
        onSaved(m);
      },
    },
  );
  const { busy, error } = send;

  if (meeting.participants.length === 0)
    return <p className="muted">Er is nog niemand uitgenodigd.</p>;

  if (!canEdit) {
    return (
      <ul>
        {meeting.participants.map((p) => (
          <li key={p.id}>
            {p.name} <span className="muted">({p.description})</span>
            {p.attendance && ` · ${ATTENDANCE_LABELS[p.attendance]}`}
          </li>
        ))}
      </ul>
    );
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(null);
    await send.run();
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <table className="casus-table">
        <caption className="visually-hidden">Deelnemers en aanwezigheid</caption>
        <thead>
          <tr>
            <th scope="col">Deelnemer</th>
            <th scope="col">Rol</th>
            <th scope="col">Aanwezigheid</th>
          </tr>
        </thead>
        <tbody>
          {meeting.participants.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              <td>{p.description}</td>
              <td>
                <label className="visually-hidden" htmlFor={`${id}-${p.id}`}>
                  Aanwezigheid van {p.name}
                </label>
                <select
                  id={`${id}-${p.id}`}
                  value={values[p.id] ?? ''}
                  onChange={(e) =>
                    setValues({ ...values, [p.id]: e.target.value as Attendance | '' })
                  }
                >
                  <option value="">Nog niet ingevuld</option>
                  {ATTENDANCE.map((a) => (
                    <option key={a} value={a}>
                      {ATTENDANCE_LABELS[a]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorMessage message={error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Opslaan…' : 'Aanwezigheid opslaan'}
      </button>
    </form>
  );
}
