/**
 * A raw y-websocket client for the authorisation matrix and the fuzzer:
 * `Authorization: Bearer` on the upgrade, every received frame kept, and a
 * round trip (sync step 1 → step 2) to know that everything sent before it
 * was handled and stored.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MSG_SYNC = 0;

export function syncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export class RawCollab {
  readonly doc = new Y.Doc();
  /** Every frame the server sent, in order. */
  readonly received: Uint8Array[] = [];
  closeCode: number | null = null;
  private step2 = 0;
  private readonly ws: WebSocket;
  private readonly changed: (() => void)[] = [];

  constructor(url: string, token: string | null, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, {
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data);
      this.received.push(bytes);
      try {
        this.handle(bytes);
      } catch {
        /* the fuzzer may provoke anything; the test looks at close codes and frames */
      }
      this.notify();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
    this.ws.on('error', () => undefined);
  }

  private handle(bytes: Uint8Array): void {
    const d = decoding.createDecoder(bytes);
    if (decoding.readVarUint(d) !== MSG_SYNC) return;
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MSG_SYNC);
    const type = syncProtocol.readSyncMessage(d, reply, this.doc, 'server');
    if (type === syncProtocol.messageYjsSyncStep2) this.step2++;
    if (type === syncProtocol.messageYjsSyncStep1) this.send(encoding.toUint8Array(reply));
  }

  private notify(): void {
    for (const f of this.changed.splice(0)) f();
  }

  /** Resolves when `check` holds, or rejects after the time out. */
  private until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const test = () => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else this.changed.push(test);
      };
      test();
    });
  }

  /** The close code, or -1 while open. A method, so that checks after an await see the current value. */
  code(): number {
    return this.closeCode ?? -1;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Wait for the upgrade to open, or for a close. */
  async opened(timeoutMs = 10_000): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.ws.readyState !== WebSocket.CONNECTING) return resolve();
      const done = () => resolve();
      this.ws.once('open', done);
      this.ws.once('close', done);
      setTimeout(done, timeoutMs).unref();
    });
  }

  send(frame: Uint8Array | string): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(frame);
    return true;
  }

  /**
   * Ask for the document (sync step 1) and wait for the answer, or for the
   * server to close. Returns 'synced' or the close code. The server handles a
   * connection's messages in order and answers step 1 only after what was
   * accepted before is stored, so this also settles earlier updates.
   */
  async roundTrip(timeoutMs = 15_000): Promise<'synced' | number> {
    await this.opened();
    if (this.closeCode !== null) return this.closeCode;
    const before = this.step2;
    this.send(syncStep1(this.doc));
    await this.until(
      () => this.step2 > before || this.closeCode !== null,
      timeoutMs,
      'sync step 2 or close',
    );
    return this.step2 > before ? 'synced' : this.code();
  }

  /** Wait for the server to close the connection; returns the code. */
  async closed(timeoutMs = 10_000): Promise<number> {
    await this.until(() => this.closeCode !== null, timeoutMs, 'close');
    return this.code();
  }

  /** Make a change on the local copy and send it as one update. */
  edit(fn: (doc: Y.Doc) => void): void {
    let update: Uint8Array | null = null;
    const grab = (u: Uint8Array) => (update = u);
    this.doc.on('update', grab);
    this.doc.transact(() => fn(this.doc), 'local');
    this.doc.off('update', grab);
    if (update) this.send(updateFrame(update));
  }

  /** All bytes received, to search for text that must not be there. */
  receivedText(): string {
    return this.received.map((m) => Buffer.from(m).toString('latin1')).join('\n');
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close();
    this.doc.destroy();
  }

  terminate(): void {
    this.ws.terminate();
  }
}
