/**
 * @module
 * Authentication from the route's `security`, before validation and before any lookup: an anonymous
 * caller learns nothing about which bodies are valid or which objects exist. Without credentials an
 * operation that needs them is a 401 whatever the request holds; bad credentials are a 401 wherever
 * they are sent; a key of another workspace is a 403. An operation that also allows anonymous calls
 * (`security: [{}, {workspaceKey: []}]`) checks a key only when one is sent. An operation whose path
 * names no workspace may accept a workspace key or the platform token
 * (`security: [{workspaceKey: []}, {platformToken: []}]`): a key then stands for its own workspace,
 * and a request with the platform token has no `keyWorkspace`.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticatePlatformToken, authenticateWorkspaceKey, bearer } from './auth.ts';
import { unauthorized } from './problem.ts';

/** The spec's `components.securitySchemes` this runtime implements. */
const schemes = ['workspaceKey', 'platformToken'] as const;
type Scheme = (typeof schemes)[number];
const isScheme = (name: string): name is Scheme => (schemes as readonly string[]).includes(name);

/** A workspace key (of the workspace it stands for) or the platform token. */
const KEY_OR_PLATFORM = 'workspaceKeyOrPlatformToken';

/** The one scheme a route accepts (or a key or the platform token) and whether it also accepts no credentials. */
function securityOf(route: RouteConfig): { scheme?: Scheme | typeof KEY_OR_PLATFORM; anonymous: boolean } {
  const requirements = route.security ?? [];
  const named = [...new Set(requirements.flatMap((requirement) => Object.keys(requirement)))];
  const where = `${route.method.toUpperCase()} ${route.path}`;
  if (named.length === 2 && named.includes('workspaceKey') && named.includes('platformToken')) {
    if (route.path.includes('{workspace}')) throw new Error(`${where}: an operation open to a key or the platform token names no workspace in the path`);
    if (requirements.some((requirement) => Object.keys(requirement).length !== 1)) throw new Error(`${where}: a key or the platform token, each alone`);
    return { scheme: KEY_OR_PLATFORM, anonymous: false };
  }
  if (named.length > 1) throw new Error(`${where}: one security scheme per operation is supported (or workspaceKey or platformToken), got ${named.join(', ')}`);
  const scheme = named[0];
  if (scheme === undefined) return { anonymous: true };
  if (!isScheme(scheme)) throw new Error(`${where}: unknown security scheme "${scheme}"`);
  if (scheme === 'workspaceKey' && !route.path.includes('{workspace}')) throw new Error(`${where}: a workspaceKey operation names its workspace in the path`);
  return { scheme, anonymous: requirements.some((requirement) => Object.keys(requirement).length === 0) };
}

const missingCredential = {
  workspaceKey: 'This operation needs a workspace API key',
  platformToken: 'This operation needs the platform token',
  [KEY_OR_PLATFORM]: 'This operation needs a workspace API key or the platform token',
};

export function authentication(route: RouteConfig): MiddlewareHandler<AppEnv> {
  const { scheme, anonymous } = securityOf(route);
  if (scheme === undefined) return async (_c, next) => next();
  return async (c, next) => {
    const credential = bearer(c);
    if (credential === undefined) {
      if (!anonymous) throw unauthorized(missingCredential[scheme]);
    } else if (scheme === KEY_OR_PLATFORM) {
      if (!c.env.PLATFORM_ADMIN_TOKEN || credential !== c.env.PLATFORM_ADMIN_TOKEN) c.set('keyWorkspace', await authenticateWorkspaceKey(c, credential));
    } else if (scheme === 'workspaceKey') {
      c.set('keyWorkspace', await authenticateWorkspaceKey(c, credential, c.req.param('workspace') ?? ''));
    } else {
      await authenticatePlatformToken(c, credential);
    }
    await next();
  };
}
