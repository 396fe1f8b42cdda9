/**
 * @module
 * The Worker: HTTP through the app (a repeat cache HIT before it, see repeat-hits.ts), cron
 * through counter reconciliation.
 */
import { createApp } from './app.ts';
import type { Env } from './env.ts';
import { rememberRepeatHits, repeatHit } from './lib/cache/repeat-hits.ts';
import { scheduled } from './scheduled.ts';

const app = createApp();

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => repeatHit(request, env, ctx) ?? rememberRepeatHits(request, app.fetch(request, env, ctx)),
  scheduled,
} satisfies ExportedHandler<Env>;
