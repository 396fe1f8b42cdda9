/** @module New identity secrets: 256 random bits and a short random key id that tokens name as `kid`. */
import { randomToken } from './crypto.ts';

export function newIdentitySecret(): { keyId: string; secret: string } {
  return { keyId: randomToken(6), secret: randomToken(32) };
}
