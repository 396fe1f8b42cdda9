/** @module Reads `load/model.generated.json` and validates it against the model's schema. */
import { readFileSync } from 'node:fs';
import { type LoadModel, loadModelSchema } from '../model.ts';

export function readModel(path: string): LoadModel {
  const parsed = loadModelSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${path} does not match the load model (run \`npm run generate\`): ${issues}`);
  }
  return parsed.data;
}
