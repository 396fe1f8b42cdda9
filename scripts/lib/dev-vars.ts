/**
 * @module
 * The local secrets file `.dev.vars` (gitignored) that `wrangler dev` reads: created on first
 * start, kept afterwards so keys stay valid across restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

export const devVarsPath = join(repoRoot, '.dev.vars');

export function readDevVars(): Record<string, string> {
  if (!existsSync(devVarsPath)) return {};
  return Object.fromEntries(
    readFileSync(devVarsPath, 'utf8')
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!.replace(/^"(.*)"$/, '$1')]),
  );
}

const token = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Fills in whatever is missing and returns the complete set. */
export function ensureDevVars(): Record<string, string> {
  const vars = readDevVars();
  const wanted: Record<string, () => string> = {
    CURSOR_SECRET: () => token(),
    PLATFORM_ADMIN_TOKEN: () => token('plat_'),
    DEMO_ADMIN_KEY: () => token('fpk_'),
    LOAD_TEST_ADMIN_KEY: () => token('fpk_'),
  };
  let changed = false;
  for (const [name, make] of Object.entries(wanted)) {
    if (!vars[name]) {
      vars[name] = make();
      changed = true;
    }
  }
  if (changed) {
    const lines = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
    writeFileSync(devVarsPath, `# Local secrets for wrangler dev; written by npm start, never committed.\n${lines.join('\n')}\n`);
  }
  return vars;
}
