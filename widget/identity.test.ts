import { describe, expect, it } from 'vitest';
import { anonymousIdentity, identityFromToken, InvalidIdentityTokenError } from './identity.ts';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('identity', () => {
  it('reads sub and name from a signed token and keeps the token to send', () => {
    const token = `${b64url({ sub: 'user-42', name: 'Zoë' })}.c2ln`;
    expect(identityFromToken(token)).toEqual({ externalUserId: 'user-42', name: 'Zoë', token });
  });

  it('rejects a token without signature or sub', () => {
    expect(() => identityFromToken(b64url({ sub: 'x' }))).toThrow(InvalidIdentityTokenError);
    expect(() => identityFromToken(`${b64url({ name: 'x' })}.sig`)).toThrow(InvalidIdentityTokenError);
    expect(() => identityFromToken('%%%.sig')).toThrow(InvalidIdentityTokenError);
  });

  it('keeps one anonymous id per browser', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const first = anonymousIdentity(storage);
    expect(first.externalUserId).toMatch(/^anon-/);
    expect(anonymousIdentity(storage)).toEqual(first);
    expect(anonymousIdentity(undefined).externalUserId).not.toBe(first.externalUserId);
  });
});
