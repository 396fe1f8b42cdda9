import { describe, expect, it, vi } from 'vitest';
import { purgeTags } from '../../src/lib/cache/purge.ts';

function recordingFetch(status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response('{}', { status });
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

describe('purgeTags', () => {
  it('posts the tags to the zone’s purge endpoint, at most 30 per call', async () => {
    const { calls, fetcher } = recordingFetch();
    const tags = Array.from({ length: 31 }, (_, i) => `item:ws:${i}`);
    await purgeTags({ CF_ZONE_ID: 'zone1', CF_API_TOKEN: 'secret' }, tags, fetcher);
    expect(calls.map((c) => c.url)).toEqual(Array(2).fill('https://api.cloudflare.com/client/v4/zones/zone1/purge_cache'));
    expect(calls[0]!.init.headers).toMatchObject({ Authorization: 'Bearer secret' });
    expect(calls.map((c) => (JSON.parse(c.init.body as string) as { tags: string[] }).tags)).toEqual([tags.slice(0, 30), tags.slice(30)]);
  });

  it('is skipped, with one note, when the zone or token is unset', async () => {
    const { calls, fetcher } = recordingFetch();
    await purgeTags({}, ['board:ws:main'], fetcher);
    await purgeTags({ CF_ZONE_ID: 'zone1' }, ['board:ws:main'], fetcher);
    expect(calls).toEqual([]);
  });

  it('logs a rejected or failed purge instead of throwing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await purgeTags({ CF_ZONE_ID: 'z', CF_API_TOKEN: 't' }, ['a:b'], recordingFetch(403).fetcher);
    await purgeTags({ CF_ZONE_ID: 'z', CF_API_TOKEN: 't' }, ['a:b'], (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch);
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });
});
