/**
 * `npm start` and `npm run dev` stop cleanly: SIGTERM or SIGINT to the npm process leaves no
 * workerd or wrangler process serving the port. Each starts a real server on STOP_TEST_PORT, or
 * else on a free port.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './lib/paths.ts';
import { processesListeningOn } from './profile/process-cpu.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

/**
 * Processes listening on the port, and those whose command line names it (workerd's socket
 * address, wrangler's --port).
 */
function processesNaming(port: number): string[] {
  const listening = new Set(processesListeningOn(port).map(String));
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
        return listening.has(pid) || args.includes(`127.0.0.1:${port}`) || args.includes(`--port ${port}`) ? [`${pid} ${args}`] : [];
      } catch {
        return [];
      }
    });
}

async function startThenSignal(script: string, signal: NodeJS.Signals): Promise<void> {
  const port = process.env.STOP_TEST_PORT ? Number(process.env.STOP_TEST_PORT) : await freePort();
  const npm = spawn('npm', ['run', '-s', script], { cwd: repoRoot, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  const deadline = Date.now() + 150_000;
  while (!(await answers(port))) {
    if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`npm run ${script} did not serve port ${port}`);
    await sleep(500);
  }
  expect(processesNaming(port).length).toBeGreaterThan(0);
  npm.kill(signal);
  await exited;
  // Whatever the npm process started must be gone shortly after it.
  const gone = Date.now() + 15_000;
  while (processesNaming(port).length > 0 && Date.now() < gone) await sleep(250);
  expect(processesNaming(port)).toEqual([]);
  expect(await answers(port)).toBe(false);
}

describe.skipIf(process.platform !== 'linux')('local servers stop cleanly', () => {
  it('npm start: SIGTERM to npm leaves nothing running', () => startThenSignal('start', 'SIGTERM'), 200_000);
  it('npm start: SIGINT to npm leaves nothing running', () => startThenSignal('start', 'SIGINT'), 200_000);
  it('npm run dev: SIGTERM to npm leaves no wrangler or workerd running', () => startThenSignal('dev', 'SIGTERM'), 200_000);
});
