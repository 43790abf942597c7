import {
  COLLABORATION_EVALUATION_MOMENT_LABELS,
  COLLABORATION_EVALUATION_MOMENTS,
  type CollaborationEvaluationDto,
  type CollaborationEvaluationMoment,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmit } from '../../lib/use-submit';
import { formatDateTime } from '../../lib/format';
import { recordEvaluation } from './overleg-api';

const SCORE_LABELS: Record<number, string> = {
  1: 'Slecht',
  2: 'Matig',
  3: 'Voldoende',
  4: 'Goed',
  5: 'Uitstekend',
};

export function EvaluationList({ items }: { items: CollaborationEvaluationDto[] }) {
  if (items.length === 0)
    return <p className="muted">Het team heeft de samenwerking nog niet geëvalueerd.</p>;
  return (
    <ul className="evaluation-list">
      {items.map((e) => (
        <li key={e.id} className="card">
          <p className="muted">
            {COLLABORATION_EVALUATION_MOMENT_LABELS[e.moment]} · {e.authorName} ·{' '}
            {formatDateTime(e.createdAt)}
            {e.score !== null && ` · oordeel: ${SCORE_LABELS[e.score]} (${e.score} van 5)`}
          </p>
          <dl className="facts facts--stacked">
            <div>
              <dt>Wat ging goed</dt>
              <dd>{e.wentWell}</dd>
            </div>
            <div>
              <dt>Wat kan beter</dt>
              <dd>{e.toImprove}</dd>
            </div>
            {e.agreements && (
              <div>
                <dt>Afspraken</dt>
                <dd>{e.agreements}</dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}

interface FormProps {
  householdId: string;
  meetingId?: string | null;
  defaultMoment?: CollaborationEvaluationMoment;
  onSaved: (e: CollaborationEvaluationDto) => void;
}

/** Tip 9: a short look at how the team worked together, kept with the household. */
export function EvaluationForm({
  householdId,
  meetingId = null,
  defaultMoment = 'na-overleg',
  onSaved,
}: FormProps) {
  const id = useId();
  const [moment, setMoment] = useState<CollaborationEvaluationMoment>(defaultMoment);
  const [wentWell, setWentWell] = useState('');
  const [toImprove, setToImprove] = useState('');
  const [agreements, setAgreements] = useState('');
  const [score, setScore] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const send = useSubmit(
    () =>
      recordEvaluation(householdId, {
        meetingId,
        moment,
        wentWell,
        toImprove,
        agreements,
        score: score ? Number(score) : null,
      }),
    {
      onSuccess: (saved) => {
        setWentWell('');
        setToImprove('');
        setAgreements('');
        setScore('');
        setDone('De evaluatie van de samenwerking is bewaard.');
        onSaved(saved);
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
    <form className="card stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Samenwerking evalueren</h4>
      <p className="hint">
        Kort en eerlijk: hoe werkten we samen rond dit gezin? Alleen de professionals zien dit.
      </p>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-moment`}>Moment</label>
          <select
            id={`${id}-moment`}
            value={moment}
            onChange={(e) => setMoment(e.target.value as CollaborationEvaluationMoment)}
          >
            {COLLABORATION_EVALUATION_MOMENTS.map((m) => (
              <option key={m} value={m}>
                {COLLABORATION_EVALUATION_MOMENT_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-score`}>Oordeel over de samenwerking (optioneel)</label>
          <select id={`${id}-score`} value={score} onChange={(e) => setScore(e.target.value)}>
            <option value="">Geen oordeel</option>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={n}>
                {n} – {SCORE_LABELS[n]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-well`}>Wat ging goed</label>
        <textarea
          id={`${id}-well`}
          rows={3}
          required
          maxLength={2000}
          value={wentWell}
          onChange={(e) => setWentWell(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-better`}>Wat kan beter</label>
        <textarea
          id={`${id}-better`}
          rows={3}
          required
          maxLength={2000}
          value={toImprove}
          onChange={(e) => setToImprove(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-agree`}>Afspraken voor de volgende keer (optioneel)</label>
        <textarea
          id={`${id}-agree`}
          rows={2}
          maxLength={2000}
          value={agreements}
          onChange={(e) => setAgreements(e.target.value)}
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
          {busy ? 'Bewaren…' : 'Evaluatie bewaren'}
        </button>
      </p>
    </form>
  );
}
