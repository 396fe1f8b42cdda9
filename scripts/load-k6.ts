/**
 * @module
 * `npm run load:k6 -- [--profile P] [--url URL]`: the k6 command that runs the generated
 * scenario (load/k6/feedback.js) against a server; runs it when `k6` is on the PATH. The admin
 * key is read as the driver reads it (ADMIN_KEY, else `.dev.vars`) and passed by environment,
 * never printed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { envName, resolveAdminKey } from '../load/driver/admin-key.ts';
import { repoRoot } from './lib/paths.ts';
import { serverUrl } from './lib/server-url.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    profile: { type: 'string', default: 'smoke' },
    url: { type: 'string', default: serverUrl() },
    workspace: { type: 'string', default: process.env.WORKSPACE ?? 'load-test' },
    'duration-scale': { type: 'string', default: '1' },
  },
});

const env = [
  `-e PROFILE=${values.profile}`,
  `-e API_URL=${values.url}`,
  `-e WORKSPACE=${values.workspace}`,
  `-e DURATION_SCALE=${values['duration-scale']}`,
  '-e ADMIN_KEY="$ADMIN_KEY"',
];
const command = `k6 run ${env.join(' ')} load/k6/feedback.js`;
console.log(`# ADMIN_KEY: the workspace admin key (npm start writes ${envName(values.workspace)} to .dev.vars)`);
console.log(command);

const k6 = spawnSync('k6', ['version'], { encoding: 'utf8' });
if (k6.error) {
  console.log('# k6 is not on the PATH here: run the command above where k6 (v0.49 or v1.x) is installed');
} else {
  const adminKey = resolveAdminKey(values.workspace, process.env, join(repoRoot, '.dev.vars'));
  const run = spawnSync('sh', ['-c', command], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ADMIN_KEY: adminKey } });
  process.exit(run.status ?? 1);
}
