/**
 * @module
 * CPU time of the workerd process serving a port (Linux /proc): all of workerd, i.e. the Worker's
 * isolate plus the runtime, HTTP, and the local D1 and Cache API simulators it hosts.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export function workerdServing(port: number): number | undefined {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (args.includes('workerd') && args.includes(`entry=127.0.0.1:${port}`)) return Number(pid);
    } catch {
      // gone or not ours
    }
  }
  return undefined;
}

/** User + system CPU milliseconds of a process so far. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
