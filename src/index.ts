/** @module The Worker: HTTP through the app, cron through counter reconciliation. */
import { createApp } from './app.ts';
import type { Env } from './env.ts';
import { scheduled } from './scheduled.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
