/**
 * @module
 * CPU seconds used by a process and all its descendants (Linux `/proc`), so a benchmark can report
 * CPU per request of a server: on a shared machine that is far steadier than throughput, which
 * moves with everybody else's load. Undefined where `/proc` is not available.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    // Fields after the command name (which may hold spaces) start at ") ".
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

export function treeCpuSeconds(root: number): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const all = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) all.set(Number(name), s);
  }
  let ticks = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    ticks += all.get(pid)?.ticks ?? 0;
    for (const [child, s] of all) if (s.ppid === pid) pending.push(child);
  }
  return ticks / TICKS_PER_SECOND;
}
