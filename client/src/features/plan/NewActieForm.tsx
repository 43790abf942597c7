import { PLAN_TEXT_LIMITS } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { textRefusal, TextField, useFieldError } from '../../components/TextField';
import { OwnerSelect } from './OwnerSelect';
import { usePlan } from './plan-context';

export function NewActieForm() {
  const { session } = usePlan();
  const id = useId();
  const [titel, setTitel] = useState('');
  const [eigenaarId, setEigenaarId] = useState<string | null>(null);
  const [deadline, setDeadline] = useState('');
  const [inschakelen, setInschakelen] = useState('');
  const { errorOf, check, clear } = useFieldError<'titel' | 'inschakelen'>(id);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fine = check([
      [
        'titel',
        textRefusal(titel, {
          max: PLAN_TEXT_LIMITS.actieTitel,
          what: 'De actie',
          empty: 'Schrijf eerst op wat er gaat gebeuren.',
        }),
      ],
      [
        'inschakelen',
        textRefusal(inschakelen, {
          max: PLAN_TEXT_LIMITS.inschakelen,
          what: 'Wanneer je de ander inschakelt',
        }),
      ],
    ]);
    if (!fine) return;
    session.plan.addActie({
      titel: titel.trim(),
      eigenaarId,
      deadline: deadline || null,
      inschakelen: inschakelen.trim(),
    });
    setTitel('');
    setEigenaarId(null);
    setDeadline('');
    setInschakelen('');
    clear();
  }

  return (
    <form
      className="card inline-form inline-form--actie"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-kop`}
    >
      <h4 id={`${id}-kop`} className="inline-form__title">
        Nieuwe actie
      </h4>
      <div className="actie__grid">
        <TextField
          id={`${id}-titel`}
          label="Wat gaat er gebeuren"
          className="input"
          fieldClass="field--wide"
          value={titel}
          onChange={setTitel}
          error={errorOf('titel')}
        />
        <div className="field">
          <label htmlFor={`${id}-eigenaar`}>Eigenaar</label>
          <OwnerSelect id={`${id}-eigenaar`} value={eigenaarId} onChange={setEigenaarId} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-deadline`}>Uiterlijk op</label>
          <input
            id={`${id}-deadline`}
            className="input"
            type="date"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        </div>
        <TextField
          id={`${id}-inschakelen`}
          label="Wanneer schakel je de ander in"
          className="input"
          fieldClass="field--wide"
          multiline
          rows={2}
          value={inschakelen}
          onChange={setInschakelen}
          error={errorOf('inschakelen')}
        />
      </div>
      <button type="submit" className="button button--primary">
        Actie toevoegen
      </button>
    </form>
  );
}
