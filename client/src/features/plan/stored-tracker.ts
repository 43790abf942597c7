/**
 * What of this tab's copy of the plan the server has stored. "Opgeslagen"
 * may only be shown when this says so.
 *
 * Two signals, both from the stock protocols:
 *  - State vectors. The server's sync step 1 carries its stored state
 *    vector, and every `plan:stored` event (fed in by the caller) tells what
 *    is stored. Updates it relays are counted as stored too: the server
 *    relays before it commits (ADR 014), but such an update is someone
 *    else's, and that sender's "Opgeslagen" waits for the commit (the
 *    barrier below). Local edits are stored when every local clock is
 *    reached.
 *  - A barrier for what a state vector cannot show: a deletion does not
 *    advance any clock. After local edits went out, the tracker sends one more
 *    sync step 1 on the same WebSocket. The server answers a step 1 only
 *    after everything it accepted before it is stored, and answers in order,
 *    so when that answer arrives every edit sent before it is stored (or was
 *    refused; the state vectors still catch a refused insert).
 */
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { isStored, mergeVectors, type StateVector } from './save-status';

const MESSAGE_SYNC = 0;
/** WebSocket.OPEN, without needing the global. */
const WS_OPEN = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
/** Wait this long after the last keystroke before asking for the barrier. */
const BARRIER_DEBOUNCE_MS = 200;
/**
 * A barrier unanswered this long means a dead connection (the provider's own
 * watchdog waits 30 s): close it, so the provider reconnects and the status
 * says offline meanwhile.
 */
const BARRIER_TIMEOUT_MS = 10_000;

/** lib0's variable-length unsigned integer, as y-protocols writes it. */
function readVarUint(bytes: Uint8Array, pos: number): [number, number] | null {
  let value = 0;
  let mult = 1;
  for (let i = pos; i < bytes.length; i++) {
    const b = bytes[i] as number;
    value += (b & 0x7f) * mult;
    if (b < 0x80) return [value, i + 1];
    mult *= 128;
    if (mult > 2 ** 53) return null;
  }
  return null;
}

/** The step and payload of a sync message whose type byte was read already. */
export function peekSync(
  bytes: Uint8Array,
  pos: number,
): { step: number; payload: Uint8Array } | null {
  const step = readVarUint(bytes, pos);
  if (!step) return null;
  const len = readVarUint(bytes, step[1]);
  if (!len || len[1] + len[0] > bytes.length) return null;
  return { step: step[0], payload: bytes.subarray(len[1], len[1] + len[0]) };
}

export function writeVarUint(out: number[], n: number): void {
  let v = n;
  while (v > 0x7f) {
    out.push(0x80 | (v & 0x7f));
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** A sync step 1 message carrying `doc`'s state vector. */
export function syncStep1Message(doc: Y.Doc): Uint8Array<ArrayBuffer> {
  const sv = Y.encodeStateVector(doc);
  const out: number[] = [];
  writeVarUint(out, MESSAGE_SYNC);
  writeVarUint(out, SYNC_STEP1);
  writeVarUint(out, sv.length);
  const head = Uint8Array.from(out);
  const msg = new Uint8Array(head.length + sv.length);
  msg.set(head);
  msg.set(sv, head.length);
  return msg;
}

type SyncHandler = WebsocketProvider['messageHandlers'][number];

export class StoredTracker {
  private stored: StateVector = new Map();
  /** Counts local changes. Starts at 1: the local copy may hold edits from an earlier, offline visit. */
  private changes = 1;
  private confirmed = 0;
  /** Per sync step 1 sent on this connection, the change count its answer confirms (-1: none). */
  private outstanding: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly original: SyncHandler | undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
  ) {
    this.original = provider.messageHandlers[MESSAGE_SYNC];
    provider.messageHandlers[MESSAGE_SYNC] = this.onSyncMessage;
    doc.on('update', this.onUpdate);
    provider.on('status', this.onStatus);
  }

  /** Whether the server has stored everything this tab holds. */
  get allStored(): boolean {
    if (this.confirmed < this.changes) return false;
    return isStored(Y.decodeStateVector(Y.encodeStateVector(this.doc)), this.stored);
  }

  /** A stored state vector from `plan:stored`. */
  addStored(vector: StateVector): void {
    this.stored = mergeVectors(this.stored, vector);
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    clearTimeout(this.timer);
    clearTimeout(this.watchdog);
    this.doc.off('update', this.onUpdate);
    this.provider.off('status', this.onStatus);
    if (this.original) this.provider.messageHandlers[MESSAGE_SYNC] = this.original;
    this.listeners.clear();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    clearTimeout(this.timer);
    clearTimeout(this.watchdog);
    // The provider sends its own sync step 1 right after "connected"; it confirms nothing of ours.
    this.outstanding = status === 'connected' ? [-1] : [];
    this.notify();
  };

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider) {
      // From the server: another client's, confirmed to that client on commit (see above).
      this.stored = mergeVectors(
        this.stored,
        Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)),
      );
    } else {
      this.changes++;
      this.scheduleBarrier();
    }
    this.notify();
  };

  private readonly onSyncMessage: SyncHandler = (
    encoder,
    decoder,
    provider,
    emitSynced,
    messageType,
  ) => {
    const peeked = peekSync(decoder.arr, decoder.pos);
    this.original?.(encoder, decoder, provider, emitSynced, messageType);
    if (!peeked) return;
    if (peeked.step === SYNC_STEP1) {
      this.stored = mergeVectors(this.stored, Y.decodeStateVector(peeked.payload));
      // Our answer (with edits the server lacks) is sent when this handler returns; the barrier goes after it.
      queueMicrotask(() => this.sendBarrier());
    } else if (peeked.step === SYNC_STEP2) {
      const covers = this.outstanding.shift();
      if (covers !== undefined && covers > this.confirmed) this.confirmed = covers;
      clearTimeout(this.watchdog);
      this.watchdog = undefined;
      if (this.outstanding.length > 0) this.startWatchdog();
    }
    this.notify();
  };

  private scheduleBarrier(): void {
    if (!this.provider.wsconnected) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sendBarrier(), BARRIER_DEBOUNCE_MS);
  }

  private sendBarrier(): void {
    clearTimeout(this.timer);
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !ws || ws.readyState !== WS_OPEN) return;
    ws.send(syncStep1Message(this.doc));
    this.outstanding.push(this.changes);
    if (this.watchdog === undefined) this.startWatchdog();
  }

  private startWatchdog(): void {
    clearTimeout(this.watchdog);
    const ws = this.provider.ws;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      if (this.outstanding.length > 0 && this.provider.ws === ws) ws?.close();
    }, BARRIER_TIMEOUT_MS);
  }
}
