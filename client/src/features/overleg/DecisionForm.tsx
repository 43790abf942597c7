import { type HouseholdDto, type MeetingDecisionDto, shiftDate, amsterdamDate } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmit } from '../../lib/use-submit';
import { disciplineLabel } from '../../lib/labels';
import { decide } from './overleg-api';

interface Props {
  household: HouseholdDto;
  meetingId: string;
  onDecided: (d: MeetingDecisionDto) => void;
}

/** "Besluit → actie": what was decided, who does it, by when; it lands in the plan as an action in one step. */
export function DecisionForm({ household, meetingId, onDecided }: Props) {
  const id = useId();
  const owners = household.team.filter((m) => m.role === 'lid');
  const [tekst, setTekst] = useState('');
  const [eigenaarId, setEigenaarId] = useState('');
  const [deadline, setDeadline] = useState(() => shiftDate(amsterdamDate(new Date()), 14));
  const [inschakelen, setInschakelen] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const send = useSubmit(
    () => decide(household.id, meetingId, { tekst, eigenaarId, deadline, inschakelen }),
    {
      onSuccess: (d) => {
        setDone(`Besluit vastgelegd als actie in het plan, voor ${d.eigenaarNaam}.`);
        setTekst('');
        setInschakelen('');
        onDecided(d);
      },
    },
  );
  const { busy, error } = send;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(null);
    await send.run();
  }

  return (
    <form
      className="card stack"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
      data-form="besluit"
    >
      <h3 id={`${id}-title`}>Besluit → actie</h3>
      <p className="hint">
        Een besluit wordt meteen een actie in het plan, met een eigenaar uit het team en een
        deadline.
      </p>
      <div className="field">
        <label htmlFor={`${id}-tekst`}>Besluit</label>
        <input
          id={`${id}-tekst`}
          required
          value={tekst}
          onChange={(e) => setTekst(e.target.value)}
        />
      </div>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-owner`}>Eigenaar</label>
          <select
            id={`${id}-owner`}
            required
            value={eigenaarId}
            onChange={(e) => setEigenaarId(e.target.value)}
          >
            <option value="">Kies wie het doet</option>
            {owners.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({disciplineLabel(m.discipline)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-deadline`}>Deadline</label>
          <input
            id={`${id}-deadline`}
            type="date"
            required
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-inschakelen`}>Wanneer schakel je de ander in (optioneel)</label>
        <input
          id={`${id}-inschakelen`}
          value={inschakelen}
          onChange={(e) => setInschakelen(e.target.value)}
        />
      </div>
      <ErrorMessage message={error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Vastleggen…' : 'Vastleggen als actie'}
        </button>
      </p>
    </form>
  );
}
