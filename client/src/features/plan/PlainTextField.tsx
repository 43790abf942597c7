import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { readableTextOn, safeColor } from './colors';
import { usePlan } from './plan-context';
import { SyncedText } from './SyncedText';
import type { PlanSession } from './plan-session';
import { fieldPresence, TextBinding } from './text-binding';

interface Props {
  id: string;
  /** The field's Y.Text in the plan. */
  text: Y.Text;
  /** A stable name of the field in the plan (root/entry/key), for awareness. */
  fieldId: string;
  session: Pick<PlanSession, 'provider'>;
  multiline?: boolean;
  rows?: number;
  disabled?: boolean;
  /** Limit in characters (code points). */
  maxChars?: number;
  'aria-describedby'?: string;
  className?: string;
}

/**
 * A plain text field of the plan, bound to its Y.Text (text-binding.ts):
 * everyone's typing merges character by character and shows at once, also
 * while the field has focus, and the caret stays where it was. Below it, the
 * names of the others who are in this field now.
 */
export function PlainTextField({
  id,
  text,
  fieldId,
  session,
  multiline,
  rows = 3,
  disabled,
  maxChars,
  className,
  ...rest
}: Props) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const others = useFieldPresence(session, fieldId);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const binding = new TextBinding(el, text, {
      maxChars,
      awareness: session.provider.awareness,
      fieldId,
    });
    return () => binding.destroy();
  }, [text, maxChars, session, fieldId]);
  const presenceId = `${id}-wie`;
  const describedBy =
    [rest['aria-describedby'], others.length > 0 ? presenceId : null].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    id,
    ref,
    className: className ?? 'input',
    disabled,
    'aria-describedby': describedBy,
    'data-field': fieldId,
  };
  return (
    <>
      {multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {others.length > 0 && (
        <p className="field-presence" id={presenceId}>
          <span className="visually-hidden">Ook in dit veld: </span>
          {others.map((o) => {
            const color = safeColor(o.color);
            return (
              <span
                key={o.key}
                className="field-presence__name"
                style={{ backgroundColor: color, color: readableTextOn(color) }}
              >
                {o.name}
              </span>
            );
          })}
        </p>
      )}
    </>
  );
}

function useFieldPresence(session: Pick<PlanSession, 'provider'>, fieldId: string) {
  const { awareness } = session.provider;
  const read = () => fieldPresence(awareness.getStates(), awareness.clientID, fieldId);
  const [others, setOthers] = useState(read);
  useEffect(() => {
    const onChange = () => {
      const next = read();
      setOthers((prev) =>
        prev.length === next.length && prev.every((p, i) => p.name === next[i]?.name) ? prev : next,
      );
    };
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [awareness, fieldId]);
  return others;
}

interface PlanTextProps extends Omit<Props, 'text' | 'fieldId' | 'session'> {
  root: 'acties' | 'doelen' | 'domeinen';
  entryId: string;
  fieldKey: string;
  /** The text as read (for a plan whose local copy still holds a plain string). */
  value: string;
  /** Writes the text when the field is not a Y.Text yet (through `PlanDoc`, which makes it one). */
  onChange: (value: string) => void;
}

/** A free-text field of one entry of the plan: bound to its Y.Text, or (a local copy of plan schema 1) written whole once. */
export function PlanText({ root, entryId, fieldKey, value, onChange, ...props }: PlanTextProps) {
  const { session } = usePlan();
  const text = session.plan.textField(root, entryId, fieldKey);
  if (!text) return <SyncedText {...props} value={value} onChange={onChange} />;
  return (
    <PlainTextField
      {...props}
      text={text}
      session={session}
      fieldId={`${root}/${entryId}/${fieldKey}`}
    />
  );
}
