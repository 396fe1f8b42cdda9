/**
 * @module
 * Which methods a path supports, from the spec's path templates, so a known path asked with
 * another method answers 405 with `Allow` instead of 404.
 */
import spec from '../../generated/spec.json';

const operationMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface PathMethods {
  pattern: RegExp;
  methods: string[];
}

function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/**
 * GET also answers HEAD (the router serves it from the GET handler); a path with an
 * `x-cors: allowed-origins` operation answers the CORS preflight, OPTIONS (src/lib/cors.ts).
 */
function methodsOf(item: Record<string, { 'x-cors'?: string } | undefined>): string[] {
  const methods = operationMethods.filter((m) => item[m] !== undefined).map((m) => m.toUpperCase());
  if (methods.includes('GET')) methods.push('HEAD');
  if (operationMethods.some((m) => item[m]?.['x-cors'] === 'allowed-origins')) methods.push('OPTIONS');
  return methods;
}

const specPaths: PathMethods[] = Object.entries(spec.paths as Record<string, Record<string, { 'x-cors'?: string } | undefined>>).map(([template, item]) => ({
  pattern: templatePattern(template),
  methods: methodsOf(item),
}));

/** Paths the app serves beside the spec's operations. */
const ownPaths: PathMethods[] = ['/openapi.json', '/docs', '/docs/{file}'].map((path) => ({ pattern: templatePattern(path), methods: ['GET', 'HEAD'] }));

/** The methods of every template that matches the path (a path can match several); empty when none. */
export function allowedMethods(pathname: string): string[] {
  const methods = new Set<string>();
  for (const { pattern, methods: own } of [...specPaths, ...ownPaths]) {
    if (pattern.test(pathname)) own.forEach((m) => methods.add(m));
  }
  return [...methods];
}
