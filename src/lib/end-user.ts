/**
 * @module
 * Who the end user is: `externalUserId` as the seed sends it, checked against a signed identity
 * token when one is given, and required to have one when the workspace demands it. A verified user
 * carries the token's name and its weight claim, bounded by the workspace's maximum.
 */
import type { Db } from '../db/client.ts';
import { retiredIdentitySecret } from '../queries/identity-secrets.ts';
import { now } from './clock.ts';
import { verifyIdentity, type IdentityClaims } from './identity.ts';
import { unauthorized } from './problem.ts';

/** The workspace columns identity depends on (selected with the board or workspace). */
export interface IdentityPolicy {
  workspace_id: number;
  require_signed_identity: 0 | 1;
  identity_secret: string;
  identity_key_id: string;
  max_vote_weight: number;
  max_identity_token_seconds: number;
}

export interface EndUser {
  externalUserId: string;
  /** True when a valid token vouched for this user. */
  verified: boolean;
  /** Name from a verified token, if it carried one. */
  name?: string;
  /** Weight claimed by a verified token, already bounded by the workspace maximum. */
  weight?: number;
}

/** The claims of a valid token of the workspace (current or retired key); 401 otherwise. */
export async function verifiedClaims(db: Db, workspace: IdentityPolicy, token: string): Promise<IdentityClaims> {
  const at = now();
  const check = await verifyIdentity(token, {
    nowMs: at,
    maxLifetimeSeconds: workspace.max_identity_token_seconds,
    secretOf: async (kid) =>
      kid === workspace.identity_key_id ? workspace.identity_secret : retiredIdentitySecret(db, workspace.workspace_id, kid, at),
  });
  if (!check.valid) throw unauthorized(`The identity token (X-User-Token) is invalid: ${check.reason}`);
  return check.claims;
}

export async function resolveEndUser(db: Db, workspace: IdentityPolicy, externalUserId: string, token: string | undefined): Promise<EndUser> {
  if (token === undefined) {
    if (workspace.require_signed_identity) throw unauthorized('This workspace requires a signed identity token (X-User-Token)');
    return { externalUserId, verified: false };
  }
  const claims = await verifiedClaims(db, workspace, token);
  if (claims.sub !== externalUserId) throw unauthorized('The identity token is for another user');
  return {
    externalUserId,
    verified: true,
    ...(claims.name !== undefined && { name: claims.name }),
    ...(claims.weight !== undefined && { weight: Math.min(claims.weight, workspace.max_vote_weight) }),
  };
}
