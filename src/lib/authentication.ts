/**
 * @module
 * Authentication from the route's `security`, before validation and before any lookup: an anonymous
 * caller learns nothing about which bodies are valid or which objects exist. Without credentials an
 * operation that needs them is a 401 whatever the request holds; bad credentials are a 401 wherever
 * they are sent; a key of another workspace is a 403. An operation that also allows anonymous calls
 * (`security: [{}, {workspaceKey: []}]`) checks a key only when one is sent.
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

/** The one scheme a route accepts and whether it also accepts no credentials. */
function securityOf(route: RouteConfig): { scheme?: Scheme; anonymous: boolean } {
  const requirements = route.security ?? [];
  const named = [...new Set(requirements.flatMap((requirement) => Object.keys(requirement)))];
  const where = `${route.method.toUpperCase()} ${route.path}`;
  if (named.length > 1) throw new Error(`${where}: one security scheme per operation is supported, got ${named.join(', ')}`);
  const scheme = named[0];
  if (scheme === undefined) return { anonymous: true };
  if (!isScheme(scheme)) throw new Error(`${where}: unknown security scheme "${scheme}"`);
  if (scheme === 'workspaceKey' && !route.path.includes('{workspace}')) throw new Error(`${where}: a workspaceKey operation names its workspace in the path`);
  return { scheme, anonymous: requirements.some((requirement) => Object.keys(requirement).length === 0) };
}

export function authentication(route: RouteConfig): MiddlewareHandler<AppEnv> {
  const { scheme, anonymous } = securityOf(route);
  if (scheme === undefined) return async (_c, next) => next();
  return async (c, next) => {
    const credential = bearer(c);
    if (credential === undefined) {
      if (!anonymous) throw unauthorized(scheme === 'workspaceKey' ? 'This operation needs a workspace API key' : 'This operation needs the platform token');
    } else if (scheme === 'workspaceKey') {
      c.set('keyWorkspace', await authenticateWorkspaceKey(c, credential, c.req.param('workspace') ?? ''));
    } else {
      await authenticatePlatformToken(c, credential);
    }
    await next();
  };
}
