/**
 * @module
 * "Similar ideas" while the user types a title: asks after a pause in typing, from a few
 * characters, and shows only the answer to the latest title (a slower answer to an earlier one is
 * dropped). A failed lookup shows nothing: the form works without suggestions.
 */
import type { Feedback } from './state.ts';

export const SIMILAR_DELAY_MS = 250;
export const SIMILAR_MIN_LENGTH = 3;
export const SIMILAR_LIMIT = 5;

export class SimilarLookup {
  private timer?: ReturnType<typeof setTimeout>;
  private latest = 0;

  constructor(
    private readonly find: (title: string) => Promise<Feedback[]>,
    private readonly show: (items: Feedback[]) => void,
    private readonly delayMs = SIMILAR_DELAY_MS,
  ) {}

  /** The title as typed; a shorter one clears the suggestions at once. */
  input(title: string): void {
    clearTimeout(this.timer);
    const request = ++this.latest;
    const query = title.trim();
    if (query.length < SIMILAR_MIN_LENGTH) return this.show([]);
    this.timer = setTimeout(() => {
      const answer = (items: Feedback[]) => request === this.latest && this.show(items.slice(0, SIMILAR_LIMIT));
      this.find(query).then(answer, () => answer([]));
    }, this.delayMs);
  }
}
