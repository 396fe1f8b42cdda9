/**
 * @module
 * Tag markers: the Cache API cannot purge by tag within a colo, so every tag has a marker in the
 * colo's Cache API holding a random token, replaced by each invalidation of the tag. A read notes
 * the tokens of its tags before its query runs and stores them with its entry; the entry is usable
 * only while every token is still the same. Tokens compare by equality, not by time, so clock
 * skew between machines cannot make an old entry look new, and a marker evicted from the cache
 * invalidates its entries instead of resurrecting them (a read recreates a missing marker, with a
 * new token, before its query).
 *
 * Each tag has two markers. The hard one is replaced by every `immediate` mutation, and an entry
 * is never usable once it moved. The soft one is replaced by `bounded` mutations (votes, comments,
 * new items), coalesced per isolate into one write per SOFT_MARKER_DELAY_MS; an entry is usable
 * past the freshness bound only while it has not moved (see freshness-bound.ts). Hard and soft are
 * separate entries, so a soft write can never overwrite a concurrent hard invalidation.
 */
import type { ExecutionContext } from 'hono';
import { now } from '../clock.ts';
import { MARKER_LOOKUP_GRACE_MS, SOFT_MARKER_DELAY_MS, SOFT_MARKER_TRUST_MS } from './freshness-bound.ts';

/** Markers should outlive the entries that depend on them; an evicted one only costs misses. */
const MARKER_SECONDS = 7 * 24 * 3600;
const TOKEN_HEADER = 'X-Edge-Cache-Marker';

/**
 * How long this isolate trusts a token it read from the colo's cache before reading it again: an
 * invalidation made by another isolate of the colo is seen within this plus MARKER_LOOKUP_GRACE_MS;
 * one made by this isolate at once (it updates `known` itself). Saves a cache lookup per tag on
 * every read.
 */
export const MARKER_TRUST_MS = 800;

const KNOWN_LIMIT = 10_000;
const known = new Map<string, { token: string; readAt: number }>();
/** Invalidations this isolate started per marker: a lookup that overlapped one must not be remembered. */
const invalidationsStarted = new Map<string, number>();
/** When this isolate's lookup of an expired marker started, while it runs. */
const lookupsStarted = new Map<string, number>();
/**
 * This isolate's marker replacements whose put has not landed, per marker. Meanwhile the token it
 * remembers is the replacement's, the newest there is; a lookup then may still read the old one.
 */
const putsInFlight = new Map<string, number>();

function bounded<V>(map: Map<string, V>, url: string, value: V): void {
  if (map.size >= KNOWN_LIMIT) map.delete(map.keys().next().value!);
  map.delete(url);
  map.set(url, value);
}

function remember(url: string, token: string): void {
  bounded(known, url, { token, readAt: now() });
}

export type MarkerKind = 'hard' | 'soft';

// Markers are not versioned with the API: a write through any version invalidates every version's entries.
function markerUrl(origin: string, tag: string, kind: MarkerKind): string {
  return `${origin}/${kind === 'hard' ? '__cache-marker' : '__cache-marker-soft'}/${encodeURIComponent(tag)}`;
}

/** Marker URLs by origin, kind and tag: built once, they are on every read's path. */
const markerUrls = new Map<string, string>();

function cachedMarkerUrl(origin: string, tag: string, kind: MarkerKind): string {
  const id = `${kind} ${origin} ${tag}`;
  let url = markerUrls.get(id);
  if (url === undefined) {
    url = markerUrl(origin, tag, kind);
    bounded(markerUrls, id, url);
  }
  return url;
}

const trustMs: Record<MarkerKind, number> = { hard: MARKER_TRUST_MS, soft: SOFT_MARKER_TRUST_MS };

function newToken(): string {
  return `${now().toString(36)}.${crypto.randomUUID()}`;
}

async function putMarker(url: string, token: string): Promise<void> {
  const marker = new Response(null, { headers: { [TOKEN_HEADER]: token, 'Cache-Control': `public, max-age=${MARKER_SECONDS}` } });
  await caches.default.put(url, marker);
}

function trustedToken(url: string, kind: MarkerKind, at: number): string | undefined {
  const trusted = known.get(url);
  if (!trusted) return undefined;
  if (putsInFlight.has(url) || at - trusted.readAt < trustMs[kind]) return trusted.token;
  const lookup = lookupsStarted.get(url);
  return lookup !== undefined && at - lookup < MARKER_LOOKUP_GRACE_MS ? trusted.token : undefined;
}

async function currentToken(url: string, kind: MarkerKind): Promise<string> {
  const trusted = trustedToken(url, kind, now());
  if (trusted !== undefined) return trusted;
  const started = invalidationsStarted.get(url);
  bounded(lookupsStarted, url, now());
  let token: string | null | undefined;
  try {
    token = (await caches.default.match(url))?.headers.get(TOKEN_HEADER);
  } finally {
    lookupsStarted.delete(url);
  }
  if (token) {
    // Not when a replacement by this isolate started since: the lookup may have read the old token.
    if (invalidationsStarted.get(url) === started) remember(url, token);
    return token;
  }
  // Concurrent reads may each create the missing marker; the last token wins and entries stored
  // under the others only miss once. Sharing one creation between requests is not an option: a
  // request must never await a promise of another (it hangs if that request is cancelled).
  const created = newToken();
  await putMarker(url, created);
  if (invalidationsStarted.get(url) === started) remember(url, created);
  return created;
}

/**
 * The state of the given tags as one string, to store with an entry and compare on every read.
 * Must be read before the query whose result it will vouch for.
 */
