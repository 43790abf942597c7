import { type AvoidedEvent, effectTotal, type HouseholdEffectsDto } from '@spil/shared';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime, formatEuro } from '../../lib/format';
import { useSubmit } from '../../lib/use-submit';
import { procesApi } from './proces-api';

interface Choice {
  count: number;
  note: string;
}

/**
 * The Effectencalculator: what would likely have happened without the
 * intervention, chosen from the region's price list, and the societal
 * costs thereby avoided.
 */
export function EffectsPanel({
  householdId,
  effects,
  canWrite,
  onChange,
}: {
  householdId: string;
  effects: HouseholdEffectsDto;
  canWrite: boolean;
  onChange: (e: HouseholdEffectsDto) => void;
}) {
  const id = useId();
  const initial = useMemo(
    () =>
      new Map<AvoidedEvent, Choice>(
        (effects.estimate?.events ?? []).map((e) => [e.event, { count: e.count, note: e.note }]),
      ),
    [effects.estimate],
  );
  const [editing, setEditing] = useState(false);
  const [course, setCourse] = useState(effects.estimate?.course ?? '');
  const [chosen, setChosen] = useState(initial);
  const send = useSubmit(
    () =>
      procesApi.saveEffects(householdId, {
        course,
        events: [...chosen.entries()].map(([event, c]) => ({
          event,
          count: c.count,
          note: c.note,
        })),
      }),
    {
      onSuccess: (saved) => {
        onChange(saved);
        setEditing(false);
      },
    },
  );
  const { busy, error } = send;
  const price = new Map(effects.prices.map((p) => [p.event, p]));
  const total = effectTotal(
    [...chosen.entries()].map(([event, c]) => ({
      count: c.count,
      unitCents: price.get(event)?.amountCents ?? 0,
    })),
  );

  function toggle(event: AvoidedEvent, on: boolean) {
    setChosen((m) => {
      const next = new Map(m);
      if (on) next.set(event, next.get(event) ?? { count: 1, note: '' });
      else next.delete(event);
      return next;
    });
  }
  function patch(event: AvoidedEvent, p: Partial<Choice>) {
    setChosen((m) => new Map(m).set(event, { ...(m.get(event) ?? { count: 1, note: '' }), ...p }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await send.run();
  }

  const estimate = effects.estimate;
  return (
    <div className="proces-part">
      <h3>Effectmeting</h3>
      {estimate && !editing ? (
        <div className="card">
          <p className="effect-total">
            Geschatte vermeden maatschappelijke kosten:{' '}
            <strong>{formatEuro(estimate.totalCents)}</strong>
          </p>
          {estimate.course ? <p>{estimate.course}</p> : null}
          <table className="data-table">
            <caption className="visually-hidden">Vermeden gebeurtenissen en kosten</caption>
            <thead>
              <tr>
                <th scope="col">Vermeden gebeurtenis</th>
                <th scope="col">Aantal</th>
                <th scope="col">Bedrag per keer</th>
                <th scope="col">Totaal</th>
              </tr>
            </thead>
            <tbody>
              {estimate.events.map((e) => (
                <tr key={e.event}>
                  <th scope="row">
                    {price.get(e.event)?.label ?? e.event}
                    {e.note ? <span className="muted effect-note">{e.note}</span> : null}
                  </th>
                  <td>{e.count}</td>
                  <td>{formatEuro(e.unitCents)}</td>
                  <td>{formatEuro(e.totalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Geschat door {estimate.by.name}, {formatDateTime(estimate.at)}. Bedragen zoals ze toen
            in de prijslijst van de regio stonden.
          </p>
        </div>
      ) : null}
      {!estimate && !editing ? <p className="muted">Er is nog geen effectmeting gedaan.</p> : null}
      {canWrite && !editing ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            setChosen(initial);
            setCourse(estimate?.course ?? '');
            setEditing(true);
          }}
        >
          {estimate ? 'Effectmeting aanpassen' : 'Effectmeting doen'}
        </button>
      ) : null}
      {editing ? (
        <form
          className="card effects-form"
          onSubmit={(e) => void submit(e)}
          aria-labelledby={`${id}-t`}
          noValidate
        >
          <h4 id={`${id}-t`}>Wat was er zonder deze aanpak waarschijnlijk gebeurd?</h4>
          <div className="field">
            <label htmlFor={`${id}-course`}>Waarschijnlijk verloop zonder interventie</label>
            <textarea
              id={`${id}-course`}
              className="input"
              rows={3}
              maxLength={4000}
              value={course}
              onChange={(e) => setCourse(e.target.value)}
            />
          </div>
          <fieldset>
            <legend>Vermeden gebeurtenissen (prijslijst van de regio)</legend>
            <ul className="effect-choices">
              {effects.prices.map((p) => {
                const c = chosen.get(p.event);
                return (
                  <li key={p.event} className="effect-choice">
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={!!c}
                        onChange={(e) => toggle(p.event, e.target.checked)}
                      />
                      <span>
                        <strong>{p.label}</strong> – {formatEuro(p.amountCents)} per keer
                        <span className="muted effect-note">
                          {p.description}
                          {p.isDefault ? ' (standaardbedrag)' : ' (bedrag van de regio)'}
                        </span>
                      </span>
                    </label>
                    {c ? (
                      <div className="effect-choice__details">
                        <div className="field">
                          <label htmlFor={`${id}-${p.event}-n`}>Aantal keer</label>
                          <input
                            id={`${id}-${p.event}-n`}
                            type="number"
                            inputMode="numeric"
                            min={1}
                            max={10}
                            className="input input--narrow"
                            value={c.count}
                            onChange={(e) =>
                              patch(p.event, {
                                count: Math.min(10, Math.max(1, Number(e.target.value) || 1)),
                              })
                            }
                          />
                        </div>
                        <div className="field field--grow">
                          <label htmlFor={`${id}-${p.event}-note`}>Toelichting</label>
                          <input
                            id={`${id}-${p.event}-note`}
                            className="input"
                            maxLength={1000}
                            value={c.note}
                            onChange={(e) => patch(p.event, { note: e.target.value })}
                          />
                        </div>
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <p className="effect-total" aria-live="polite">
            Vermeden kosten: <strong>{formatEuro(total)}</strong>
          </p>
          <ErrorMessage message={error} />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Opslaan…' : 'Effectmeting opslaan'}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Annuleren
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
