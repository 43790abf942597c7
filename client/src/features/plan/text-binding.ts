/**
 * Binds a plain `<input>` or `<textarea>` to a Y.Text of the plan, so several
 * people can type in the same field at once and keep every word:
 *
 * - a local edit goes to the Y.Text as the minimal insert and delete
 *   (`diffText`, with the caret deciding between equal letters); never while
 *   an IME composition is going on (compositionstart…compositionend), then
 *   once, when it ends;
 * - a remote edit shows at once, also while the field has focus, and the
 *   caret and selection stay on the characters they were on (Yjs relative
 *   positions, taken just before the remote transaction; a caret sticks to
 *   the character before it, so two people typing at the same place do not
 *   interleave);
 * - a length limit counts characters (code points), not UTF-16 units: what
 *   would go beyond it is cut off the insert (typed or pasted), never off
 *   someone else's text;
 * - in awareness, `field` names the field the user is in, for the names of
 *   others next to it (`fieldPresence`).
 *
 * `y-textarea` was considered: it writes `value` itself next to React, has no
 * IME handling and counts UTF-16 units, so this small binding it is.
 */
import { charCount, clipChars, diffText, type TextChange } from '@spil/shared';
import * as Y from 'yjs';

type Field = HTMLInputElement | HTMLTextAreaElement;

/** A Yjs text delta, as in a Y.YTextEvent. */
export type Delta = { insert?: unknown; delete?: number; retain?: number }[];

/**
 * Where `index` ends up after a remote change `delta`. A remote insert at the
 * index itself moves it along when `assoc` is 1 (the index is the start of
 * something after it), and not when it is -1.
 */
export function transformIndex(index: number, delta: Delta, assoc: 1 | -1 = 1): number {
  let pos = 0;
  let out = index;
  for (const op of delta) {
    if (op.retain !== undefined) {
      pos += op.retain;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (pos < index || (pos === index && assoc === 1)) out += len;
      // Positions in the delta are in the new text; `pos` walks the old one, so an insert does not move it.
    } else if (op.delete !== undefined) {
      const end = pos + op.delete;
      if (end <= index) out -= op.delete;
      else if (pos < index) out -= index - pos;
      pos = end;
    }
    if (pos > index) break;
  }
  return Math.max(0, out);
}

/**
 * The change to make for a local edit of the field from `before` to `after`
 * (caret at `caret` in `after`), within `maxChars` characters: an insert that
 * would go beyond the limit is cut to what fits. Null when nothing changes.
 */
export function localChange(
  before: string,
  after: string,
  caret: number | undefined,
  maxChars?: number,
): TextChange | null {
  const change = diffText(before, after, caret);
  if (!change || maxChars === undefined || !change.insert) return change;
  const removed = before.slice(change.index, change.index + change.remove);
  const room = maxChars - (charCount(before) - charCount(removed));
  const insert = room <= 0 ? '' : clipChars(change.insert, room);
  if (insert === change.insert) return change;
  if (!insert && change.remove === 0) return null;
  return { ...change, insert };
}

/**
 * The operation on the Y.Text for a local edit of a field: the field showed
 * `shadow` when it last matched the Y.Text and shows `value` now (caret at
 * `caret`); `pending` are the remote changes the Y.Text got since (during an
 * IME composition), in order. The edit's range is moved past them, so it
 * lands where the user made it. Null when nothing changes.
 */
export function fieldEdit(
  shadow: string,
  value: string,
  caret: number | undefined,
  pending: readonly Delta[],
  maxChars?: number,
): TextChange | null {
  const change = localChange(shadow, value, caret, maxChars);
  if (!change) return null;
  let start = change.index;
  let end = change.index + change.remove;
  for (const d of pending) {
    start = transformIndex(start, d, 1);
    end = Math.max(start, transformIndex(end, d, -1));
  }
  return { index: start, remove: end - start, insert: change.insert };
}

/** Apply an operation to a Y.Text (inside the caller's transaction). */
export function applyFieldEdit(ytext: Y.Text, op: TextChange): void {
  if (op.remove > 0) ytext.delete(op.index, op.remove);
  if (op.insert) ytext.insert(op.index, op.insert);
}

/** Where the user's selection is, in awareness: the field and the selection as relative positions. */
export interface FieldAwareness {
  field: string;
  anchor: unknown;
  head: unknown;
}

interface AwarenessLike {
  getLocalState(): Record<string, unknown> | null;
  setLocalStateField(field: string, value: unknown): void;
}

export interface TextBindingOptions {
  maxChars?: number;
  /** Shows in awareness which field this user is in. */
  awareness?: AwarenessLike;
  /** A stable name of the field (root/entry/key), for awareness. */
  fieldId?: string;
}

export class TextBinding {
  /** The value the element showed when it last matched the Y.Text. */
  private shadow: string;
  private composing = false;
  /** Remote changes that arrived during a composition, in order. */
  private pending: Delta[] = [];
  private selection: { start: Y.RelativePosition; end: Y.RelativePosition } | null = null;
  private readonly doc: Y.Doc;
  private destroyed = false;

