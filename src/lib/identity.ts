/**
 * @module
 * Signed end-user identity (as Canny and Featurebase do for SSO): the host application signs
 * `{sub, name?, exp}` with the workspace's identity secret; the token travels in `X-User-Token`.
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload part)).
 */
import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from './crypto.ts';

export interface IdentityClaims {
  /** The end user's externalUserId. */
  sub: string;
  name?: string;
  /** Expiry, epoch seconds. */
  exp?: number;
}

export async function signIdentity(secret: string, claims: IdentityClaims): Promise<string> {
  const payload = base64url(new TextEncoder().encode(JSON.stringify(claims)));
  return `${payload}.${await hmacSha256(secret, payload)}`;
}

/** The claims of a valid, unexpired token; undefined for anything else. */
export async function verifyIdentity(secret: string, token: string, nowMs: number): Promise<IdentityClaims | undefined> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  if (!timingSafeEqual(await hmacSha256(secret, payload), signature)) return undefined;
  const bytes = fromBase64url(payload);
  if (!bytes) return undefined;
  try {
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<IdentityClaims>;
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) return undefined;
    if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp * 1000 < nowMs)) return undefined;
    return claims as IdentityClaims;
  } catch {
    return undefined;
  }
}
