/** @module The Hono environment every route and handler shares. */
import type { Env } from './env.ts';

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Values of invalidation templates the handler supplies (see generated TagParams). */
    tagParams?: Record<string, string | number>;
  };
}
