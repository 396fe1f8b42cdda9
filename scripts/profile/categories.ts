/**
 * @module
 * The categories a CPU profile of the Worker is reported in, by the module a sampled function
 * belongs to. Native functions (no module) count for their caller's category, except the JSON and
 * crypto built-ins, which are serialization and hashing wherever they are called from.
 */
export const categories = [
  'routing',
  'validation',
  'handlers',
  'query compilation',
  'D1 client',
  'cache',
  'serialization',
  'hashing',
  'request context',
  'runtime (GC, program)',
  'other',
] as const;
export type Category = (typeof categories)[number];

const byModule: [RegExp, Category][] = [
  [/^node_modules\/hono\/dist\/(router|hono-base|hono\.js|compose|utils\/url)/, 'routing'],
  [/^src\/lib\/operation\.ts|^generated\/router\.ts|^src\/app\.ts|^src\/index\.ts/, 'routing'],
  [/^node_modules\/(zod|@hono\/zod-openapi|@hono\/zod-validator|@asteasolutions)|^node_modules\/hono\/dist\/validator|^src\/lib\/validation-hook|^generated\/(schemas|routes)/, 'validation'],
  [/^node_modules\/kysely\/|^src\/queries\//, 'query compilation'],
  [/^node_modules\/kysely-d1|^src\/db\//, 'D1 client'],
  [/^src\/lib\/cache\//, 'cache'],
  [/^src\/handlers\/|^src\/lib\//, 'handlers'],
  [/^node_modules\/hono\/dist\/(context|request|utils\/(body|headers|cookie|buffer|mime))/, 'request context'],
];

export function categoryOfModule(module: string): Category {
  for (const [pattern, category] of byModule) if (pattern.test(module)) return category;
  return 'other';
}

/** The category of a native frame by its name, or undefined to inherit the caller's. */
export function categoryOfNative(functionName: string): Category | undefined {
  if (functionName === '(garbage collector)' || functionName === '(program)') return 'runtime (GC, program)';
  if (/^(stringify|parse|json|text|arrayBuffer|encode|decode)$/.test(functionName)) return 'serialization';
  if (/^(digest|sign|verify|importKey|randomUUID|getRandomValues)$/.test(functionName)) return 'hashing';
  return undefined;
}
