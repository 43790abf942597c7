import { tooLong } from '@spil/shared';
import { useState } from 'react';

/**
 * Why a form's free text cannot be taken as it is, or null: `empty` when it
 * is required and blank, or over `max` characters as the plan counts them
 * (an emoji is one; `maxLength` would count two and cut it off unseen).
 */
export function textRefusal(
  value: string,
  rule: { max: number; what: string; empty?: string },
): string | null {
  const text = value.trim();
  if (!text && rule.empty) return rule.empty;
  return tooLong(text, rule.max, rule.what);
}

/**
 * The error of a form whose fields have the ids `${formId}-${field}`: `check`
 * shows the first refusal below its field and moves the focus there.
 */
export function useFieldError<F extends string>(formId: string) {
  const [error, setError] = useState<{ field: F; message: string } | null>(null);
  return {
    errorOf: (field: F) => (error?.field === field ? error.message : null),
    /** True when every field is fine; otherwise shows the first refusal. */
    check: (refusals: [F, string | null][]): boolean => {
      const [field, message] = refusals.find(([, m]) => m) ?? [];
      setError(field && message ? { field, message } : null);
      if (field) document.getElementById(`${formId}-${field}`)?.focus();
      return !field;
    },
    clear: () => setError(null),
  };
}

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown below the field, which is then marked invalid and described by it. */
  error?: string | null;
  /** Shown below the field while there is no error. */
  hint?: string;
  multiline?: boolean;
  rows?: number;
  /** Of a one-line field (`PasswordField` asks for `password`). */
  type?: 'text' | 'password';
  disabled?: boolean;
  autoComplete?: string;
  /** Of the input; the field's own class is `field` plus `fieldClass`. */
  className?: string;
  fieldClass?: string;
}

/** A free-text field of a form with its label and, below it, its error or hint. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  multiline,
  rows = 3,
  type = 'text',
  fieldClass,
  ...rest
}: Props) {
  const below = error ? `${id}-error` : hint ? `${id}-tip` : undefined;
  const common = {
    ...rest,
    id,
    value,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': below,
  };
  return (
    <div className={fieldClass ? `field ${fieldClass}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={rows} {...common} /> : <input type={type} {...common} />}
      {error ? (
        <p className="field__error" id={below}>
          {error}
        </p>
      ) : hint ? (
        <p className="hint" id={below}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
