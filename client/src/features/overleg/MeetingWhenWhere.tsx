import { useId } from 'react';

/** When and where an overleg takes place: the part that planning and rescheduling share. */
export interface WhenWhere {
  date: string;
  time: string;
  durationMinutes: number;
  location: string;
  onlineUrl: string;
}

const DURATIONS = [15, 30, 45, 60, 90, 120, 180];

/** Date, start time, duration, place and online link, each with its own label. */
export function MeetingWhenWhere({
  value,
  onChange,
}: {
  value: WhenWhere;
  onChange: (next: WhenWhere) => void;
}) {
  const id = useId();
  const set = <K extends keyof WhenWhere>(key: K, v: WhenWhere[K]) =>
    onChange({ ...value, [key]: v });
  // An overleg planned elsewhere with an unusual length keeps it as a choice.
  const durations = DURATIONS.includes(value.durationMinutes)
    ? DURATIONS
    : [...DURATIONS, value.durationMinutes].sort((a, b) => a - b);
  return (
    <>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-date`}>Datum</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={value.date}
            onChange={(e) => set('date', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>Begintijd</label>
          <input
            id={`${id}-time`}
            type="time"
            required
            step={300}
            value={value.time}
            onChange={(e) => set('time', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-duration`}>Duur</label>
          <select
            id={`${id}-duration`}
            value={value.durationMinutes}
            onChange={(e) => set('durationMinutes', Number(e.target.value))}
          >
            {durations.map((d) => (
              <option key={d} value={d}>
                {d} minuten
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint" id={`${id}-where-hint`}>
        Vul een plaats in, een link voor online overleg, of allebei.
      </p>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-location`}>Plaats</label>
          <input
            id={`${id}-location`}
            value={value.location}
            maxLength={200}
            aria-describedby={`${id}-where-hint`}
            onChange={(e) => set('location', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-url`}>Link voor online overleg</label>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={value.onlineUrl}
            maxLength={500}
            aria-describedby={`${id}-where-hint`}
            onChange={(e) => set('onlineUrl', e.target.value)}
          />
        </div>
      </div>
    </>
  );
}

/** The request fields of a when-and-where: empty place and link are sent as null. */
export function whenWhereFields(w: WhenWhere) {
  return {
    date: w.date,
    time: w.time,
    durationMinutes: w.durationMinutes,
    location: w.location.trim() || null,
    onlineUrl: w.onlineUrl.trim() || null,
  };
}
