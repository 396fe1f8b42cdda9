/**
 * @module
 * A V8 CPU profile of the Worker's isolate, summed by category and by module: self time of every
 * sampled function, idle time apart (the isolate waiting on I/O).
 *
 * A sample stands for the time until the next one. workerd runs every isolate of the process (the
 * Worker, the local D1 and Cache API simulators) on one thread, and while another isolate runs, this
 * one takes no samples: the next sample comes late, and its whole gap would be charged to the
 * function sampled before it (typically the D1 call that handed the thread to the simulator). So a
 * sample counts for at most GAP_FACTOR times the median interval; the rest is `unsampledMs`.
 */
import type { ModuleAt } from './bundle-modules.ts';
import { categoryOfModule, categoryOfNative, type Category } from './categories.ts';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A sample counts for at most this many median sampling intervals. */
const GAP_FACTOR = 4;

export interface ProfileSummary {
  wallMs: number;
  idleMs: number;
  busyMs: number;
  /** Gaps between samples beyond GAP_FACTOR median intervals: the thread in another isolate, or the sampler without a core. */
  unsampledMs: number;
  byCategory: Record<string, number>;
  topModules: { module: string; ms: number }[];
}

export function analyzeProfile(profile: CpuProfile, moduleAt: ModuleAt, isBundle: (url: string) => boolean): ProfileSummary {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));

  const where = new Map<number, { category: Category | 'idle'; module: string }>();
  const classify = (id: number): { category: Category | 'idle'; module: string } => {
    const known = where.get(id);
    if (known) return known;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    let result: { category: Category | 'idle'; module: string };
    if (functionName === '(idle)') result = { category: 'idle', module: '(idle)' };
    else if (url && isBundle(url)) {
      const module = moduleAt(lineNumber);
      result = { category: categoryOfModule(module), module };
    } else {
      const native = categoryOfNative(functionName);
      const up = parent.get(id);
      const inherited = up === undefined || nodes.get(up)!.callFrame.functionName === '(root)' ? undefined : classify(up);
      const category = native ?? (inherited?.category === 'idle' ? undefined : inherited?.category) ?? 'runtime (GC, program)';
      result = { category, module: `(native ${functionName || 'anonymous'})` };
    }
    where.set(id, result);
    return result;
  };

  const byCategory: Record<string, number> = {};
  const byModule: Record<string, number> = {};
  let idleUs = 0;
  let unsampledUs = 0;
  const intervals = profile.timeDeltas.slice(1).sort((a, b) => a - b);
  const capUs = GAP_FACTOR * (intervals[Math.floor(intervals.length / 2)] ?? 0);
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const us = Math.min(delta, capUs);
    unsampledUs += delta - us;
    const { category, module } = classify(id);
    if (category === 'idle') {
      idleUs += us;
      return;
    }
    byCategory[category] = (byCategory[category] ?? 0) + us / 1000;
    byModule[module] = (byModule[module] ?? 0) + us / 1000;
  });
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const busyMs = Object.values(byCategory).reduce((a, b) => a + b, 0);
  const topModules = Object.entries(byModule)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([module, ms]) => ({ module, ms }));
  return { wallMs, idleMs: idleUs / 1000, busyMs, unsampledMs: unsampledUs / 1000, byCategory, topModules };
}
