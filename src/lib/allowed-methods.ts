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

/** GET also answers HEAD (the router serves it from the GET handler). */
function withHead(methods: string[]): string[] {
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}

const specPaths: PathMethods[] = Object.entries(spec.paths as Record<string, Record<string, unknown>>).map(([template, item]) => ({
  pattern: templatePattern(template),
  methods: withHead(operationMethods.filter((m) => item[m] !== undefined).map((m) => m.toUpperCase())),
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
