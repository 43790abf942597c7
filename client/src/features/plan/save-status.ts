/**
 * "Opgeslagen" means stored by the server, not merely sent: the server tells
 * the document's clients the state vector of what it has committed
 * (`plan:stored`), and the local edits are stored when, for every client in
 * the local state vector, the stored clock has reached the local clock.
 */
import * as Y from 'yjs';

export type StateVector = Map<number, number>;

export function decodeStoredVector(base64: string): StateVector | null {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return Y.decodeStateVector(bytes);
  } catch {
    return null;
  }
}

/** What the server has stored only grows; messages may arrive out of order across instances. */
export function mergeVectors(a: StateVector, b: StateVector): StateVector {
  const out = new Map(a);
  for (const [client, clock] of b) out.set(client, Math.max(clock, out.get(client) ?? 0));
  return out;
}

export function isStored(local: StateVector, stored: StateVector): boolean {
  for (const [client, clock] of local) {
    if ((stored.get(client) ?? 0) < clock) return false;
  }
  return true;
}

export type Connection = 'connecting' | 'connected' | 'disconnected';

export type SaveState =
  /** Not connected yet since the plan opened. */
  | 'verbinden'
  | 'offline'
  | 'opslaan'
  | 'opgeslagen'
  /** The server refused the plan for good (closed with 4401 or 4403). */
  | 'geweigerd';

export function saveState(input: {
  connection: Connection;
  everConnected: boolean;
  refused: boolean;
  stored: boolean;
}): SaveState {
  if (input.refused) return 'geweigerd';
  if (input.connection !== 'connected') return input.everConnected ? 'offline' : 'verbinden';
  return input.stored ? 'opgeslagen' : 'opslaan';
}

export const SAVE_STATE_TEXT: Record<SaveState, string> = {
  verbinden: 'Verbinden…',
  offline: 'Offline: je wijzigingen worden bewaard',
  opslaan: 'Wordt opgeslagen…',
  opgeslagen: 'Opgeslagen',
  geweigerd: 'Geen verbinding met het plan',
};
