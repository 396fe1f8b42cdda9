/**
 * @module
 * The SDK a customer's app imports (`feedback-platform-api/sdk`): the typed client generated from
 * the contract, and `signIdentityToken` for the customer's server, which signs who the end user
 * is with the workspace's identity secret (WebCrypto only: Node 20+, Deno, Workers, browsers).
 * Never sign in a browser: the secret must stay on the server. See docs/widget.md.
 */
import { signIdentity, type IdentityClaims } from '../src/lib/identity.ts';

export { createApiClient, type paths } from '../generated/client.ts';
export type { components, operations } from '../generated/api-types.ts';
export type { IdentityClaims };

/** `base64url(JSON claims).base64url(HMAC-SHA256(secret, payload))`, sent as `X-User-Token` or `data-user-token`. */
export function signIdentityToken(secret: string, claims: IdentityClaims): Promise<string> {
  return signIdentity(secret, claims);
}
