/**
 * @module
 * `npm run load -- --profile smoke|seed|scale [--url URL] [--duration-scale X] [--vus-scale X] [--workspace W]
 * [--board B] [--results DIR] [--quiet]`.
 */
import { parseArgs } from 'node:util';
import { serverUrl } from '../../scripts/lib/server-url.ts';
import { type ProfileName, profileNames } from '../model.ts';

export interface CliOptions {
  profile: ProfileName;
  url: string;
  durationScale: number;
  vusScale: number;
  workspace?: string;
  board?: string;
  resultsDir?: string;
  progress: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\nusage: npm run load -- --profile ${profileNames.join('|')} [--url URL] [--duration-scale X] [--vus-scale X] [--workspace W] [--board B] [--results DIR] [--quiet]`);
    this.name = 'UsageError';
  }
}

const isProfile = (value: string): value is ProfileName => (profileNames as readonly string[]).includes(value);

export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      profile: { type: 'string', default: 'smoke' },
      url: { type: 'string' },
      'duration-scale': { type: 'string', default: '1' },
      'vus-scale': { type: 'string', default: '1' },
      workspace: { type: 'string' },
      board: { type: 'string' },
      results: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!isProfile(values.profile)) throw new UsageError(`unknown profile ${values.profile}`);
  const durationScale = Number(values['duration-scale']);
  if (!(durationScale > 0)) throw new UsageError('--duration-scale must be a positive number');
  const vusScale = Number(values['vus-scale']);
  if (!(vusScale > 0 && vusScale <= 1)) throw new UsageError('--vus-scale must be a number in (0, 1]');
  const url = values.url ?? serverUrl(env);
  if (!/^http:\/\//.test(url)) throw new UsageError('--url must be an http:// URL');
  return {
    profile: values.profile,
    url,
    durationScale,
    vusScale,
    workspace: values.workspace ?? env.WORKSPACE,
    board: values.board ?? env.BOARD,
    resultsDir: values.results,
    progress: !values.quiet,
  };
}
