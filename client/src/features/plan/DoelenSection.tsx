import {
  type Levensdomein,
  LEVENSDOMEIN_LABELS,
  LEVENSDOMEINEN,
  PLAN_TEXT_LIMITS,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { textRefusal, TextField, useFieldError } from '../../components/TextField';
import { formatDate } from '../../lib/format';
import { usePlan } from './plan-context';
import { useObserveDeep } from './use-y';

function NewDoelForm() {
  const { session } = usePlan();
  const id = useId();
  const [titel, setTitel] = useState('');
  const [domein, setDomein] = useState<Levensdomein | ''>('');
  const { errorOf, check, clear } = useFieldError<'titel'>(id);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const refusal = textRefusal(titel, {
      max: PLAN_TEXT_LIMITS.doelTitel,
      what: 'Het doel',
      empty: 'Schrijf eerst op wat het doel is.',
    });
    if (!check([['titel', refusal]])) return;
    session.plan.addDoel({ titel: titel.trim(), domein: domein || null });
    setTitel('');
    setDomein('');
    clear();
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${id}-legend`}>
      <h4 id={`${id}-legend`} className="inline-form__title">
        Nieuw doel
      </h4>
      <TextField
        id={`${id}-titel`}
        label="Doel"
        className="input"
        fieldClass="field--grow"
        value={titel}
        onChange={setTitel}
        error={errorOf('titel')}
      />
      <div className="field">
        <label htmlFor={`${id}-domein`}>Levensdomein (niet verplicht)</label>
        <select
          id={`${id}-domein`}
          className="input"
          value={domein}
          onChange={(e) => setDomein(e.target.value as Levensdomein | '')}
        >
          <option value="">Geen</option>
          {LEVENSDOMEINEN.map((d) => (
            <option key={d} value={d}>
              {LEVENSDOMEIN_LABELS[d].label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--primary">
        Doel toevoegen
      </button>
    </form>
  );
}

export function DoelenSection() {
  const { session, canEdit } = usePlan();
  useObserveDeep(session.plan.doelenMap);
  const doelen = session.plan.doelen();
  return (
    <section className="plan-part" aria-labelledby="plan-doelen">
      <h3 id="plan-doelen">Doelen</h3>
      {doelen.length === 0 ? (
        <p className="muted">Er zijn nog geen doelen.</p>
      ) : (
        <ol className="doel-list">
          {doelen.map((d) => (
            <li key={d.id} className="doel-list__item">
              <span className="doel-list__titel">{d.titel}</span>
              <span className="muted doel-list__meta">
                {d.domein ? `${LEVENSDOMEIN_LABELS[d.domein].label} · ` : ''}
                {d.aangemaakt ? `toegevoegd op ${formatDate(d.aangemaakt)}` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
      {canEdit && <NewDoelForm />}
    </section>
  );
}
