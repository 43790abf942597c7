/**
 * The check of a small client update, on the main thread, against the live
 * document (which holds every accepted update: relay first, ADR 014). Most
 * updates are a keystroke or a field change: a few structs and delete
 * ranges, whose check is a bounded amount of work (decoding is linear in the
 * bytes; `checkUpdate` follows each struct's origins among the update's own
 * structs and looks up stored ones by id). Anything larger goes to the
 * validation worker, under its CPU budget (update-validator.ts).
 */
import * as Y from 'yjs';
import { checkUpdate, type CheckResult, type WriteRules } from './update-check';

/** Updates up to this size, with at most this many structs and delete ranges, are checked inline. */
export const INLINE_MAX_BYTES = 4 * 1024;
export const INLINE_MAX_STRUCTS = 64;
export const INLINE_MAX_DELETE_RANGES = 64;

/** The check's result, or null when the update is too large to check here (send it to the worker). */
export function checkInline(doc: Y.Doc, update: Uint8Array, rules: WriteRules): CheckResult | null {
  if (update.length > INLINE_MAX_BYTES) return null;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { kind: 'rejected', reason: 'malformed' };
  }
  if (decoded.structs.length > INLINE_MAX_STRUCTS) return null;
  let ranges = 0;
  for (const r of decoded.ds.clients.values()) ranges += r.length;
  if (ranges > INLINE_MAX_DELETE_RANGES) return null;
  try {
    return checkUpdate(doc, decoded, rules);
  } catch {
    return { kind: 'rejected', reason: 'malformed' };
  }
}
