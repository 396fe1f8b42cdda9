/**
 * @module
 * Emits `generated/schemas.ts`: one zod schema per `components.schemas` entry, registered under
 * its component name so the served document refers to it by `$ref` as the spec does.
 */
import { generatedHeader } from './header.ts';
import { SpecError, type SpecModel } from './spec-model.ts';
import { referencedNames, schemaIdentifier, zodExpression } from './zod-expression.ts';

function declarationOrder(schemas: SpecModel['schemas']): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new SpecError(`components.schemas.${name}`, 'recursive schemas are not supported');
    if (!schemas[name]) throw new SpecError(`components.schemas.${name}`, 'referenced but not defined');
    state.set(name, 'visiting');
    referencedNames(schemas[name]).forEach(visit);
    state.set(name, 'done');
    order.push(name);
  };
  Object.keys(schemas).sort().forEach(visit);
  return order;
}

export function emitSchemas(model: SpecModel): string {
  const lines = [generatedHeader('zod schemas of components.schemas'), "import { z } from '@hono/zod-openapi';", ''];
  for (const name of declarationOrder(model.schemas)) {
    const expr = zodExpression(model.schemas[name]!, { where: `components.schemas.${name}` });
    lines.push(`export const ${schemaIdentifier(name)} = ${expr}.openapi(${JSON.stringify(name)});`);
    lines.push(`export type ${name} = z.infer<typeof ${schemaIdentifier(name)}>;`, '');
  }
  return lines.join('\n');
}
