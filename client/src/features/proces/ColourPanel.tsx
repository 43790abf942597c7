import {
  type ColourOverviewDto,
  type Colour,
  COLOUR_CHANGE_KIND_LABELS,
  COLOUR_LABELS,
  COLOUR_MEANING,
  COLOURS,
  colourDirection,
  QUICKSCAN_QUESTIONS,
  type QuickscanAnswers,
  quickscanOutcome,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmit } from '../../lib/use-submit';
import { formatDateTime } from '../../lib/format';
import { procesApi } from './proces-api';

export function ColourBadge({ colour }: { colour: Colour | null }) {
  if (!colour)
    return <span className="badge colour-badge colour-badge--geen">Nog geen quickscan</span>;
  return (
    <span className={`badge colour-badge colour-badge--${colour}`}>
      <span aria-hidden="true" className={`colour-dot colour-dot--${colour}`} />
      {COLOUR_LABELS[colour]}
    </span>
  );
}

/** The quickscan at intake: each question a group of radio buttons; the colour shows as you answer. */
export function QuickscanForm({
  householdId,
  onDone,
  onCancel,
}: {
  householdId: string;
  onDone: (o: ColourOverviewDto) => void;
  onCancel?: () => void;
}) {
  const [answers, setAnswers] = useState<Partial<Record<string, string>>>({});
  const [note, setNote] = useState('');
  const id = useId();
  const complete = QUICKSCAN_QUESTIONS.every((q) => answers[q.key]);
  const preview = complete ? quickscanOutcome(answers as QuickscanAnswers) : null;
  const send = useSubmit(
    () => procesApi.quickscan(householdId, { answers: answers as QuickscanAnswers, note }),
    { onSuccess: onDone },
  );
  const { busy, error } = send;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!complete) return send.fail('Beantwoord alle vragen van de quickscan.');
    await send.run();
  }

  return (
    <form
      className="card quickscan-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
      noValidate
    >
      <h4 id={`${id}-title`}>Quickscan</h4>
      <p className="hint">
        Beantwoord de vragen samen met de inwoner. De kleur bepaalt wat er volgt.
      </p>
      {QUICKSCAN_QUESTIONS.map((q, i) => (
        <fieldset key={q.key} className="quickscan-question">
          <legend>
            <span className="quickscan-question__nr">{i + 1}.</span> {q.question}
          </legend>
          {'help' in q && q.help ? <p className="hint">{q.help}</p> : null}
          <div className="choice-row">
            {q.options.map((o) => (
              <label key={o.value} className="choice">
                <input
                  type="radio"
                  name={`${id}-${q.key}`}
                  value={o.value}
                  checked={answers[q.key] === o.value}
                  onChange={() => setAnswers((a) => ({ ...a, [q.key]: o.value }))}
                />
                {o.label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor={`${id}-note`}>Toelichting (optioneel)</label>
        <textarea
          id={`${id}-note`}
          className="input"
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div aria-live="polite" className="quickscan-preview">
        {preview ? (
          <>
            <p>
              Uitkomst: <ColourBadge colour={preview.colour} /> {COLOUR_MEANING[preview.colour]}
            </p>
            <ul className="reason-list">
              {preview.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">
            Nog {QUICKSCAN_QUESTIONS.length - Object.keys(answers).length} van de{' '}
            {QUICKSCAN_QUESTIONS.length} vragen te beantwoorden.
          </p>
        )}
      </div>
      <ErrorMessage message={error} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Opslaan…' : 'Quickscan vastleggen'}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Annuleren
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Opschalen or afschalen, always with a reason. */
function ChangeColourForm({
  householdId,
  current,
  onDone,
}: {
  householdId: string;
  current: Colour;
  onDone: (o: ColourOverviewDto) => void;
}) {
  const id = useId();
  const [colour, setColour] = useState<Colour | ''>('');
  const [reason, setReason] = useState('');
  const direction = colour ? colourDirection(current, colour) : null;
  const send = useSubmit(
    (to: Colour) => procesApi.changeColour(householdId, { colour: to, reason }),
    {
      onSuccess: (o) => {
        onDone(o);
        setColour('');
        setReason('');
      },
    },
  );
  const { busy, field } = send;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!colour) return send.fail('Kies de nieuwe kleur.', 'colour');
    if (!reason.trim()) return send.fail('Geef de reden voor het op- of afschalen.', 'reason');
    await send.run(colour);
  }

  return (
    <form
      className="inline-form colour-change"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
      noValidate
    >
      <p id={`${id}-title`} className="inline-form__title">
        Op- of afschalen
      </p>
      <div className="field">
        <label htmlFor={`${id}-colour`}>Nieuwe kleur</label>
        <select
          id={`${id}-colour`}
          className="input"
          value={colour}
          aria-invalid={field === 'colour' || undefined}
          onChange={(e) => setColour(e.target.value as Colour | '')}
        >
          <option value="">Kies…</option>
          {COLOURS.filter((c) => c !== current).map((c) => (
            <option key={c} value={c}>
              {COLOUR_LABELS[c]} ({colourDirection(current, c)})
            </option>
          ))}
        </select>
      </div>
      <div className="field field--grow">
        <label htmlFor={`${id}-reason`}>Reden</label>
        <input
          id={`${id}-reason`}
          className="input"
          value={reason}
          maxLength={1000}
          aria-invalid={field === 'reason' || undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy
          ? 'Opslaan…'
          : direction === 'afschalen'
            ? 'Afschalen'
            : direction === 'opschalen'
              ? 'Opschalen'
              : 'Vastleggen'}
      </button>
      <ErrorMessage message={send.error} />
    </form>
  );
}

/** Every colour of the household, oldest first, as a timeline: colour, what happened, reason, who and when. */
export function ColourTimeline({ history }: { history: ColourOverviewDto['history'] }) {
  if (history.length === 0)
    return <p className="muted">Nog geen kleur: er is nog geen quickscan gedaan.</p>;
  return (
    <ol className="colour-timeline" aria-label="Kleurverloop">
      {history.map((c) => (
        <li key={c.id} className={`colour-timeline__item colour-timeline__item--${c.colour}`}>
          <span
            aria-hidden="true"
            className={`colour-dot colour-dot--${c.colour} colour-timeline__dot`}
          />
          <div>
            <p className="colour-timeline__head">
              <strong>{COLOUR_CHANGE_KIND_LABELS[c.kind]}</strong>
              {c.previous ? (
                <>
                  {' '}
                  van {COLOUR_LABELS[c.previous].toLowerCase()} naar{' '}
                  <ColourBadge colour={c.colour} />
                </>
              ) : (
                <>
                  : <ColourBadge colour={c.colour} />
                </>
              )}
            </p>
            <p className="colour-timeline__reason">{c.reason}</p>
            <p className="muted colour-timeline__meta">
              {c.by.name}, <time dateTime={c.at}>{formatDateTime(c.at)}</time>
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

export function ColourPanel({
  householdId,
  overview,
  canWrite,
  closed,
  onChange,
}: {
  householdId: string;
  overview: ColourOverviewDto;
  canWrite: boolean;
  closed: boolean;
  onChange: (o: ColourOverviewDto) => void;
}) {
  const [rescan, setRescan] = useState(false);
  const scan = overview.quickscan;
  const editable = canWrite && !closed;
  return (
    <div className="proces-part">
      <h3>Quickscan en kleur</h3>
      <p className="colour-now">
        Huidige kleur: <ColourBadge colour={overview.current} />
        {overview.current ? (
          <span className="muted"> {COLOUR_MEANING[overview.current]}</span>
        ) : null}
      </p>
      {scan ? (
        <div className="card quickscan-result">
          <p>
            Quickscan van <time dateTime={scan.at}>{formatDateTime(scan.at)}</time> door{' '}
            {scan.by.name}: <ColourBadge colour={scan.colour} />
          </p>
          <p className="quickscan-result__label">Redenen</p>
          <ul className="reason-list">
            {scan.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {scan.note ? <p className="muted">{scan.note}</p> : null}
        </div>
      ) : null}
      {editable && (!scan || rescan) ? (
        <QuickscanForm
          householdId={householdId}
          onDone={(o) => {
            setRescan(false);
            onChange(o);
          }}
          onCancel={scan ? () => setRescan(false) : undefined}
        />
      ) : null}
      {editable && scan && !rescan ? (
        <button type="button" className="button button--small" onClick={() => setRescan(true)}>
          Nieuwe quickscan
        </button>
      ) : null}
      {editable && overview.current ? (
        <ChangeColourForm householdId={householdId} current={overview.current} onDone={onChange} />
      ) : null}
      <h4>Kleurverloop</h4>
      <ColourTimeline history={overview.history} />
    </div>
  );
}
