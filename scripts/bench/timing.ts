/** @module Timing samples summarized the same way for every benchmark. */
export interface Timing {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  rows: number;
}

export function summarize(name: string, samples: number[], rows: number): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { name, runs: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), minMs: sorted[0]!, rows };
}
