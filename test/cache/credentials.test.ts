import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, userToken } from '../support/api.ts';
import { read } from './support.ts';

type Comment = { body: string; isInternal: boolean };

describe('credentialed requests bypass the shared cache', () => {
  it('an admin read is neither served from nor stored in the cache', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`;
    expect((await api(path, { body: { body: 'public note', externalUserId: 'u1' } })).status).toBe(201);
    expect((await api(path, { body: { body: 'internal note', isInternal: true }, key: ws.key })).status).toBe(201);

    const publicMiss = await read<Comment[]>(path);
    expect(publicMiss.cache).toBe('MISS');
    expect(publicMiss.body.map((c) => c.body)).toEqual(['public note']);
    // A public HIT exists now; the admin must not get it, and must not replace it.
    const admin = await read<Comment[]>(path, { Authorization: `Bearer ${ws.key}` });
    expect(admin).toMatchObject({ status: 200, cache: 'BYPASS' });
    expect(admin.headers.get('Cache-Control')).toBe('private, no-store');
    expect(admin.headers.get('ETag')).toBeNull();
    expect(admin.body.map((c) => c.body)).toEqual(['public note', 'internal note']);
    const publicHit = await read<Comment[]>(path);
    expect(publicHit.cache).toBe('HIT');
    expect(publicHit.body.map((c) => c.body)).toEqual(['public note']);
  });

  it('an admin read before any public one leaves nothing in the cache', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`;
    await api(path, { body: { body: 'internal only', isInternal: true }, key: ws.key });
    expect((await read(path, { Authorization: `Bearer ${ws.key}` })).cache).toBe('BYPASS');
    const first = await read<Comment[]>(path);
    expect(first.cache).toBe('MISS');
    expect(first.body).toEqual([]);
  });

  it('a signed end-user request bypasses the cache too', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const token = await userToken(ws, 'alice');
    const signed = await read(path, { 'X-User-Token': token });
    expect(signed).toMatchObject({ status: 200, cache: 'BYPASS' });
    expect(signed.headers.get('Cache-Control')).toBe('private, no-store');
    expect((await read(path, { 'X-User-Token': token })).cache).toBe('BYPASS');
    expect((await read(path)).cache).toBe('MISS');
  });
});
