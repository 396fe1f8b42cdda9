/**
 * @module
 * CPU time of the workerd process serving a port (Linux /proc): all of workerd, i.e. the Worker's
 * isolate plus the runtime, HTTP, and the local D1 and Cache API simulators it hosts.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** Processes holding a listening socket on the port (any local address, IPv4 or IPv6), by the socket's inode in /proc. */
export function processesListeningOn(port: number): number[] {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const sockets = new Set(
    ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) => {
      try {
        return readFileSync(table, 'utf8').split('\n').slice(1)
          .map((line) => line.trim().split(/\s+/))
          .filter((fields) => fields[1]?.endsWith(hexPort) && fields[3] === '0A')
          .map((fields) => `socket:[${fields[9]}]`);
      } catch {
        return [];
      }
    }),
  );
  if (sockets.size === 0) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readdirSync(`/proc/${pid}/fd`).some((fd) => sockets.has(readlinkSafe(`/proc/${pid}/fd/${fd}`) ?? ''));
      } catch {
        return false; // gone or not ours
      }
    })
    .map(Number);
}

/** The workerd process serving a port, whichever of its sockets it is. */
export function workerdServing(port: number): number | undefined {
  return processesListeningOn(port).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workerd');
    } catch {
      return false;
    }
  });
}

function readlinkSafe(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** User + system CPU milliseconds of a process so far. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
