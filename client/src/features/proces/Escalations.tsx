import {
  type Colour,
  type EscalationDto,
  ESCALATION_TARGET_LABELS,
  ESCALATION_TARGETS,
  type EscalationTarget,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, formatDateTime, todayIso } from '../../lib/format';
import { useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { householdPath } from '../households/household-tabs';
import { procesApi, procesQueries } from './proces-api';

/**
 * The banner for the top of a household page. It shares its query with the
 * escalations panel, so a change made there (or elsewhere) shows here too.
 */
export function HouseholdEscalationBanner({ householdId }: { householdId: string }) {
  const escalations = useData(procesQueries.escalations(householdId));
  return escalations.data ? (
    <EscalationBanner householdId={householdId} escalations={escalations.data} />
  ) : null;
}

/** Shown at the top of the household until every escalation is closed. */
export function EscalationBanner({
  householdId,
  escalations,
}: {
  householdId: string;
  escalations: EscalationDto[];
}) {
  const open = escalations.filter((e) => e.open);
  if (open.length === 0) return null;
  return (
    <div className="escalation-banner" role="region" aria-label="Lopende escalatie">
      <p className="escalation-banner__title">
        <span aria-hidden="true">▲ </span>
        {open.length === 1 ? 'Lopende escalatie' : `${open.length} lopende escalaties`}
      </p>
      <ul>
        {open.map((e) => (
          <li key={e.id}>
            <strong>{ESCALATION_TARGET_LABELS[e.target]}</strong> sinds {formatDate(e.date)}:{' '}
            {e.reason} <span className="escalation-banner__contact">Contact: {e.contact}</span>
            {e.outcome ? (
              <span className="escalation-banner__contact"> Uitkomst tot nu toe: {e.outcome}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to={householdPath(householdId, 'traject', 'escalaties')}>Naar de escalaties</Link>
      </p>
    </div>
  );
}

function NewEscalationForm({
  householdId,
  onDone,
}: {
  householdId: string;
  onDone: (e: EscalationDto) => void;
}) {
  const id = useId();
  const [target, setTarget] = useState<EscalationTarget | ''>('');
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState('');
  const send = useSubmit(
    (to: EscalationTarget) =>
      procesApi.escalate(householdId, { target: to, date, reason, contact }),
    {
      onSuccess: (e) => {
        onDone(e);
        setTarget('');
        setReason('');
        setContact('');
      },
    },
  );
  const { busy, error } = send;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target || !date || !reason.trim() || !contact.trim())
      return send.fail('Vul instantie, datum, reden en contactpersoon in.');
    await send.run(target);
  }

  return (
    <form
      className="card escalation-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-t`}
      noValidate
    >
      <h4 id={`${id}-t`}>Opschalen naar een andere instantie</h4>
      <fieldset>
        <legend>Naar</legend>
        <div className="choice-row">
          {ESCALATION_TARGETS.map((t) => (
            <label key={t} className="choice">
              <input
                type="radio"
                name={`${id}-target`}
                value={t}
                checked={target === t}
                onChange={() => setTarget(t)}
              />
              {ESCALATION_TARGET_LABELS[t]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-date`}>Datum</label>
          <input
            id={`${id}-date`}
            type="date"
            className="input"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-contact`}>Contactpersoon bij de instantie</label>
          <input
            id={`${id}-contact`}
            className="input"
            maxLength={300}
            value={contact}
            onChange={(e) => setContact(e.target.value)}
          />
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-reason`}>Reden</label>
          <textarea
            id={`${id}-reason`}
            className="input"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </div>
      <ErrorMessage message={error} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Opslaan…' : 'Escalatie vastleggen'}
      </button>
    </form>
  );
}

function OutcomeForm({
  householdId,
  escalation,
  onDone,
}: {
  householdId: string;
  escalation: EscalationDto;
  onDone: (e: EscalationDto) => void;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState(escalation.outcome ?? '');
  const send = useSubmit(
    (close: boolean) =>
      procesApi.updateEscalation(householdId, escalation.id, {
        ...(outcome.trim() ? { outcome } : {}),
        ...(close ? { close: true } : {}),
      }),
    { onSuccess: (e) => onDone(e) },
  );
  const { busy, error } = send;

  async function save(close: boolean) {
    if (close && !outcome.trim())
      return send.fail('Vul de uitkomst in voordat je de escalatie sluit.');
    await send.run(close);
  }

  return (
    <form
      className="escalation-outcome"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save(false);
      }}
      noValidate
    >
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Uitkomst</label>
        <textarea
          id={`${id}-outcome`}
          className="input"
          rows={2}
          maxLength={2000}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
        />
      </div>
      <ErrorMessage message={error} />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy || !outcome.trim()}>
          Uitkomst opslaan
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void save(true)}
        >
          Escalatie sluiten
        </button>
      </div>
    </form>
  );
}

export function EscalationsPanel({
  householdId,
  escalations,
  colour,
  canWrite,
  closed,
  onChange,
}: {
  householdId: string;
  escalations: EscalationDto[];
  colour: Colour | null;
  canWrite: boolean;
  closed: boolean;
  onChange: () => void;
}) {
  return (
    <div className="proces-part">
      <h3 id="escalaties" tabIndex={-1}>
        Escalaties
      </h3>
      {escalations.length === 0 ? (
        <p className="muted">Er is niet opgeschaald naar een andere instantie.</p>
      ) : null}
      <ul className="escalation-list">
        {escalations.map((e) => (
          <li key={e.id} className={`card escalation ${e.open ? 'escalation--open' : ''}`}>
            <p className="escalation__head">
              <strong>{ESCALATION_TARGET_LABELS[e.target]}</strong>{' '}
              <span className={`badge ${e.open ? 'badge--overdue' : 'badge--status-gereed'}`}>
                {e.open ? 'Loopt' : 'Gesloten'}
              </span>
            </p>
            <dl className="facts facts--stacked">
              <div>
                <dt>Datum</dt>
                <dd>{formatDate(e.date)}</dd>
              </div>
              <div>
                <dt>Reden</dt>
                <dd>{e.reason}</dd>
              </div>
              <div>
                <dt>Contact</dt>
                <dd>{e.contact}</dd>
              </div>
              <div>
                <dt>Uitkomst</dt>
                <dd>{e.outcome ?? <span className="muted">Nog niet bekend</span>}</dd>
              </div>
              <div>
                <dt>Vastgelegd</dt>
                <dd>
                  {e.by.name}, {formatDateTime(e.at)}
                  {e.closedAt && e.closedBy
                    ? `; gesloten door ${e.closedBy.name}, ${formatDateTime(e.closedAt)}`
                    : ''}
                </dd>
              </div>
            </dl>
            {e.open && canWrite ? (
              <OutcomeForm householdId={householdId} escalation={e} onDone={onChange} />
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite && !closed ? (
        colour === 'rood' ? (
          <NewEscalationForm householdId={householdId} onDone={onChange} />
        ) : (
          <p className="hint">
            Opschalen naar Veilig Thuis, het Zorg- en Veiligheidshuis of een expertiseteam kan
            vanuit kleur rood.
          </p>
        )
      ) : null}
    </div>
  );
}
