/**
 * @module
 * Which source module a line of the built bundle belongs to. esbuild (unminified, as wrangler
 * bundles) opens every module's code with a `// path/of/module.ts` comment, so the last such
 * comment above a line names its module; no source map needed.
 */
import { readFileSync } from 'node:fs';

export type ModuleAt = (line: number) => string;

export function bundleModules(bundlePath: string): ModuleAt {
  const starts: { line: number; module: string }[] = [];
  readFileSync(bundlePath, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const match = /^\/\/ ((?:node_modules|src|generated)\/\S+)$/.exec(text);
      if (match) starts.push({ line, module: match[1]! });
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}
