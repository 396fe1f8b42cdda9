/**
 * @module
 * Turns one JSON Schema (the subset the spec uses) into zod source code. Shared by the schema
 * emitter (components) and the route emitter (parameters and inline schemas). Anything outside
 * the subset is a generation error, so the spec cannot silently lose a constraint.
 */
import { SpecError, type JsonSchema } from './spec-model.ts';

export interface ZodContext {
  /** Path and query values arrive as strings: numbers are coerced. */
  coerce?: boolean;
  where: string;
}

const supportedKeys = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'minimum', 'maximum',
  'minLength', 'maxLength', 'pattern', 'format', 'default', 'description', 'minItems', 'maxItems',
  'minProperties', '$ref', 'allOf',
]);

export function schemaIdentifier(name: string): string {
  return `${name}Schema`;
}

export function refName(ref: string): string {
  return ref.replace('#/components/schemas/', '');
}

export function zodExpression(schema: JsonSchema, ctx: ZodContext): string {
  for (const key of Object.keys(schema)) {
    if (!supportedKeys.has(key)) throw new SpecError(ctx.where, `unsupported schema keyword "${key}"`);
  }
  if (typeof schema.$ref === 'string') return schemaIdentifier(refName(schema.$ref));
  if (Array.isArray(schema.allOf)) return allOfExpression(schema.allOf as JsonSchema[], ctx);

  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const nullable = types.includes('null');
  const [type, ...rest] = types.filter((t) => t !== 'null');
  if (rest.length > 0 || type === undefined) throw new SpecError(ctx.where, `unsupported type ${JSON.stringify(schema.type)}`);

  let expr = baseExpression(type, schema, ctx);
  if (nullable) expr += '.nullable()';
  if (schema.default !== undefined) expr += `.default(${JSON.stringify(schema.default)})`;
  if (typeof schema.description === 'string') expr += `.describe(${JSON.stringify(schema.description)})`;
  return expr;
}

function baseExpression(type: string, schema: JsonSchema, ctx: ZodContext): string {
  switch (type) {
    case 'string':
      return stringExpression(schema);
    case 'integer':
    case 'number': {
      let expr = `z.number()${type === 'integer' ? '.int()' : ''}`;
      if (typeof schema.minimum === 'number') expr += `.min(${schema.minimum})`;
      if (typeof schema.maximum === 'number') expr += `.max(${schema.maximum})`;
      if (!ctx.coerce) return expr;
      if (type !== 'integer') throw new SpecError(ctx.where, 'path and query numbers must be integers');
      // One spelling per number: `12e0`, `0x10`, `+12`, `012` and `12.0` name no resource and split no cache.
      return `z.string().regex(/^(0|-?[1-9][0-9]*)$/, 'must be a decimal integer without sign, leading zeros, fraction or exponent').transform(Number).pipe(${expr})`;
    }
    case 'boolean':
      return 'z.boolean()';
    case 'array': {
      const items = zodExpression(schema.items as JsonSchema, { ...ctx, where: `${ctx.where}[]` });
      let expr = `z.array(${items})`;
      if (typeof schema.minItems === 'number') expr += `.min(${schema.minItems})`;
      if (typeof schema.maxItems === 'number') expr += `.max(${schema.maxItems})`;
      return expr;
    }
    case 'object':
      return objectExpression(schema, ctx);
    default:
      throw new SpecError(ctx.where, `unsupported type ${type}`);
  }
}

/**
 * `format: text-line`: a title or a name. Trimmed before its length is checked; control characters
 * are refused, and at least one letter, digit, punctuation mark or symbol must remain (an empty
 * value is left to minLength, so it is reported once).
 */
const textLine =
  "z.string().trim().regex(/^\\P{Cc}*$/u, 'must not contain control characters').regex(/^$|[\\p{L}\\p{N}\\p{P}\\p{S}]/u, 'must contain visible text')";

function stringExpression(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `z.enum(${JSON.stringify(schema.enum)})`;
  // date-time is produced by the server, so it is documented rather than re-validated.
  let expr = schema.format === 'uri' ? 'z.url()' : schema.format === 'text-line' ? textLine : 'z.string()';
  if (typeof schema.minLength === 'number') expr += `.min(${schema.minLength})`;
  if (typeof schema.maxLength === 'number') expr += `.max(${schema.maxLength})`;
  // JSON Schema patterns are ECMA-262 with Unicode semantics (\p{…} classes).
  if (typeof schema.pattern === 'string') expr += `.regex(new RegExp(${JSON.stringify(schema.pattern)}, 'u'))`;
  return expr;
}

function objectExpression(schema: JsonSchema, ctx: ZodContext): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const fields = Object.entries(properties).map(([name, property]) => {
    let expr = zodExpression(property, { ...ctx, where: `${ctx.where}.${name}` });
    if (!required.has(name) && property.default === undefined) expr += '.optional()';
    return `${JSON.stringify(name)}: ${expr}`;
  });
  let expr = `${schema.additionalProperties === false ? 'z.strictObject' : 'z.object'}({ ${fields.join(', ')} })`;
  if (typeof schema.minProperties === 'number') {
    expr += `.refine((value) => Object.keys(value).length >= ${schema.minProperties}, { message: 'at least ${schema.minProperties} field(s) must be given' })`;
  }
  return expr;
}

function allOfExpression(parts: JsonSchema[], ctx: ZodContext): string {
  const [base, ...extensions] = parts;
  if (!base || typeof base.$ref !== 'string' || extensions.some((e) => e.type !== 'object')) {
    throw new SpecError(ctx.where, 'allOf is supported as [$ref, object…] only');
  }
  return extensions.reduce((expr, ext) => {
    const shape = objectExpression(ext, ctx).replace(/^z\.(strictObject|object)\(/, '').replace(/\)$/, '');
    return `${expr}.extend(${shape})`;
  }, schemaIdentifier(refName(base.$ref)));
}

/** Names of the components a schema refers to, for ordering declarations. */
export function referencedNames(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(referencedNames);
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const own = typeof node.$ref === 'string' ? [refName(node.$ref)] : [];
  return [...own, ...Object.values(node).flatMap(referencedNames)];
}
