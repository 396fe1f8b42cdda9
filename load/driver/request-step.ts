/**
 * @module
 * One step of the model as an HTTP request: placeholders filled, the admin key where the
 * operation needs it, and the outcome judged against the operation's success statuses.
 */
import type { SetupStep, IterationStep } from '../model.ts';
import type { HttpClient, HttpResult } from './http-client.ts';
import { fillBody, fillPath, type Variables } from './templates.ts';

export interface RunContext {
  client: HttpClient;
  baseUrl: string;
  adminKey: string;
}

export function sendStep(ctx: RunContext, step: SetupStep | IterationStep, vars: Variables, options: { readBody?: boolean; signal?: AbortSignal } = {}): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (step.auth === 'admin') headers.Authorization = `Bearer ${ctx.adminKey}`;
  let body: string | undefined;
  if (step.body !== undefined) {
    body = JSON.stringify(fillBody(step.body, vars));
    headers['Content-Type'] = 'application/json';
  }
  return ctx.client.send({
    method: step.method,
    url: ctx.baseUrl + fillPath(step.path, vars),
    headers,
    body,
    readBody: options.readBody,
    signal: options.signal,
  });
}

/** k6's `http_req_failed`: no response, or a status outside the operation's expected statuses. */
export function isFailed(step: { expectedStatuses: number[] }, result: HttpResult): boolean {
  return !step.expectedStatuses.includes(result.status);
}
