/**
 * CPU time of one OS thread of this process, from Linux's
 * `/proc/self/task/<tid>/stat` (user + system time, in clock ticks of 10 ms).
 * The validation worker's budget is CPU time: on a busy machine a check may
 * wait for a core far longer than it computes, and that is no fault of the
 * update. Null where there is no /proc (the budget then falls back to wall
 * time, and an overrun is not blamed on the update).
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second (`getconf CLK_TCK`): 100 on every Linux Node supports. */
const TICK_MS = 10;

export type ThreadCpuReader = (tid: number) => number | null;

/** CPU milliseconds the thread has used so far, or null when it cannot be read. */
export const readThreadCpuMs: ThreadCpuReader = (tid) => {
  let stat: string;
  try {
    stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // Fields after the command name (which may hold spaces) start with the state, field 3; utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return (utime + stime) * TICK_MS;
};