  constructor(
    private readonly el: Field,
    private readonly ytext: Y.Text,
    private readonly opts: TextBindingOptions = {},
  ) {
    if (!ytext.doc) throw new Error('TextBinding: the Y.Text is not in a document');
    this.doc = ytext.doc;
    this.shadow = ytext.toJSON();
    el.value = this.shadow;
    el.addEventListener('input', this.onInput);
    el.addEventListener('compositionstart', this.onCompositionStart);
    el.addEventListener('compositionend', this.onCompositionEnd);
    el.addEventListener('focus', this.onSelect);
    el.addEventListener('select', this.onSelect);
    el.addEventListener('keyup', this.onSelect);
    el.addEventListener('mouseup', this.onSelect);
    el.addEventListener('blur', this.onBlur);
    this.doc.on('beforeTransaction', this.onBeforeTransaction);
    ytext.observe(this.onRemote);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const el = this.el;
    el.removeEventListener('input', this.onInput);
    el.removeEventListener('compositionstart', this.onCompositionStart);
    el.removeEventListener('compositionend', this.onCompositionEnd);
    el.removeEventListener('focus', this.onSelect);
    el.removeEventListener('select', this.onSelect);
    el.removeEventListener('keyup', this.onSelect);
    el.removeEventListener('mouseup', this.onSelect);
    el.removeEventListener('blur', this.onBlur);
    this.doc.off('beforeTransaction', this.onBeforeTransaction);
    this.ytext.unobserve(this.onRemote);
    if (this.isFocused()) this.opts.awareness?.setLocalStateField('field', null);
  }

  private isFocused(): boolean {
    return this.el.ownerDocument.activeElement === this.el;
  }

  /** Apply what the user changed since `shadow` to the Y.Text, moved past remote changes that came meanwhile. */
  private flush(): void {
    const value = this.el.value;
    const op = fieldEdit(
      this.shadow,
      value,
      this.el.selectionEnd ?? undefined,
      this.pending,
      this.opts.maxChars,
    );
    this.pending = [];
    if (op) {
      this.doc.transact(() => applyFieldEdit(this.ytext, op), this);
    }
    const text = this.ytext.toJSON();
    if (text !== value) {
      this.el.value = text;
      if (op && this.isFocused()) {
        const caretAt = op.index + op.insert.length;
        this.el.setSelectionRange(caretAt, caretAt);
      }
    }
    this.shadow = text;
    this.onSelect();
  }

  private readonly onInput = (e: Event) => {
    if (this.composing || (e as InputEvent).isComposing) return;
    this.flush();
  };

  private readonly onCompositionStart = () => {
    this.composing = true;
  };

  private readonly onCompositionEnd = () => {
    this.composing = false;
    this.flush();
  };

  /** Just before someone else's change: where the selection is, as positions that move with the text. */
  private readonly onBeforeTransaction = (tr: Y.Transaction) => {
    if (tr.origin === this || this.composing || !this.isFocused()) return;
    const start = this.el.selectionStart ?? 0;
    const end = this.el.selectionEnd ?? start;
    // A caret sticks to the character before it (what the user just typed), so text someone
    // else inserts at the same place goes after it, not between the user's keystrokes. A
    // selection keeps its first and last character.
    this.selection = {
      start: Y.createRelativePositionFromTypeIndex(this.ytext, start, start === end ? -1 : 0),
      end: Y.createRelativePositionFromTypeIndex(this.ytext, end, -1),
    };
  };

  private readonly onRemote = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.origin === this) return;
    if (this.composing) {
      // Not now: changing the value would break the composition. Applied when it ends.
      this.pending.push(event.delta);
      return;
    }
    // The field may hold what the user typed since the last input event (rare): keep it.
    if (this.el.value !== this.shadow) {
      this.pending.push(event.delta);
      this.flush();
      return;
    }
    const text = this.ytext.toJSON();
    const sel = this.selection;
    this.selection = null;
    this.el.value = text;
    this.shadow = text;
    if (sel && this.isFocused()) {
      const start = Y.createAbsolutePositionFromRelativePosition(sel.start, this.doc)?.index ?? 0;
      const end = Y.createAbsolutePositionFromRelativePosition(sel.end, this.doc)?.index ?? start;
      this.el.setSelectionRange(Math.min(start, end), Math.max(start, end));
    }
  };

  /** Tell the others where in this field the user is. */
  private readonly onSelect = () => {
    const { awareness, fieldId } = this.opts;
    if (!awareness || !fieldId || !this.isFocused()) return;
    const start = this.el.selectionStart ?? 0;
    const end = this.el.selectionEnd ?? start;
    const value: FieldAwareness = {
      field: fieldId,
      anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(this.ytext, start)),
      head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(this.ytext, end)),
    };
    awareness.setLocalStateField('field', value);
  };

  private readonly onBlur = () => {
    if (this.composing) {
      this.composing = false;
      this.flush();
    }
    this.opts.awareness?.setLocalStateField('field', null);
  };
}

/** The other people whose awareness says they are in `fieldId`, one entry per name. */
export function fieldPresence(
  states: Map<number, Record<string, unknown>>,
  selfClientId: number,
  fieldId: string,
): { key: string; name: string; color: unknown }[] {
  const out = new Map<string, { key: string; name: string; color: unknown }>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const field = state.field as { field?: unknown } | null | undefined;
    if (!field || field.field !== fieldId) continue;
    const user = state.user as { name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user.name !== 'string') continue;
    if (!out.has(user.name))
      out.set(user.name, { key: String(clientId), name: user.name, color: user.color });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
