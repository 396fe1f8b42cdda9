/**
 * @module
 * The router's `defaultHook`: a failed zod validation becomes a 400 problem naming each field.
 */
import type { ZodError } from 'zod';
import { invalidFields, type FieldError } from './problem.ts';

const targetNames: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header' };

/** One entry per field: a value failing several checks has their messages joined. */
function oneErrorPerField(errors: FieldError[]): FieldError[] {
  const byPath = new Map<string, string[]>();
  for (const { path, message } of errors) byPath.set(path, [...(byPath.get(path) ?? []), message]);
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join('; ') }));
}

export function fieldErrors(error: ZodError, target: string): FieldError[] {
  const prefix = targetNames[target] ?? target;
  return oneErrorPerField(error.issues.flatMap((issue) => {
    // Unknown keys are one issue naming several keys: report each key as its own field.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [prefix, ...issue.path, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: [prefix, ...issue.path].join('.'), message: issue.message }];
  }));
}

export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
): void {
  if (result.success) return;
  const errors = fieldErrors(result.error, result.target);
  throw invalidFields(errors);
}
