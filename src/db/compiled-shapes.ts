/**
 * @module
 * Statements compiled once per shape. kysely builds and compiles every query on every call, which
 * the profiles put at 19–37% of a write's CPU. A statement's SQL depends only on its shape (which
 * optional inputs are present, the flags that pick a branch), not on the values it binds. So a hot
 * statement set is built once per shape with a placeholder in place of each string and number of
 * its input, compiled, and remembered with where each placeholder landed among the parameters;
 * later calls of that shape only bind their values.
 *
 * The first call of a shape also compiles its real input the ordinary way and requires the same SQL
 * and parameters: a builder that computes with an input (rather than binding it) or picks SQL by
 * its value would differ, and fails loudly instead of binding wrong values.
 */
import type { CompiledQuery } from 'kysely';
import type { Compilable } from './client.ts';

/** A placeholder for the input value at `path`. */
class Slot {
  constructor(readonly path: readonly string[]) {}
}

type Binding = { path: readonly string[] } | { constant: unknown };

interface Shape {
  templates: CompiledQuery[];
  bindings: Binding[][];
}

/** At most this many shapes per statement set (inputs with arrays of varying length make new ones); beyond, compile per call. */
const MAX_SHAPES = 64;

function shapeKey(input: unknown, literal: ReadonlySet<string>): string {
  return JSON.stringify(input, (key, value: unknown) => {
    if (literal.has(key)) return value;
    if (typeof value === 'string') return 's';
    if (typeof value === 'number') return 'n';
    return value;
  });
}

function withSlots(value: unknown, path: string[], literal: ReadonlySet<string>): unknown {
  if (typeof value === 'string' || typeof value === 'number') return new Slot(path);
  if (Array.isArray(value)) return value.map((v, i) => withSlots(v, [...path, String(i)], literal));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal.has(k) ? v : withSlots(v, [...path, k], literal)]));
  }
  return value;
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  return value;
}

function bind(shape: Shape, input: unknown): CompiledQuery[] {
  return shape.templates.map((template, i) => ({
    ...template,
    parameters: shape.bindings[i]!.map((b) => ('path' in b ? valueAt(input, b.path) : b.constant)),
  }));
}

function sameStatements(a: CompiledQuery[], b: CompiledQuery[]): boolean {
  return a.length === b.length && a.every((q, i) => q.sql === b[i]!.sql && q.parameters.length === b[i]!.parameters.length && q.parameters.every((p, j) => Object.is(p, b[i]!.parameters[j])));
}

/**
 * `build` as a function whose statements are compiled once per shape of its input. `literal` names
 * input keys whose values pick SQL (a sort column, say): they are part of the shape, not bound.
 */
export function compiledShapes<Input extends object>(
  name: string,
  build: (input: Input) => readonly Compilable[],
  literal: readonly string[] = [],
): (input: Input) => Compilable[] {
  const literalKeys = new Set(literal);
  const shapes = new Map<string, Shape>();
  return (input) => {
    const key = shapeKey(input, literalKeys);
    let shape = shapes.get(key);
    if (!shape) {
      const direct = build(input).map((q) => q.compile());
      if (shapes.size >= MAX_SHAPES) return direct.map((q) => ({ compile: () => q }));
      const templates = build(withSlots(input, [], literalKeys) as Input).map((q) => q.compile());
      shape = {
        templates,
        bindings: templates.map((q) => q.parameters.map((p) => (p instanceof Slot ? { path: p.path } : { constant: p }))),
      };
      if (!sameStatements(bind(shape, input), direct)) throw new Error(`${name}: its SQL or parameters depend on an input's value; name that input as literal`);
      shapes.set(key, shape);
    }
    return bind(shape, input).map((q) => ({ compile: () => q }));
  };
}
