/**
 * @module
 * Signed end-user identity (as Canny and Featurebase do for SSO): the host application signs
 * `{sub, kid, exp, name?, weight?}` with the workspace's identity secret named by `kid`; the token
 * travels in `X-User-Token`. Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret,
 * payload part)). The security model is in docs/identity.md.
 */
import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from './crypto.ts';

export interface IdentityClaims {
  /** The end user's externalUserId. */
  sub: string;
  /** Key id of the secret that signed the token. */
  kid: string;
  /** Expiry, epoch seconds; required, and at most the workspace's maximum lifetime ahead. */
  exp: number;
  name?: string;
  /** Vote weight, 1 to 100; the workspace's maximum bounds what counts. */
  weight?: number;
}

export interface TokenRules {
  nowMs: number;
  maxLifetimeSeconds: number;
  /** The secret of a key id, if it is current or within its overlap window. */
  secretOf(kid: string): Promise<string | undefined>;
}

export type IdentityCheck = { valid: true; claims: IdentityClaims } | { valid: false; reason: string };

/** Leeway for clocks of the signing host that run a little ahead of ours. */
const CLOCK_SKEW_SECONDS = 60;
const MAX_WEIGHT = 100;

export async function signIdentity(secret: string, claims: IdentityClaims): Promise<string> {
  const payload = base64url(new TextEncoder().encode(JSON.stringify(claims)));
  return `${payload}.${await hmacSha256(secret, payload)}`;
}

function decodeClaims(payload: string): Record<string, unknown> | undefined {
  const bytes = fromBase64url(payload);
  if (!bytes) return undefined;
  try {
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const invalid = (reason: string): IdentityCheck => ({ valid: false, reason });

/** Checks the signature with the secret the token names, then every claim; says what is wrong. */
export async function verifyIdentity(token: string, rules: TokenRules): Promise<IdentityCheck> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return invalid('it is not "payload.signature"');
  const claims = decodeClaims(payload);
  if (!claims) return invalid('its payload is not base64url JSON');
  const { sub, kid, exp, name, weight } = claims;
  if (typeof kid !== 'string' || kid === '') return invalid('it names no key id (kid)');
  const secret = await rules.secretOf(kid);
  if (secret === undefined) return invalid(`key id "${kid}" is unknown or retired`);
  if (!timingSafeEqual(await hmacSha256(secret, payload), signature)) return invalid('its signature does not match');

  if (typeof sub !== 'string' || sub === '') return invalid('it has no sub');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return invalid('it has no exp (expiry, epoch seconds)');
  const nowSeconds = rules.nowMs / 1000;
  if (exp <= nowSeconds) return invalid('it has expired');
  if (exp > nowSeconds + rules.maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
    return invalid(`its exp lies more than the workspace's maximum lifetime of ${rules.maxLifetimeSeconds} s ahead`);
  }
  if (name !== undefined && typeof name !== 'string') return invalid('its name is not a string');
  if (weight !== undefined && (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > MAX_WEIGHT)) {
    return invalid(`its weight is not an integer from 1 to ${MAX_WEIGHT}`);
  }
  return { valid: true, claims: { sub, kid, exp, ...(name !== undefined && { name }), ...(weight !== undefined && { weight }) } };
}
