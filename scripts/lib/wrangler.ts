/** @module Running the project's wrangler (from node_modules) non-interactively. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

const bin = join(repoRoot, 'node_modules', '.bin', 'wrangler');
// CI=1 answers wrangler's confirmation prompts and silences its update checks.
const env = { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' };

export function wranglerSync(args: string[]): string {
  const result = spawnSync(bin, args, { cwd: repoRoot, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`wrangler ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * `wrangler dev` in its own process group (detached), so that stopping it can reach the workerd
 * processes it spawns: signalling wrangler alone can leave them holding the port.
 */
export function wranglerDev(port: number, options: { quiet?: boolean; vars?: Record<string, string>; inspectorPort?: number; liveReload?: boolean } = {}): ChildProcess {
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'];
  // `vars` override wrangler.toml's `[vars]` (`--var NAME:value`).
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('--var', `${name}:${value}`);
  if (options.inspectorPort !== undefined) args.push('--inspector-port', String(options.inspectorPort));
  if (options.liveReload) args.push('--live-reload');
  return spawn(bin, args, { cwd: repoRoot, env, stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', detached: true });
}

/** SIGTERM to the child's whole process group, SIGKILL after `graceMs`; resolves once the child exited. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const forced = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  await exited;
  clearTimeout(forced);
  // Anything wrangler left behind in its group (workerd) goes too.
  signalGroup('SIGKILL');
}
