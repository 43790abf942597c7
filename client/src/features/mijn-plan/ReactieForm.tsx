import { HUISHOUDEN_LIMITS } from '@spil/shared';
import { type FormEvent, useId, useRef, useState } from 'react';

interface Props {
  /** The visible label of the text field. */
  label: string;
  onSend: (tekst: string) => void;
  /** Called after sending or when the person closes the form (only for a form that opens on "Reageer"). */
  onDone?: () => void;
  disabled?: boolean;
}

/** A short message: a text field and one large button. */
export function ReactieForm({ label, onSend, onDone, disabled = false }: Props) {
  const id = useId();
  const [tekst, setTekst] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!tekst.trim()) {
      setError('Schrijf eerst je reactie.');
      field.current?.focus();
      return;
    }
    onSend(tekst.trim());
    setTekst('');
    setError(null);
    onDone?.();
  }

  return (
    <form className="mp-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-tekst`}>{label}</label>
        <textarea
          id={`${id}-tekst`}
          ref={field}
          rows={3}
          maxLength={HUISHOUDEN_LIMITS.reactie}
          value={tekst}
          disabled={disabled}
          onChange={(e) => setTekst(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <div className="mp-form__buttons">
        <button type="submit" className="button button--primary" disabled={disabled}>
          Verstuur
        </button>
        {onDone && (
          <button type="button" className="button" onClick={onDone}>
            Annuleer
          </button>
        )}
      </div>
    </form>
  );
}
