/** The SDK as a customer's server uses it: tokens it signs are the ones the API accepts. */
import { describe, expect, it } from 'vitest';
import { verifyIdentity } from '../src/lib/identity.ts';
import { createApiClient, signIdentityToken } from './index.ts';

describe('sdk', () => {
  it('signIdentityToken makes a token the API verifies, and no other secret does', async () => {
    const token = await signIdentityToken('workspace-secret', { sub: 'user-7', kid: 'k1', name: 'Grace', exp: Math.floor(Date.now() / 1000) + 3600 });
    const rules = (secret: string) => ({ nowMs: Date.now(), maxLifetimeSeconds: 86_400, secretOf: async (kid: string) => (kid === 'k1' ? secret : undefined) });
    expect(await verifyIdentity(token, rules('workspace-secret'))).toMatchObject({ valid: true, claims: { sub: 'user-7', name: 'Grace' } });
    expect(await verifyIdentity(token, rules('another-secret'))).toMatchObject({ valid: false });
  });

  it('the typed client builds requests from the contract', async () => {
    const requests: Request[] = [];
    const client = createApiClient({
      baseUrl: 'https://feedback.example.com',
      fetch: async (request) => {
        requests.push(request);
        return new Response('[]', { headers: { 'Content-Type': 'application/json' } });
      },
    });
    const { data } = await client.GET('/api/v1/{workspace}/{board}/feedback', { params: { path: { workspace: 'acme', board: 'main' }, query: { sort: 'trending', limit: 5 } } });
    expect(data).toEqual([]);
    expect(requests[0]!.url).toBe('https://feedback.example.com/api/v1/acme/main/feedback?sort=trending&limit=5');
  });
});
