/**
 * @module
 * Values for the fuzz test, derived from a JSON Schema of the spec: one that is valid (so a request
 * can be wrong in exactly one place) and several that are not (wrong types, out of range, too
 * long, non-canonical, blank or with control characters).
 */
import spec from '../../generated/spec.json';

export type Schema = Record<string, unknown>;

const schemas = spec.components.schemas as Record<string, Schema>;

/** The schema with `$ref`s at its top resolved (nested ones are resolved as they are visited). */
export function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const { $ref: _, ...rest } = schema;
  return { ...resolve(schemas[ref.replace('#/components/schemas/', '')]!), ...rest };
}

function types(schema: Schema): string[] {
  return Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
}

/** A valid value, for the parts of a request that are not under test. */
export function validValue(raw: Schema): unknown {
  const schema = resolve(raw);
  if (Array.isArray(schema.allOf)) return validValue(schema.allOf[0] as Schema);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = types(schema).find((t) => t !== 'null');
  switch (type) {
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? Math.max(schema.minimum, 1) : 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const keys = required.length > 0 ? required : Object.keys(properties).slice(0, 1);
      return Object.fromEntries(keys.map((key) => [key, validValue(properties[key]!)]));
    }
    default:
      return validString(schema);
  }
}

function validString(schema: Schema): string {
  if (schema.format === 'uri') return 'https://example.test/logo.png';
  switch (schema.pattern) {
    case undefined:
      return 'Fuzz value'.slice(0, typeof schema.maxLength === 'number' ? schema.maxLength : 10);
    case '^#[0-9a-fA-F]{6}$':
      return '#112233';
    case '^[a-z]{2}(-[A-Z]{2})?$':
      return 'en';
    default:
      // Slugs, the ids list, font families: a lowercase word matches each.
      return /\[1-9\]/.test(schema.pattern as string) ? '1,2' : 'fuzz-value';
  }
}

/** Values that must fail validation of this schema. */
export function invalidValues(raw: Schema, random: () => number): unknown[] {
  const schema = resolve(raw);
  const nullable = types(schema).includes('null');
  const out: unknown[] = [{ nested: ['object'] }];
  if (!nullable) out.push(null);
  if (Array.isArray(schema.enum)) return [...out, 'not-a-member', 7, `${schema.enum[0]} `];
  const type = types(schema).find((t) => t !== 'null');
  if (type === 'integer' || type === 'number') {
    out.push('12', 1.5, true, Number.MAX_SAFE_INTEGER * 4);
    if (typeof schema.minimum === 'number') out.push(schema.minimum - 1);
    if (typeof schema.maximum === 'number') out.push(schema.maximum + 1);
    return out;
  }
  if (type === 'boolean') return [...out, 'true', 1];
  if (type === 'array') {
    out.push('not an array', { 0: 'x' });
    const items = schema.items as Schema | undefined;
    if (items) out.push([invalidValues(items, random)[0]]);
    if (typeof schema.maxItems === 'number') out.push(Array.from({ length: schema.maxItems + 1 }, () => validValue(items ?? {})));
    return out;
  }
  if (type === 'object') return [...out, 'not an object', [1, 2]];
  out.push(42, false, ['a']);
  if (typeof schema.maxLength === 'number') out.push('x'.repeat(schema.maxLength + 1), '\u{1F600}'.repeat(schema.maxLength + 1));
  if (typeof schema.minLength === 'number' && schema.minLength > 0) out.push('');
  if (schema.format === 'text-line') out.push('   \t  ', '\u200b\u200b\u200b\u200b', `ok${String.fromCharCode(1 + Math.floor(random() * 30))}title`);
  if (typeof schema.pattern === 'string') out.push('NOT valid </style><script>', '\u0660\u0661\u0662');
  if (schema.format === 'uri') out.push('javascript:alert(1)', 'not a url');
  return out;
}

/** Spellings of an integer path or query value that are not canonical decimal, and other junk. */
export const badIntegers = ['12e0', '0x10', '+12', '012', '12.0', '-1', '0', '99999999999999999999', 'abc', '\u0661\u0662', '1%00', ' 1'];
/** Slugs that do not match the Slug pattern. */
export const badSlugs = ['UPPER', 'caf%C3%A9', '-lead', 'a'.repeat(64), '%F0%9F%92%A9', 'under_score', 'x%20y'];
