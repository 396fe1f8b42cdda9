/**
 * @module
 * Emits `generated/routes.ts`: one `createRoute()` per operation (paths, parameters, bodies,
 * responses, security) with its `x-*` extensions kept, so `/openapi.json` served from the router
 * carries the cache, invalidation, SLO and load annotations of the spec.
 */
import { generatedHeader } from './header.ts';
import type { JsonSchema, Operation, Parameter, SpecModel } from './spec-model.ts';
import { refName, zodExpression } from './zod-expression.ts';

export function routeIdentifier(op: Operation): string {
  return `${op.operationId}Route`;
}

/**
 * Path and query values arrive as strings, and a referenced component (`Id`) parses numbers only:
 * a numeric component is inlined so that its constraints apply to the coerced value.
 */
function parameterSchema(model: SpecModel, p: Parameter): JsonSchema {
  if (p.in === 'header' || typeof p.schema.$ref !== 'string') return p.schema;
  const target = model.schemas[refName(p.schema.$ref)];
  return target?.type === 'integer' || target?.type === 'number' ? target : p.schema;
}

function parameterObject(model: SpecModel, op: Operation, location: Parameter['in']): string | undefined {
  const params = op.parameters.filter((p) => p.in === location);
  if (params.length === 0) return undefined;
  const fields = params.map((p) => {
    // Hono hands header names over lower-cased.
    const name = location === 'header' ? p.name.toLowerCase() : p.name;
    let expr = zodExpression(parameterSchema(model, p), { coerce: location !== 'header', where: `${op.operationId} ${location} ${p.name}` });
    if (p.description) expr += `.describe(${JSON.stringify(p.description)})`;
    if (!p.required && p.schema.default === undefined) expr += '.optional()';
    return `${JSON.stringify(name)}: ${expr}`;
  });
  // Unknown query parameters are rejected, so they can neither be mistyped silently nor split the cache.
  const factory = location === 'query' ? 'z.strictObject' : 'z.object';
  return `${factory}({ ${fields.join(', ')} })`;
}

function requestObject(model: SpecModel, op: Operation): string | undefined {
  const parts: string[] = [];
  const params = parameterObject(model, op, 'path');
  const query = parameterObject(model, op, 'query');
  const headers = parameterObject(model, op, 'header');
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

function routeDefinition(model: SpecModel, op: Operation): string {
  const fields: string[] = [
    `operationId: ${JSON.stringify(op.operationId)}`,
    `method: ${JSON.stringify(op.method)}`,
    `path: ${JSON.stringify(op.path)}`,
    `tags: ${JSON.stringify(op.tags)}`,
  ];
  if (op.summary) fields.push(`summary: ${JSON.stringify(op.summary)}`);
  if (op.description) fields.push(`description: ${JSON.stringify(op.description)}`);
  if (op.security) fields.push(`security: ${JSON.stringify(op.security)}`);
  const request = requestObject(model, op);
  if (request) fields.push(`request: ${request}`);
  fields.push(`responses: ${responsesObject(op)}`);
  for (const [key, value] of Object.entries(op.extensions)) fields.push(`${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `export const ${routeIdentifier(op)} = createRoute({\n  ${fields.join(',\n  ')},\n});`;
}

export function emitRoutes(model: SpecModel): string {
  const used = new Set<string>();
  const body = model.operations.map((op) => routeDefinition(model, op)).join('\n\n');
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
