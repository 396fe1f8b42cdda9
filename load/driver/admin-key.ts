/**
 * @module
 * The workspace admin key a run's setup needs: `ADMIN_KEY` from the environment, else the
 * `<WORKSPACE>_ADMIN_KEY` line `npm start` writes to `.dev.vars` (e.g. `LOAD_TEST_ADMIN_KEY`).
 */
import { existsSync, readFileSync } from 'node:fs';

export class MissingAdminKeyError extends Error {
  constructor(workspace: string, devVarsPath: string) {
    super(`no admin key for workspace ${workspace}: set ADMIN_KEY, or run \`npm start\` (it writes ${envName(workspace)} to ${devVarsPath})`);
    this.name = 'MissingAdminKeyError';
  }
}

export function envName(workspace: string): string {
  return `${workspace.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_ADMIN_KEY`;
}

export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return vars;
}

export function resolveAdminKey(workspace: string, env: NodeJS.ProcessEnv, devVarsPath: string): string {
  if (env.ADMIN_KEY) return env.ADMIN_KEY;
  if (existsSync(devVarsPath)) {
    const key = parseDevVars(readFileSync(devVarsPath, 'utf8'))[envName(workspace)];
    if (key) return key;
  }
  throw new MissingAdminKeyError(workspace, devVarsPath);
}
