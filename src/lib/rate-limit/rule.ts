/** @module The shape of a generated rate-limit rule (generated/rate-limits.ts) and of a workspace's tiers. */

/** What a rule counts: the client IP of requests without an API key, the end user, or the API key. */
export type RateLimitKey = 'ip' | 'user' | 'apiKey';

export interface RateLimitRule {
  key: RateLimitKey;
  /** Requests per period under the standard tier. */
  limit: number;
  /** Seconds: 10 or 60, the windows the Workers Rate Limiting binding counts in. */
  period: number;
  /** The binding counting `limit` per period. */
  binding: string;
  /** The binding of the `raised` tier, and its limit. */
  raisedBinding: string;
  raisedLimit: number;
}

/** Per workspace and key: the spec's limit, ten times it, or none. */
export type RateLimitTier = 'standard' | 'raised' | 'exempt';

export type RateLimitTiers = Record<RateLimitKey, RateLimitTier>;

export const STANDARD_TIERS: RateLimitTiers = { ip: 'standard', user: 'standard', apiKey: 'standard' };
