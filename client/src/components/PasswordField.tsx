import { useEffect } from 'react';
import type { Submit } from '../lib/use-submit';
import { TextField } from './TextField';

/** What the field needs of the form's `useSubmit`. */
type FormErrors = Pick<Submit<[], unknown>, 'error' | 'field' | 'clear'>;

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  /** The form's `useSubmit`: its error is shown below this field when it names `name`. */
  submit: FormErrors;
  /** The name of this field in the form's errors (the server's or `fail`'s). */
  name: string;
  /** Shown below the field while there is no error. */
  hint?: string;
}

/**
 * A password input of a form: its label, its hint, and the form's error when
 * that error is about this field (from the form's own check or from the
 * server). The field then takes the focus, is marked invalid and is described
 * by the message; typing in it clears the message.
 */
export function PasswordField({ submit, name, onChange, ...field }: Props) {
  const error = submit.field === name ? submit.error : null;
  useEffect(() => {
    if (error) document.getElementById(field.id)?.focus();
  }, [error, field.id]);
  return (
    <TextField
      {...field}
      type="password"
      error={error}
      onChange={(value) => {
        if (error) submit.clear();
        onChange(value);
      }}
    />
  );
}

/** The form-wide error of `submit`: the one that none of the password fields `names` shows. */
export function formError(submit: FormErrors, names: string[]): string | null {
  return submit.field && names.includes(submit.field) ? null : submit.error;
}
