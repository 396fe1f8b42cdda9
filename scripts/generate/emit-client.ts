/**
 * @module
 * Emits the typed client: `generated/api-types.ts` (openapi-typescript's `paths` of the spec) and
 * `generated/client.ts` (an openapi-fetch client over those types). Types only plus a ~6 kB
 * runtime, which suits the widget bundle better than a generated function per operation.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import { generatedHeader } from './header.ts';
import type { SpecModel } from './spec-model.ts';

export async function emitApiTypes(model: SpecModel): Promise<string> {
  const ast = await openapiTS(model.document as unknown as Parameters<typeof openapiTS>[0]);
  return `${generatedHeader('openapi-typescript types of every path')}${astToString(ast)}`;
}

export function emitClient(): string {
  return [
    generatedHeader('typed fetch client'),
    "import createClient, { type ClientOptions } from 'openapi-fetch';",
    "import type { paths } from './api-types.ts';",
    '',
    'export type { paths };',
    '',
    '/** A client whose paths, parameters, bodies and responses are checked against the spec. */',
    'export function createApiClient(options: ClientOptions = {}) {',
    '  return createClient<paths>(options);',
    '}',
    '',
  ].join('\n');
}
