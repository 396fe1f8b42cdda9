/**
 * @module
 * The widget's only way to the network: the generated typed client (`generated/client.ts`), so
 * every path, parameter and body is checked against the spec at compile time (a source check in
 * `scripts/checks/no-direct-requests.test.ts` enforces it). Public reads go without `X-User-Token` so the
 * edge cache serves them; writes and the user's votes carry it when the user is identified.
 */
import { createApiClient } from '../generated/client.ts';
import type { components } from '../generated/api-types.ts';
import type { Identity } from './identity.ts';
import { nextCursor, type Comment, type Feedback, type Sort } from './state.ts';

export type WidgetConfig = components['schemas']['WidgetConfig'];
export type Branding = components['schemas']['Branding'];
export type PublicRoadmap = components['schemas']['PublicRoadmap'];

export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly detail: string | undefined) {
    super(detail ?? `request failed with ${status}`);
    this.name = 'ApiRequestError';
  }
}

/** The data of a success, or an ApiRequestError carrying the problem's status and detail. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    const detail = (result.error as { detail?: string } | undefined)?.detail;
    throw new ApiRequestError(result.response.status, detail);
  }
  return result.data;
}

export const PAGE_SIZE = 20;

export function widgetApi(baseUrl: string, workspace: string) {
  // On a customer's page every request is cross-origin: no bookmark header, so public reads stay simple requests.
  const client = createApiClient({ baseUrl }, { sendBookmark: false });
  const userHeaders = (identity: Identity) => (identity.token ? { 'X-User-Token': identity.token } : {});
  return {
    config: async () => ok(await client.GET('/api/v1/{workspace}/widget-config', { params: { path: { workspace } } })),
    branding: async () => ok(await client.GET('/api/v1/{workspace}/branding', { params: { path: { workspace } } })),
    roadmap: async (roadmap: string) => ok(await client.GET('/api/v1/{workspace}/roadmaps/{roadmap}', { params: { path: { workspace, roadmap } } })),
    async list(board: string, sort: Sort, cursor?: string): Promise<{ items: Feedback[]; cursor?: string }> {
      const result = await client.GET('/api/v1/{workspace}/{board}/feedback', {
        params: { path: { workspace, board }, query: { sort, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
      });
      return { items: ok(result), cursor: nextCursor(result.response.headers.get('Link')) };
    },
    async votedIds(identity: Identity, ids: number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      const result = await client.GET('/api/v1/{workspace}/votes', {
        params: { path: { workspace }, query: { externalUserId: identity.externalUserId, ids: ids.join(',') }, header: userHeaders(identity) },
      });
      return ok(result).votes.map((v) => v.feedbackId);
    },
    create: async (board: string, identity: Identity, title: string, description: string) =>
      ok(
        await client.POST('/api/v1/{workspace}/{board}/feedback', {
          params: { path: { workspace, board }, header: userHeaders(identity) },
          body: { title, description, externalUserId: identity.externalUserId, ...(identity.name ? { userName: identity.name } : {}) },
        }),
      ),
    vote: async (board: string, identity: Identity, id: number) =>
      ok(
        await client.POST('/api/v1/{workspace}/{board}/feedback/{id}/votes', {
          params: { path: { workspace, board, id }, header: userHeaders(identity) },
          body: { externalUserId: identity.externalUserId },
        }),
      ),
    async unvote(board: string, identity: Identity, id: number): Promise<void> {
      const result = await client.DELETE('/api/v1/{workspace}/{board}/feedback/{id}/votes', {
        params: { path: { workspace, board, id }, query: { externalUserId: identity.externalUserId }, header: userHeaders(identity) },
      });
      if (!result.response.ok) throw new ApiRequestError(result.response.status, (result.error as { detail?: string } | undefined)?.detail);
    },
    similar: async (board: string, title: string): Promise<Feedback[]> =>
      ok(await client.GET('/api/v1/{workspace}/{board}/feedback/similar', { params: { path: { workspace, board }, query: { title } } })),
    comments: async (board: string, id: number): Promise<Comment[]> =>
      ok(await client.GET('/api/v1/{workspace}/{board}/feedback/{id}/comments', { params: { path: { workspace, board, id } } })),
    reply: async (board: string, identity: Identity, id: number, body: string, parentId?: number) =>
      ok(
        await client.POST('/api/v1/{workspace}/{board}/feedback/{id}/comments', {
          params: { path: { workspace, board, id }, header: userHeaders(identity) },
          body: { body, isInternal: false, externalUserId: identity.externalUserId, ...(parentId ? { parentId } : {}), ...(identity.name ? { userName: identity.name } : {}) },
        }),
      ),
  };
}

export type WidgetApi = ReturnType<typeof widgetApi>;
