/**
 * @module
 * The dashboard's only way to the network: the generated typed client, with the API key from the
 * session as a Bearer token (never in a URL).
 */
import type { components } from '../generated/api-types.ts';
import { createApiClient } from '../generated/client.ts';

export type PerformanceStats = components['schemas']['PerformanceStats'];
export type OperationPerformance = components['schemas']['OperationPerformance'];
export type PerformancePoint = components['schemas']['PerformancePoint'];
export type FeedbackActivity = components['schemas']['FeedbackActivity'];
export type Range = PerformanceStats['range'];

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    detail: string | undefined,
  ) {
    super(detail ?? `request failed with ${status}`);
    this.name = 'ApiRequestError';
  }
}

function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    throw new ApiRequestError(result.response.status, (result.error as { detail?: string } | undefined)?.detail);
  }
  return result.data;
}

export function dashboardApi(baseUrl: string, apiKey: string) {
  const client = createApiClient({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });
  return {
    stats: async (range: Range) => ok(await client.GET('/api/v1/performance', { params: { query: { range } } })),
    activity: async (workspace: string) =>
      ok(await client.GET('/api/v1/{workspace}/admin/activity', { params: { path: { workspace }, query: { days: 14 } } })),
  };
}

export type DashboardApi = ReturnType<typeof dashboardApi>;
