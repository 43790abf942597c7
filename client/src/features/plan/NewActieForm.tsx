import { type FormEvent, useId, useState } from 'react';
import { OwnerSelect } from './OwnerSelect';
import { usePlan } from './plan-context';

export function NewActieForm() {
  const { session } = usePlan();
  const id = useId();
  const [titel, setTitel] = useState('');
  const [eigenaarId, setEigenaarId] = useState<string | null>(null);
  const [deadline, setDeadline] = useState('');
  const [inschakelen, setInschakelen] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!titel.trim()) {
      setError('Schrijf eerst op wat er gaat gebeuren.');
      document.getElementById(`${id}-titel`)?.focus();
      return;
    }
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
    setError(null);
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
        <div className="field field--wide">
          <label htmlFor={`${id}-titel`}>Wat gaat er gebeuren</label>
          <input
            id={`${id}-titel`}
            className="input"
            type="text"
            maxLength={300}
            value={titel}
            onChange={(e) => setTitel(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error && (
            <p className="field__error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
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
        <div className="field field--wide">
          <label htmlFor={`${id}-inschakelen`}>Wanneer schakel je de ander in</label>
          <textarea
            id={`${id}-inschakelen`}
            className="input"
            rows={2}
            maxLength={1000}
            value={inschakelen}
            onChange={(e) => setInschakelen(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="button button--primary">
        Actie toevoegen
      </button>
    </form>
  );
}
