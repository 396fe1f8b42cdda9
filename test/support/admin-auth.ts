/**
 * @module
 * The credential checks every admin operation shares: 401 without or with an unknown key, 403
 * with another workspace's key or for an unknown workspace with a valid key.
 */
import { api, createWorkspace, expectProblem, uniqueSlug, type RequestOptions, type WorkspaceFixture } from './api.ts';

/** `path` builds the operation's path for a workspace slug. */
export async function expectAdminAuthProblems(path: (workspace: string) => string, options: Omit<RequestOptions, 'key'> = {}): Promise<WorkspaceFixture> {
  const ws = await createWorkspace();
  const other = await createWorkspace();
  await expectProblem(await api(path(ws.slug), options), 401);
  await expectProblem(await api(path(ws.slug), { ...options, key: 'fpk_unknown' }), 401);
  await expectProblem(await api(path(ws.slug), { ...options, key: other.key }), 403);
  await expectProblem(await api(path(uniqueSlug('missing')), { ...options, key: ws.key }), 403);
  return ws;
}
