import { type ChangeEvent, useState } from 'react';
import { applyTextChange } from '@spil/shared';
import { localChange } from './text-binding';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  disabled?: boolean;
  rows?: number;
  /** Limit in characters (code points), cut as the Y.Text binding cuts it. */
  maxChars?: number;
  'aria-describedby'?: string;
  className?: string;
}

/**
 * Only for a local copy of plan schema 1 (a plain string where the plan now
 * holds a Y.Text, until the server's migration arrives): `PlanText` binds the
 * Y.Text otherwise. A plain text field bound to a string in the plan. Every keystroke goes to
 * the document (so it is stored and shared at once); while the field has
 * focus it shows the user's own text, so a remote write cannot move the
 * caret. On blur it shows the document's value again.
 */
export function SyncedText({
  value,
  onChange,
  multiline,
  rows = 3,
  className,
  maxChars,
  ...rest
}: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const common = {
    ...rest,
    className: className ?? 'input',
    value: shown,
    onFocus: () => setDraft(value),
    onBlur: () => setDraft(null),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const typed = e.target.value;
      const caret = e.target.selectionEnd ?? undefined;
      const next = applyTextChange(shown, localChange(shown, typed, caret, maxChars));
      setDraft(next);
      if (next !== shown) onChange(next);
    },
  };
  return multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />;
}
