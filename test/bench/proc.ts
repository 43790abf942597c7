/** CPU and memory of a process from /proc (Linux), sampled while a benchmark runs. */
import { readFileSync } from 'node:fs';

const CLK_TCK = 100;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

export interface ProcSample {
  /** Average cores busy over the window (1.0 = one core). */
  cpu: number;
  peakRss: number;
}

/** Start sampling `pids`; `stop()` returns CPU use and the peak RSS (summed over the pids). */
export function sampleProcesses(pids: number[]): { stop(): ProcSample } {
  const start = Date.now();
  const ticks0 = pids.reduce((s, p) => s + cpuTicks(p), 0);
  let peak = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(
        peak,
        pids.reduce((s, p) => s + rssBytes(p), 0),
      );
    } catch {
      /* a process ended */
    }
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      const ticks = pids.reduce((s, p) => s + cpuTicks(p), 0) - ticks0;
      peak = Math.max(
        peak,
        pids.reduce((s, p) => s + rssBytes(p), 0),
      );
      return { cpu: ticks / CLK_TCK / ((Date.now() - start) / 1000), peakRss: peak };
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
