/** @module The Worker's bindings, vars and secrets. */
import type { RateLimitBindings } from '../generated/rate-limits.ts';

/** The Rate Limiting bindings are generated from the spec's `x-rate-limit` rules. */
export interface Env extends RateLimitBindings {
  DB: D1Database;
  /** Static assets (build/assets): the /docs reference UI. */
  ASSETS: Fetcher;
  /** Part of every cache key, so a new API version never reads an old version's entries. */
  API_VERSION: string;
  /** Signs pagination cursors (secret). Without it cursors are signed with a per-deploy fallback. */
  CURSOR_SECRET?: string;
  /** Authorizes platform operations such as creating workspaces (secret). */
  PLATFORM_ADMIN_TOKEN?: string;
  /** Cloudflare zone and API token for purge-by-tag in production (secrets). */
  CF_ZONE_ID?: string;
  CF_API_TOKEN?: string;
}

declare global {
  namespace Cloudflare {
    interface Env extends RateLimitBindings {
      DB: D1Database;
      ASSETS: Fetcher;
      API_VERSION: string;
      CURSOR_SECRET?: string;
      PLATFORM_ADMIN_TOKEN?: string;
      CF_ZONE_ID?: string;
      CF_API_TOKEN?: string;
      TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    }
  }
}
