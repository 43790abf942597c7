import { HUISHOUDEN_LIMITS } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { textRefusal, TextField, useFieldError } from '../../components/TextField';

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
  const { errorOf, check, clear } = useFieldError<'tekst'>(id);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const refusal = textRefusal(tekst, {
      max: HUISHOUDEN_LIMITS.reactie,
      what: 'Je reactie',
      empty: 'Schrijf eerst je reactie.',
    });
    if (!check([['tekst', refusal]])) return;
    onSend(tekst.trim());
    setTekst('');
    clear();
    onDone?.();
  }

  return (
    <form className="mp-form" onSubmit={submit} noValidate>
      <TextField
        id={`${id}-tekst`}
        label={label}
        multiline
        rows={3}
        value={tekst}
        disabled={disabled}
        onChange={setTekst}
        error={errorOf('tekst')}
      />
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
