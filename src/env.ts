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
  /** Workers Analytics Engine dataset of request metrics (docs/metrics.md); without it, D1 rollups. */
  PERFORMANCE_ANALYTICS?: AnalyticsEngineDataset;
  /** Account id and a token with Account Analytics Read, to query the dataset's SQL API (secrets). */
  CF_ACCOUNT_ID?: string;
  CF_ANALYTICS_TOKEN?: string;
  /** "off" disables request measurement (the overhead benchmark's baseline). */
  METRICS?: string;
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
      PERFORMANCE_ANALYTICS?: AnalyticsEngineDataset;
      CF_ACCOUNT_ID?: string;
      CF_ANALYTICS_TOKEN?: string;
      METRICS?: string;
      TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    }
  }
}
