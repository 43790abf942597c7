/**
 * "Opgeslagen": after a commit, the followers of a document on `/events`
 * hear `plan:stored` with the stored state vector (the sender's client then
 * shows "Opgeslagen" for every edit the vector covers). A notice supersedes
 * the one before it (the stored vector only grows), so while a document is
 * busy the notices are paced: the first after a quiet spell goes at once,
 * later ones at most every `intervalMs`, carrying the vector as it is when
 * they go. A lone typist sees no delay; a meeting of four typing in one plan
 * gets at most 1000 / intervalMs notices a second instead of one per commit.
 */
import { confirmationSeconds } from './collab-metrics';

interface Pace {
  /** When the last notice went (performance.now()). */
  last: number;
  timer: NodeJS.Timeout | null;
  /** When the client updates it will confirm were received (for the confirmation-time metric). */
  received: number[];
}

export class StoredNotices<R extends object> {
  private readonly paced = new Map<R, Pace>();

  constructor(
    /** Send the document's notice now (it reads the stored vector itself). */
    private readonly send: (room: R) => void,
    private readonly intervalMs: number,
  ) {}

  /** Something of `room` was committed; `received`: when its client updates arrived. */
  committed(room: R, received: readonly number[]): void {
    let pace = this.paced.get(room);
    if (!pace) {
      pace = { last: -Infinity, timer: null, received: [] };
      this.paced.set(room, pace);
    }
    for (const r of received) pace.received.push(r);
    if (pace.timer) return; // the notice already planned will carry it
    const wait = pace.last + this.intervalMs - performance.now();
    if (wait <= 0) {
      this.notify(room, pace);
      return;
    }
    const p = pace;
    p.timer = setTimeout(() => {
      p.timer = null;
      this.notify(room, p);
    }, wait);
  }

  /** The room closes: a planned notice goes now, then the room is forgotten. */
  flush(room: R): void {
    const pace = this.paced.get(room);
    if (!pace) return;
    this.paced.delete(room);
    if (!pace.timer) return;
    clearTimeout(pace.timer);
    pace.timer = null;
    this.notify(room, pace);
  }

  /** Forget a room without a notice (it broke: what was pending is not stored). */
  forget(room: R): void {
    const pace = this.paced.get(room);
    if (pace?.timer) clearTimeout(pace.timer);
    this.paced.delete(room);
  }

  private notify(room: R, pace: Pace): void {
    const now = performance.now();
    pace.last = now;
    for (const r of pace.received) confirmationSeconds.observe((now - r) / 1000);
    pace.received.length = 0;
    this.send(room);
  }
}
