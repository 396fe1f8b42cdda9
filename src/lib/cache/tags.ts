/** @module Filling tag templates (`board:{workspace}:{board}`) with concrete values. */
export class MissingTagParamError extends Error {
  constructor(readonly template: string, readonly param: string) {
    super(`tag template "${template}" needs {${param}}, which neither the path nor the handler supplied`);
    this.name = 'MissingTagParamError';
  }
}

export function fillTag(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') throw new MissingTagParamError(template, name);
    return String(value);
  });
}
