/**
 * @module
 * Emits `generated/routes.ts`: one `createRoute()` per operation (paths, parameters, bodies,
 * responses, security, `x-*` extensions), from which the router validates requests and the
 * handlers take their types. The served `/openapi.json` is the spec itself, not built from these.
 */
import { generatedHeader } from './header.ts';
import type { JsonSchema, Operation, Parameter, SpecModel } from './spec-model.ts';
import { refName, zodExpression } from './zod-expression.ts';

export function routeIdentifier(op: Operation): string {
  return `${op.operationId}Route`;
}

/** Parameters arrive as strings: a referenced schema is inlined so its numbers can be coerced. */
function inlineRef(schema: JsonSchema, schemas: SpecModel['schemas']): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema;
  const { $ref: _ref, ...rest } = schema;
  return { ...inlineRef(schemas[refName(schema.$ref)]!, schemas), ...rest };
}

function parameterObject(op: Operation, location: Parameter['in'], schemas: SpecModel['schemas']): string | undefined {
  const params = op.parameters.filter((p) => p.in === location);
  if (params.length === 0) return undefined;
  const fields = params.map((p) => {
    // Hono hands header names over lower-cased.
    const name = location === 'header' ? p.name.toLowerCase() : p.name;
    let expr = zodExpression(inlineRef(p.schema, schemas), { coerce: location !== 'header', where: `${op.operationId} ${location} ${p.name}` });
    if (p.description) expr += `.describe(${JSON.stringify(p.description)})`;
    if (!p.required && p.schema.default === undefined) expr += '.optional()';
    return `${JSON.stringify(name)}: ${expr}`;
  });
  // Unknown query parameters are rejected, so they can neither be mistyped silently nor split the cache.
  const factory = location === 'query' ? 'z.strictObject' : 'z.object';
  return `${factory}({ ${fields.join(', ')} })`;
}

function requestObject(op: Operation, schemas: SpecModel['schemas']): string | undefined {
  const parts: string[] = [];
  const params = parameterObject(op, 'path', schemas);
  const query = parameterObject(op, 'query', schemas);
  const headers = parameterObject(op, 'header', schemas);
  if (params) parts.push(`params: ${params}`);
  if (query) parts.push(`query: ${query}`);
  if (headers) parts.push(`headers: ${headers}`);
  if (op.requestBody) {
    const schema = zodExpression(op.requestBody.schema, { where: `${op.operationId} body` });
    parts.push(`body: { required: ${op.requestBody.required}, content: { 'application/json': { schema: ${schema} } } }`);
  }
  return parts.length ? `{ ${parts.join(', ')} }` : undefined;
}

function responsesObject(op: Operation): string {
  const entries = op.responses.map((r) => {
    const parts = [`description: ${JSON.stringify(r.description)}`];
    if (Object.keys(r.headers).length > 0) parts.push(`headers: ${JSON.stringify(r.headers)}`);
    if (r.contentType && r.schema) {
      const schema = zodExpression(r.schema, { where: `${op.operationId} response ${r.status}` });
      parts.push(`content: { ${JSON.stringify(r.contentType)}: { schema: ${schema} } }`);
    }
    return `${r.status}: { ${parts.join(', ')} }`;
  });
  return `{ ${entries.join(', ')} }`;
}

function routeDefinition(op: Operation, schemas: SpecModel['schemas']): string {
  const fields: string[] = [
    `operationId: ${JSON.stringify(op.operationId)}`,
    `method: ${JSON.stringify(op.method)}`,
    `path: ${JSON.stringify(op.path)}`,
    `tags: ${JSON.stringify(op.tags)}`,
  ];
  if (op.summary) fields.push(`summary: ${JSON.stringify(op.summary)}`);
  if (op.description) fields.push(`description: ${JSON.stringify(op.description)}`);
  if (op.security) fields.push(`security: ${JSON.stringify(op.security)} as Array<Record<string, string[]>>`);
  const request = requestObject(op, schemas);
  if (request) fields.push(`request: ${request}`);
  fields.push(`responses: ${responsesObject(op)}`);
  for (const [key, value] of Object.entries(op.extensions)) fields.push(`${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `export const ${routeIdentifier(op)} = createRoute({\n  ${fields.join(',\n  ')},\n});`;
}

export function emitRoutes(model: SpecModel): string {
  const used = new Set<string>();
  const body = model.operations.map((op) => routeDefinition(op, model.schemas)).join('\n\n');
  for (const match of body.matchAll(/\b([A-Z][A-Za-z0-9]*Schema)\b/g)) used.add(match[1]!);
  return [
    generatedHeader('one createRoute() per operation'),
    "import { createRoute, z } from '@hono/zod-openapi';",
    used.size ? `import { ${[...used].sort().join(', ')} } from './schemas.ts';` : '',
    '',
    body,
    '',
    `export const routes = {\n${model.operations.map((op) => `  ${op.operationId}: ${routeIdentifier(op)},`).join('\n')}\n} as const;`,
    '',
    'export type OperationId = keyof typeof routes;',
    '',
  ].join('\n');
}
