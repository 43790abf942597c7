/**
 * The way in for client updates: each is checked (inline when small, else in
 * the validation worker), then applied to the live document, relayed and
 * handed to the group commit (`DocRoom.enqueue`). Refusals are counted,
 * logged sparingly and reported (the audit log listens); an update with a
 * gap is no refusal but the sign of a reconnect: the client is asked for
 * everything it has.
 */
import { Logger } from '@nestjs/common';
import { HOUSEHOLD_WRITABLE_ROOTS, SERVER_ROOT } from '@spil/shared';
import type { RejectedUpdate } from './collab.hooks';
import type { CollabClusterLink } from './collab-cluster';
import { resyncs, updatesReceived, updatesRejected, validationSeconds } from './collab-metrics';
import type { CollabPeer, DocRoom } from './doc-room';
import { CLOSE } from './collab.constants';
import { checkInline } from './inline-check';
import { planShapeFor } from './plan-shape';
import { isEmptyUpdate } from './protocol';
import type { RejectReason, WriteRules } from './update-check';
import type { UpdateValidator, ValidationOutcome } from './update-validator';

/** Rejections that may only mean this instance has not yet heard of something another one stored. */
const RETRY_AFTER_CATCH_UP: ReadonlySet<RejectReason> = new Set<RejectReason>([
  'unresolvable',
  'gap',
  'server_root',
]);

export class UpdateIntake {
  private readonly logger = new Logger('CollabIntake');
  readonly counters = { accepted: 0, rejected: 0, resyncs: 0 };
  private readonly rejectionsPerPeer = new WeakMap<CollabPeer, number>();

  constructor(
    private readonly validator: UpdateValidator,
    private readonly maxDocBytes: number,
    /** Other instances (Redis), when there are. */
    private readonly cluster: () => CollabClusterLink | null,
    private readonly onRejected: (e: RejectedUpdate) => void,
  ) {}

  /**
   * A client update: checked, then applied and relayed at once and handed to
   * the group commit (confirmed with `plan:stored` after the commit).
   * Rejections keep the connection open. Throws `ValidationFailed` when the
   * check itself failed (a CPU budget used, a crash, overload).
   */
  async submit(
    room: DocRoom,
    peer: CollabPeer,
    update: Uint8Array,
    isSyncStep2 = false,
  ): Promise<void> {
    // A sync step 2 answers the server's step 1: it carries whatever a resync asked for.
    if (isSyncStep2) this.resyncing.delete(peer);
    if (isEmptyUpdate(update) || room.broken) return;
    updatesReceived.inc();
    const receivedAt = performance.now();
    const rules: WriteRules = {
      write: peer.write,
      authorId: peer.user.id,
      householdRoots: HOUSEHOLD_WRITABLE_ROOTS,
      serverRoot: SERVER_ROOT,
      reservedClient: room.serverClientId,
      ...planShapeFor(room.parsed),
    };
    const max = this.maxDocBytes;
    // Small updates are checked here, synchronously (no await before the enqueue); larger ones in the worker.
    const inWorker = (): Promise<ValidationOutcome> =>
      this.validator.validate(room.name, room.version, update, rules, max, () => room.seed());
    const checked = validationSeconds.startTimer();
    const cluster = this.cluster();
    let outcome = checkHere(room, update, rules, max) ?? (await inWorker());
    checked();
    if (
      outcome.status === 'rejected' &&
      cluster &&
      RETRY_AFTER_CATCH_UP.has(outcome.reason) &&
      !room.broken &&
      !room.disposed
    ) {
      // It may refer to (or repeat) what another instance stored and this one has not heard of yet.
      await cluster.catchUp(room);
      outcome = checkHere(room, update, rules, max) ?? (await inWorker());
    }
    if (room.broken || room.disposed) return;
    if (outcome.status === 'noop') return;
    if (outcome.status === 'rejected' && outcome.reason === 'gap') {
      // Something the client sent before did not arrive (a reconnect): not an attempt, just ask for all it has.
      this.resync(room, peer);
      return;
    }
    if (outcome.status === 'rejected') {
      this.rejected(room, peer, outcome.reason, update.length);
      // A client of an older plan schema: it must reload before it writes again (it shows what it had not sent).
      if (outcome.reason === 'schema_outdated') peer.close(CLOSE.schemaOutdated, 'schema_outdated');
      return;
    }
    this.counters.accepted++;
    room.enqueue(outcome.update, peer.user.id, peer, receivedAt, outcome.roots);
  }

  /**
   * An update that does not follow on what the server has of its sender
   * (`gap`): an earlier one was lost with a connection, or is still in the
   * client's sync step 2. Dropped, neither audited nor logged as refused; the
   * server sends a sync step 1, and the stock client answers with everything
   * the server lacks. One such request at a time per connection.
   */
  private resync(room: DocRoom, peer: CollabPeer): void {
    this.counters.resyncs++;
    resyncs.inc();
    if (this.resyncing.has(peer)) return;
    this.resyncing.add(peer);
    peer.send(room.syncStep1());
  }
  private readonly resyncing = new WeakSet<CollabPeer>();

  private rejected(room: DocRoom, peer: CollabPeer, reason: RejectReason, bytes: number): void {
    this.counters.rejected++;
    updatesRejected.inc({ reason });
    // One line per rejection would let a misbehaving client flood the log: the first few, then every hundredth.
    const n = (this.rejectionsPerPeer.get(peer) ?? 0) + 1;
    this.rejectionsPerPeer.set(peer, n);
    if (n <= 3 || n % 100 === 0) {
      this.logger.warn(
        `Update rejected (${reason}) on document ${room.name} from connection ${peer.id} (${n} so far)`,
      );
    }
    const event: RejectedUpdate = {
      docName: room.name,
      userId: peer.user.id,
      sessionId: peer.sessionId,
      connectionId: peer.id,
      reason,
      bytes,
      at: new Date(),
    };
    this.onRejected(event);
  }
}

/** The inline check of a small update against the live document (inline-check.ts); null: too large, ask the worker. */
function checkHere(
  room: DocRoom,
  update: Uint8Array,
  rules: WriteRules,
  maxDocBytes: number,
): ValidationOutcome | null {
  const r = checkInline(room.doc, update, rules);
  if (!r) return null;
  if (r.kind === 'noop') return { status: 'noop' };
  if (r.kind === 'rejected') return { status: 'rejected', reason: r.reason };
  if (room.bytes + update.length > maxDocBytes && room.exactBytes() + update.length > maxDocBytes)
    return { status: 'rejected', reason: 'doc_too_large' };
  return { status: 'accepted', update, roots: r.roots };
}
