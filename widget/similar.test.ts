import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SIMILAR_DELAY_MS, SimilarLookup } from './similar.ts';
import type { Feedback } from './state.ts';

const item = (id: number) => ({ id, title: `Item ${id}` }) as Feedback;

/** A find whose answers the test resolves or rejects by hand, in any order. */
function controlledFind() {
  const calls: { title: string; resolve: (items: Feedback[]) => void; reject: (error: Error) => void }[] = [];
  const find = vi.fn((title: string) => new Promise<Feedback[]>((resolve, reject) => calls.push({ title, resolve, reject })));
  return { find, calls };
}

describe('SimilarLookup', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once typing pauses, with the latest title, and shows at most five', async () => {
    const { find, calls } = controlledFind();
    const show = vi.fn();
    const lookup = new SimilarLookup(find, show);
    lookup.input('Dar');
    vi.advanceTimersByTime(SIMILAR_DELAY_MS - 1);
    lookup.input('Dark');
    lookup.input('Dark mode ');
    vi.advanceTimersByTime(SIMILAR_DELAY_MS - 1);
    expect(find).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(find.mock.calls).toEqual([['Dark mode']]);
    calls[0]!.resolve([1, 2, 3, 4, 5, 6, 7].map(item));
    await vi.runAllTimersAsync();
    expect(show).toHaveBeenLastCalledWith([1, 2, 3, 4, 5].map(item));
  });

  it('does not ask below three characters, and clears at once', () => {
    const { find } = controlledFind();
    const show = vi.fn();
    const lookup = new SimilarLookup(find, show);
    lookup.input('  ab  ');
    vi.advanceTimersByTime(SIMILAR_DELAY_MS * 4);
    expect(find).not.toHaveBeenCalled();
    expect(show.mock.calls).toEqual([[[]]]);
  });

  it('a slower answer to an earlier title does not overwrite the newer one', async () => {
    const { find, calls } = controlledFind();
    const show = vi.fn();
    const lookup = new SimilarLookup(find, show);
    lookup.input('Export');
    vi.advanceTimersByTime(SIMILAR_DELAY_MS);
    lookup.input('Export to Excel');
    vi.advanceTimersByTime(SIMILAR_DELAY_MS);
    expect(calls.map((c) => c.title)).toEqual(['Export', 'Export to Excel']);
    calls[1]!.resolve([item(2)]);
    await vi.runAllTimersAsync();
    calls[0]!.resolve([item(1)]);
    await vi.runAllTimersAsync();
    expect(show.mock.calls).toEqual([[[item(2)]]]);
  });

  it('an answer that arrives after the title became too short is dropped', async () => {
    const { find, calls } = controlledFind();
    const show = vi.fn();
    const lookup = new SimilarLookup(find, show);
    lookup.input('Export');
    vi.advanceTimersByTime(SIMILAR_DELAY_MS);
    lookup.input('Ex');
    calls[0]!.resolve([item(1)]);
    await vi.runAllTimersAsync();
    expect(show.mock.calls).toEqual([[[]]]);
  });

  it('shows nothing when the lookup fails', async () => {
    const { find, calls } = controlledFind();
    const show = vi.fn();
    const lookup = new SimilarLookup(find, show);
    lookup.input('Export');
    vi.advanceTimersByTime(SIMILAR_DELAY_MS);
    calls[0]!.reject(new Error('503'));
    await vi.runAllTimersAsync();
    expect(show.mock.calls).toEqual([[[]]]);
  });
});
