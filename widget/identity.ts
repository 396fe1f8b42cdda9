/**
 * @module
 * Who the end user is. A signed token (`data-user-token`, `FeedbackWidget('identify', token)`)
 * is `base64url(JSON {sub, kid, exp, name?, weight?}).signature`, signed by the customer's server; the widget
 * only reads `sub` and `name` from it and sends it as `X-User-Token`, the API verifies it.
 * Without one, an anonymous id is kept in localStorage (where the workspace allows anonymous use).
 */

export interface Identity {
  externalUserId: string;
  name?: string;
  token?: string;
}

export class InvalidIdentityTokenError extends Error {
  constructor() {
    super('FeedbackWidget: the identity token is not base64url(JSON payload).signature');
    this.name = 'InvalidIdentityTokenError';
  }
}

export function identityFromToken(token: string): Identity {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) throw new InvalidIdentityTokenError();
  let claims: { sub?: unknown; name?: unknown };
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as typeof claims;
  } catch {
    throw new InvalidIdentityTokenError();
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new InvalidIdentityTokenError();
  return { externalUserId: claims.sub, token, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) };
}

const ANONYMOUS_KEY = 'feedback-widget:anonymous-id';

export function anonymousIdentity(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): Identity {
  let id = storage?.getItem(ANONYMOUS_KEY) ?? undefined;
  if (!id) {
    id = `anon-${crypto.randomUUID()}`;
    storage?.setItem(ANONYMOUS_KEY, id);
  }
  return { externalUserId: id };
}
