/**
 * Awareness from a connection: only for the client id the connection owns,
 * with `user` replaced by who is really logged in. A client cannot show
 * itself under someone else's name or move someone else's cursor.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { personColor } from '@spil/shared';
import { MAX_AWARENESS_STATE_CHARS } from './collab.constants';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export class AwarenessFormatError extends Error {}

/** Decode an awareness update (y-protocols format). Throws AwarenessFormatError on malformed input. */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  try {
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    if (n > 1000) throw new AwarenessFormatError('too many states');
    const out: AwarenessEntry[] = [];
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarString(d);
      if (json.length > MAX_AWARENESS_STATE_CHARS) continue;
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) continue;
      out.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    return out;
  } catch (e) {
    if (e instanceof AwarenessFormatError) throw e;
    throw new AwarenessFormatError('malformed awareness update');
  }
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

/** The state as relayed: the client's own fields, `user` from the session. */
export function withUser(
  state: Record<string, unknown> | null,
  user: { id: string; name: string },
): Record<string, unknown> | null {
  if (state === null) return null;
  return { ...state, user: { name: user.name, color: personColor(user.id) } };
}
