import { type InputHTMLAttributes, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { Submit } from '../../lib/use-submit';

interface Props {
  /** What sends the value (`useSubmit`): its error, the field it names and its busy state are shown. */
  submit: Submit<[string], unknown>;
  id: string;
  label: string;
  /** The name of the field in errors (the server's or `check`'s). */
  field: string;
  submitLabel: string;
  /** Checks the trimmed value before sending: a message refuses it. */
  check: (value: string) => string | null;
  /** Type, autocomplete and the like of the input. */
  input?: InputHTMLAttributes<HTMLInputElement>;
  /** A button as wide as the card (the pages before login). */
  wide?: boolean;
}

/** A form of one input and a button: an e-mail address for a reset link, a code from the app. */
export function OneFieldForm({ submit, id, label, field, submitLabel, check, input, wide }: Props) {
  const [value, setValue] = useState('');
  return (
    <>
      <ErrorMessage message={submit.error} />
      <form
        noValidate
        aria-busy={submit.busy}
        onSubmit={(e) => {
          e.preventDefault();
          const v = value.trim();
          const problem = check(v);
          if (problem) return submit.fail(problem, field);
          void submit.run(v);
        }}
      >
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            {...input}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={submit.field === field ? true : undefined}
          />
        </div>
        <button
          type="submit"
          className={`button button--primary${wide ? ' button--wide' : ''}`}
          disabled={submit.busy}
        >
          {submit.busy ? 'Bezig…' : submitLabel}
        </button>
      </form>
    </>
  );
}
