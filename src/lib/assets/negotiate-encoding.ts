/**
 * @module
 * `Accept-Encoding` negotiation (RFC 9110 12.5.3) among the encodings every asset is built in.
 * The highest q-value wins; ties go to the smaller body (br, then gzip, then identity). `q=0`
 * excludes a coding; `*` covers codings not named; identity, when neither named nor covered by
 * `*`, is acceptable after anything named. No header at all means identity.
 */
import type { ContentCoding } from './built-asset.ts';

const PREFERENCE: readonly ContentCoding[] = ['br', 'gzip', 'identity'];
/** The lowest non-zero q-value (RFC 9110 12.4.2 allows three decimals). */
const IDENTITY_DEFAULT = 0.001;

function parse(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q' && value !== undefined) {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(1, Math.max(0, parsed)) : 0;
      }
    }
    // x-gzip is an alias of gzip (RFC 9110 8.4.1.3).
    weights.set(name === 'x-gzip' ? 'gzip' : name, q);
  }
  return weights;
}

/** The coding to send, or undefined when the client accepts none of them (406). */
export function negotiateEncoding(header: string | null | undefined): ContentCoding | undefined {
  if (header === null || header === undefined) return 'identity';
  const weights = parse(header);
  const wildcard = weights.get('*');
  const weightOf = (coding: ContentCoding): number => {
    const named = weights.get(coding);
    if (named !== undefined) return named;
    if (wildcard !== undefined) return wildcard;
    // Unnamed identity is acceptable, after any coding the client named.
    return coding === 'identity' ? IDENTITY_DEFAULT : 0;
  };
  let best: ContentCoding | undefined;
  let bestWeight = 0;
  for (const coding of PREFERENCE) {
    const weight = weightOf(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}
