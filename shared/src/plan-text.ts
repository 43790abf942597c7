/**
 * Free text in the plan (schema version 2): every free-text value of an entry
 * is a Y.Text, so concurrent typing merges character by character. Readers go
 * through `textOf`, which also reads the plain strings of schema version 1.
 * Writers change a Y.Text by the minimal insert and delete (`setText`).
 */
import * as Y from 'yjs';
import { z } from 'zod';

/**
 * The text of a plan value: a string (schema version 1) as it is, a Y.Text
 * (version 2) as its content, anything else as ''.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Y.Text) return value.toJSON();
  return '';
}

/**
 * The keys that hold free text (a Y.Text) in the entries of each root. An
 * entry is a top-level value of the root, itself a Y.Map.
 */
export const PLAN_TEXT_FIELDS = {
  acties: ['titel', 'inschakelen'],
  doelen: ['titel'],
  domeinen: ['zorgen', 'doelen'],
  huishouden: ['tekst', 'wieHelpt'],
} as const satisfies Record<string, readonly string[]>;

/** Whether `key` of an entry in `root` holds free text. */
export function isTextField(root: string, key: string): boolean {
  const keys = (PLAN_TEXT_FIELDS as Record<string, readonly string[] | undefined>)[root];
  return keys !== undefined && keys.includes(key);
}

/** A change of a text: at `index` (UTF-16 units, as Y.Text counts), remove `remove` units and insert `insert`. */
export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The smallest change that turns `before` into `after`: the common start and
 * end stay. `caret` (where the caret is in `after`, if known) decides between
 * equally small changes, e.g. which of two equal letters was typed: what was
 * typed ends at the caret. Never splits a surrogate pair. Null when equal.
 */
export function diffText(before: string, after: string, caret?: number): TextChange | null {
  if (before === after) return null;
  const min = Math.min(before.length, after.length);
  let maxPrefix = min;
  if (caret !== undefined && caret >= 0 && caret <= after.length) {
    // What was typed ends at the caret, and is at least as long as the text grew.
    maxPrefix = Math.min(maxPrefix, Math.max(0, caret - Math.max(0, after.length - before.length)));
  }
  let prefix = 0;
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHigh(after.charCodeAt(prefix - 1))) prefix--;
  let maxSuffix = min - prefix;
  if (caret !== undefined && caret >= prefix && caret <= after.length) {
    maxSuffix = Math.min(maxSuffix, after.length - caret);
  }
  let suffix = 0;
  while (
    suffix < maxSuffix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLow(after.charCodeAt(after.length - suffix))) suffix--;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** Apply a change to a string (the pure counterpart of applying it to a Y.Text). */
export function applyTextChange(text: string, change: TextChange | null): string {
  if (!change) return text;
  return text.slice(0, change.index) + change.insert + text.slice(change.index + change.remove);
}

/** Make a Y.Text read `value` by the minimal change. Returns whether it changed. */
export function replaceText(ytext: Y.Text, value: string, caret?: number): boolean {
  const change = diffText(ytext.toJSON(), value, caret);
  if (!change) return false;
  const apply = () => {
    if (change.remove > 0) ytext.delete(change.index, change.remove);
    if (change.insert) ytext.insert(change.index, change.insert);
  };
  if (ytext.doc) ytext.doc.transact(apply);
  else apply();
  return true;
}

/**
 * Set a free-text key of an entry: a Y.Text already there changes by the
 * minimal change; anything else (absent, a version-1 string) is replaced by a
 * new Y.Text.
 */
export function setText(entry: Y.Map<unknown>, key: string, value: string): void {
  const current = entry.get(key);
  if (current instanceof Y.Text) replaceText(current, value);
  else entry.set(key, new Y.Text(value));
}

/** Length in characters (code points), as a person counts them: an emoji is one. */
export function charCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    if (isHigh(value.charCodeAt(i)) && isLow(value.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/**
 * Limits of the professionals' free text in the plan, in characters
 * (`charCount`): the plan's fields, the forms that add an entry and
 * `PlanDoc` count the same way.
 */
export const PLAN_TEXT_LIMITS = {
  actieTitel: 300,
  inschakelen: 1000,
  doelTitel: 300,
  zorgen: 2000,
} as const;

/**
 * Why `value` does not fit in `max` characters, in Dutch ("De titel mag
 * hoogstens 300 tekens hebben; nu zijn het er 301."), or null when it fits.
 * Characters as a person counts them (`charCount`), so an emoji is one.
 */
export function tooLong(value: string, max: number, what: string): string | null {
  const n = charCount(value);
  return n > max ? `${what} mag hoogstens ${max} tekens hebben; nu zijn het er ${n}.` : null;
}

/**
 * A request's free text that goes into the plan, trimmed, refused over `max`
 * characters with the message of `tooLong`. JSON Schema's `maxLength`
 * counts code points too, so OpenAPI states the same limit.
 */
export function planTextSchema(max: number, what: string) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const refusal = tooLong(value, max, what);
      if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
    })
    .meta({ maxLength: max });
}

/** The first `max` characters (code points) of `value`. */
export function clipChars(value: string, max: number): string {
  let n = 0;
  let i = 0;
  while (i < value.length && n < max) {
    i += isHigh(value.charCodeAt(i)) && isLow(value.charCodeAt(i + 1)) ? 2 : 1;
    n++;
  }
  return value.slice(0, i);
}
