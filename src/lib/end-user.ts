/**
 * @module
 * Who the end user is: `externalUserId` as the seed sends it, checked against a signed identity
 * token when one is given, and required to have one when the workspace demands it.
 */
import { now } from './clock.ts';
import { verifyIdentity } from './identity.ts';
import { unauthorized } from './problem.ts';

export interface IdentityPolicy {
  require_signed_identity: 0 | 1;
  identity_secret: string;
}

export interface EndUser {
  externalUserId: string;
  /** Name from a verified token, if it carried one. */
  name?: string;
}

export async function resolveEndUser(
  workspace: IdentityPolicy,
  externalUserId: string,
  token: string | undefined,
): Promise<EndUser> {
  if (token === undefined) {
    if (workspace.require_signed_identity) throw unauthorized('This workspace requires a signed identity token (X-User-Token)');
    return { externalUserId };
  }
  const claims = await verifyIdentity(workspace.identity_secret, token, now());
  if (!claims) throw unauthorized('The identity token is invalid or expired');
  if (claims.sub !== externalUserId) throw unauthorized('The identity token is for another user');
  return { externalUserId, name: claims.name };
}
