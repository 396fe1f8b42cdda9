/**
 * @module
 * The operations `bench:ops` and `profile` drive, on a board of their own: setup creates a board in
 * the load-test workspace, 21 items, one of them the target of votes and comments. Each phase is one
 * request kind, as wrk sends it (`{user}` in a body is a new end user per request).
 */
export interface Phase {
  name: string;
  operationId: string;
  /** Minimum throughput as a fraction of /healthz's; none for the baseline. */
  budget?: number;
  method: 'GET' | 'POST';
  path: string;
  header?: string;
  body?: string;
}

export async function call(base: string, method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const send = () =>
    fetch(new URL(path, base), {
      method,
      headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  // A pooled connection the server closed after a wrk phase fails once; a new one does not.
  const response = await send().catch(send);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

export async function setUpPhases(base: string, workspace: string, adminKey: string): Promise<Phase[]> {
  const board = `bench-${Date.now().toString(36)}`;
  await call(base, 'POST', `/api/v1/${workspace}/admin/boards`, { body: { slug: board, name: board }, headers: { Authorization: `Bearer ${adminKey}` } });
  const feedback = `/api/v1/${workspace}/${board}/feedback`;
  const item = (await (await call(base, 'POST', feedback, { body: { title: 'Bench target', externalUserId: 'bench-author' } })).json()) as { id: number };
  for (let i = 0; i < 20; i++) await call(base, 'POST', feedback, { body: { title: `Bench item ${i}`, externalUserId: `bench-author-${i}` } });
  return [
    { name: 'healthz', operationId: 'getHealth', method: 'GET', path: '/healthz' },
    { name: 'list, cached', operationId: 'listFeedback', budget: 0.9, method: 'GET', path: feedback },
    // Credentials bypass the shared cache; the list handler does not read the token, so the work is a plain uncached list.
    { name: 'list, uncached', operationId: 'listFeedback', budget: 0.4, method: 'GET', path: feedback, header: 'X-User-Token: bench-bypass' },
    { name: 'vote', operationId: 'voteFeedback', budget: 0.33, method: 'POST', path: `${feedback}/${item.id}/votes`, body: '{"externalUserId":"{user}"}' },
    { name: 'create', operationId: 'createFeedback', budget: 0.25, method: 'POST', path: feedback, body: '{"title":"Bench feedback","externalUserId":"{user}"}' },
    { name: 'comment', operationId: 'createComment', budget: 0.25, method: 'POST', path: `${feedback}/${item.id}/comments`, body: '{"body":"Bench comment","externalUserId":"{user}"}' },
  ];
}

