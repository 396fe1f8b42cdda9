/**
 * @module
 * The freshness bound of bounded mutations (`x-freshness: bounded`: votes, comments, new items).
 * Such a write is seen by its writer at once (its bookmark), and by every other reader within
 * FRESHNESS_BOUND_MS: a served entry reflects every bounded write that completed at least that
 * long before the read. It is the sum of three windows, each enforced in tag-markers.ts and cached.ts:
 * - an entry is usable whatever bounded writes happened, while younger than the bound;
 * - past that, only while its soft markers are current; a write replaces them within
 *   SOFT_MARKER_DELAY_MS (writes to one tag in an isolate are coalesced into one marker write);
 * - another isolate trusts a soft marker it read for SOFT_MARKER_TRUST_MS, counted from its read,
 *   which may precede the end of the replacing put: MARKER_PUT_MARGIN_MS is left for that put; and
 *   for up to MARKER_LOOKUP_GRACE_MS more while one of its requests reads the marker again.
 */
export const FRESHNESS_BOUND_MS = 1000;
export const SOFT_MARKER_DELAY_MS = 200;
const MARKER_PUT_MARGIN_MS = 100;
/**
 * Once a marker token's trust ran out, one request of the isolate reads the marker again; for up to
 * this long the others keep the token they know instead of each starting its own lookup (under load,
 * hundreds of reads per second would otherwise all look the marker up at once, every trust period).
 */
export const MARKER_LOOKUP_GRACE_MS = 200;
export const SOFT_MARKER_TRUST_MS = FRESHNESS_BOUND_MS - SOFT_MARKER_DELAY_MS - MARKER_PUT_MARGIN_MS - MARKER_LOOKUP_GRACE_MS;
/** An entry past this age whose soft markers moved is refreshed in the background while still served. */
export const REFRESH_AHEAD_MS = FRESHNESS_BOUND_MS / 2;
