/**
 * @module
 * A fresh workspace for a browser run, made through the API with the platform token: board
 * `main` with N items, a widget config whose allowedOrigins are the given ones, a public roadmap.
 */

export interface WidgetWorkspace {
  slug: string;
  key: string;
  board: string;
  roadmap: string;
}

async function call(baseUrl: string, path: string, init: { method?: string; key?: string; body?: unknown }): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', ...(init.key ? { Authorization: `Bearer ${init.key}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'POST'} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

export async function createWidgetWorkspace(baseUrl: string, platformToken: string, options: { items: number; allowedOrigins: string[] }): Promise<WidgetWorkspace> {
  const slug = `widget-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  const created = (await call(baseUrl, '/api/v1/workspaces', { key: platformToken, body: { slug, name: 'Acme Feedback' } })) as { apiKey: { key: string } };
  const key = created.apiKey.key;
  const board = 'main';
  await call(baseUrl, `/api/v1/${slug}/admin/boards`, { key, body: { slug: board, name: 'Main' } });
  await call(baseUrl, `/api/v1/${slug}/admin/widget-config`, {
    method: 'PUT',
    key,
    body: { defaultBoard: board, position: 'bottom-right', theme: 'light', showRoadmap: true, locale: 'en', allowedOrigins: options.allowedOrigins },
  });
  for (let i = 1; i <= options.items; i += 1) {
    await call(baseUrl, `/api/v1/${slug}/${board}/feedback`, { body: { title: `Idea number ${i}`, description: `Details of idea ${i}`, externalUserId: `seed-${i}` } });
  }
  const roadmap = 'public';
  await call(baseUrl, `/api/v1/${slug}/admin/roadmaps`, { key, body: { slug: roadmap, name: 'Product roadmap', phases: ['Planned', 'In progress', 'Done'] } });
  const { phases } = (await (await fetch(`${baseUrl}/api/v1/${slug}/roadmaps/${roadmap}`)).json()) as { phases: { id: number }[] };
  await call(baseUrl, `/api/v1/${slug}/admin/roadmaps/${roadmap}/items`, { key, body: { phaseId: phases[0]!.id, title: 'Keyboard shortcuts' } });
  return { slug, key, board, roadmap };
}
