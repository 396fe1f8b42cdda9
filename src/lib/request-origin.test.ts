import { describe, expect, it } from 'vitest';
import { requestOrigin } from './request-origin.ts';

describe('requestOrigin', () => {
  it.each([
    'http://127.0.0.1:8787/api/v1/acme/ideas/feedback?sort=trending',
    'https://api.example.com/healthz',
    'https://api.example.com:8443/a/b?c=d#e',
    'http://localhost/',
    'https://example.com?q=1',
    'https://EXAMPLE.com:443/x',
  ])('equals the parsed URL origin of a normalized request URL: %s', (raw) => {
    const url = new Request(raw).url;
    expect(requestOrigin(url)).toBe(new URL(url).origin);
  });
});
