/**
 * @module
 * `{variable}` placeholders in paths and bodies, filled exactly as the k6 script fills them:
 * path values are URI-encoded, body strings are not, a missing variable is an error.
 */
export type Variables = Record<string, string>;

export class MissingVariableError extends Error {
  constructor(readonly variable: string, readonly template: string) {
    super(`no value for {${variable}} in ${template}`);
    this.name = 'MissingVariableError';
  }
}

function fillText(text: string, vars: Variables, encode: (value: string) => string): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new MissingVariableError(name, text);
    return encode(value);
  });
}

export function fillPath(path: string, vars: Variables): string {
  return fillText(path, vars, encodeURIComponent);
}

export function fillBody(value: unknown, vars: Variables): unknown {
  if (typeof value === 'string') return fillText(value, vars, (v) => v);
  if (Array.isArray(value)) return value.map((item) => fillBody(item, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillBody(item, vars)]));
  }
  return value;
}