export function markerState(origin: string, tags: readonly string[], kind: MarkerKind = 'hard'): string | Promise<string> {
  // Every token trusted (the usual case under load): no lookup and no promise.
  const trusted = trustedMarkerState(origin, tags, kind);
  if (trusted !== undefined) return trusted;
  const urls = tags.map((tag) => cachedMarkerUrl(origin, tag, kind));
  const replacing = kind === 'soft' ? replaceDueSoftMarkers(urls, now()) : undefined;
  if (replacing) return replacing.then(() => markerState(origin, tags, kind));
  return Promise.all(urls.map((url) => currentToken(url, kind))).then((tokens) => tokens.join(' '));
}

/**
 * The state markerState would give, when it can be given now without any lookup or replacement
 * (every token trusted, no soft replacement due); otherwise undefined, and nothing started.
 */
export function trustedMarkerState(origin: string, tags: readonly string[], kind: MarkerKind): string | undefined {
  const at = now();
  const tokens: string[] = [];
  for (const tag of tags) {
    const url = cachedMarkerUrl(origin, tag, kind);
    if (kind === 'soft' && (softReplacementsDue.get(url) ?? Infinity) <= at) return undefined;
    const token = trustedToken(url, kind, at);
    if (token === undefined) return undefined;
    tokens.push(token);
  }
  return tokens.join(' ');
}

async function replaceMarker(url: string): Promise<void> {
  const token = newToken();
  // Flag lookups in flight: one racing this put must not bring the old token back.
  const replacement = (invalidationsStarted.get(url) ?? 0) + 1;
  bounded(invalidationsStarted, url, replacement);
  // Trusted here at once, and for as long as the put takes: a read that starts now runs its query
  // after the write this replacement follows, so it may vouch for its entry with the new token
  // (until the put lands, every read would otherwise look the marker up, and could read the old
  // token). If the put fails, other isolates keep the old token and this one re-reads it after the
  // trust period: entries vouched with the new token then stop being usable, which costs misses,
  // never staleness.
  remember(url, token);
  bounded(putsInFlight, url, (putsInFlight.get(url) ?? 0) + 1);
  try {
    await putMarker(url, token);
  } finally {
    const left = (putsInFlight.get(url) ?? 1) - 1;
    if (left > 0) putsInFlight.set(url, left);
    else putsInFlight.delete(url);
  }
  // The trust period starts when the put has landed, unless a newer replacement started meanwhile.
  if (invalidationsStarted.get(url) === replacement) remember(url, token);
}

/** Makes every entry that depends on these tags unusable in this colo, once the promise resolves. */
export async function markInvalidated(origin: string, tags: readonly string[]): Promise<void> {
  await Promise.all(tags.map((tag) => replaceMarker(cachedMarkerUrl(origin, tag, 'hard'))));
}

/** When this isolate last started replacing each soft marker, and when each scheduled replacement is due. */
const softReplacedAt = new Map<string, number>();
const softReplacementsDue = new Map<string, number>();

async function replaceSoftMarker(url: string, tag: string): Promise<void> {
  softReplacementsDue.delete(url);
  bounded(softReplacedAt, url, now());
  try {
    await replaceMarker(url);
  } catch (error) {
    console.error(`cache: replacing the soft marker of ${tag} failed:`, error);
  }
}

/**
 * Scheduled replacements that are due by the clock but whose timer has not fired (a busy isolate
 * runs timers late): the read that needs the marker makes them first, so the bound holds by the
 * clock, not by the timer.
 */
function replaceDueSoftMarkers(urls: readonly string[], at: number): Promise<void> | undefined {
  const due = urls.filter((url) => (softReplacementsDue.get(url) ?? Infinity) <= at);
  return due.length === 0 ? undefined : Promise.all(due.map((url) => replaceSoftMarker(url, url))).then(() => undefined);
}

/**
 * After a bounded mutation committed: replaces the soft marker of each tag within
 * SOFT_MARKER_DELAY_MS, at most once per that delay per tag in this isolate. The first write to a
 * tag in a while replaces it before its response leaves (then the entries read after it stay
 * valid); later ones within the delay share one replacement scheduled for its end, which starts
 * after they committed and so covers them (made by its timer, or by the first read of the marker
 * after it is due, whichever comes first). A scheduled replacement, then `afterReplacing` (the
 * global purge), run in the scheduling request's waitUntil; no other request awaits them.
 */
export async function markChanged(
  origin: string,
  tags: readonly string[],
  executionCtx: Pick<ExecutionContext, 'waitUntil'>,
  afterReplacing: (tag: string) => Promise<void>,
): Promise<void> {
  const immediate: Promise<void>[] = [];
  for (const tag of tags) {
    const url = cachedMarkerUrl(origin, tag, 'soft');
    if (softReplacementsDue.has(url)) continue;
    const wait = (softReplacedAt.get(url) ?? -Infinity) + SOFT_MARKER_DELAY_MS - now();
    if (wait <= 0) {
      immediate.push(replaceSoftMarker(url, tag));
      executionCtx.waitUntil(immediate.at(-1)!.then(() => afterReplacing(tag)));
      continue;
    }
    const due = now() + wait;
    bounded(softReplacementsDue, url, due);
    executionCtx.waitUntil(
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, wait));
        // Unless a read made it already (replaceDueSoftMarkers).
        if (softReplacementsDue.get(url) === due) await replaceSoftMarker(url, tag);
        await afterReplacing(tag);
      })(),
    );
  }
  await Promise.all(immediate);
}
