import { createRoute } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { authentication } from './authentication.ts';

const route = (path: string, security: Record<string, string[]>[]) => createRoute({ method: 'get', path, security, responses: {} });

describe('authentication(route): the spec’s security, checked when the route is registered', () => {
  it('accepts public routes, one known scheme, and a scheme that also allows anonymous calls', () => {
    expect(() => authentication(route('/healthz', []))).not.toThrow();
    expect(() => authentication(route('/api/v1/{workspace}/admin/boards', [{ workspaceKey: [] }]))).not.toThrow();
    expect(() => authentication(route('/api/v1/{workspace}/x', [{}, { workspaceKey: [] }]))).not.toThrow();
    expect(() => authentication(route('/api/v1/workspaces', [{ platformToken: [] }]))).not.toThrow();
    expect(() => authentication(route('/api/v1/performance', [{ workspaceKey: [] }, { platformToken: [] }]))).not.toThrow();
  });

  it('refuses a scheme it does not implement, two schemes but a key or the platform token, or a workspace in the path that a key may not match', () => {
    expect(() => authentication(route('/x', [{ oauth: [] }]))).toThrow('GET /x: unknown security scheme "oauth"');
    expect(() => authentication(route('/x', [{ oauth: [] }, { platformToken: [] }]))).toThrow('one security scheme per operation');
    expect(() => authentication(route('/api/v1/{workspace}', [{ workspaceKey: [] }, { platformToken: [] }]))).toThrow('names no workspace in the path');
    expect(() => authentication(route('/x', [{ workspaceKey: [], platformToken: [] }]))).toThrow('each alone');
    expect(() => authentication(route('/api/v1/boards', [{ workspaceKey: [] }]))).toThrow('names its workspace in the path');
  });
});
