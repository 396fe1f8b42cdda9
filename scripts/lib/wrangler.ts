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

/** `vars` override wrangler.toml's `[vars]` (`--var NAME:value`). */
export function wranglerDev(port: number, options: { quiet?: boolean; vars?: Record<string, string>; inspectorPort?: number } = {}): ChildProcess {
  const extra = Object.entries(options.vars ?? {}).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  if (options.inspectorPort !== undefined) extra.push('--inspector-port', String(options.inspectorPort));
  return spawn(bin, ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false', ...extra], {
    cwd: repoRoot,
    env,
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
}
