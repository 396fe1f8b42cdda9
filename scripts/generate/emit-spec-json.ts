/**
 * @module
 * Emits `generated/spec.json`: the spec as JSON, so tests running inside workerd (no file system)
 * can compare the served document with it.
 */
import type { SpecModel } from './spec-model.ts';

export function emitSpecJson(model: SpecModel): string {
  return `${JSON.stringify(model.document, null, 2)}\n`;
}
