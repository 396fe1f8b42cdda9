/**
 * @module
 * Emits the typed client: `generated/api-types.ts` (openapi-typescript's `paths` of the spec) and
 * `generated/client.ts` (an openapi-fetch client over those types). Types only plus a ~6 kB
 * runtime, which suits the widget bundle better than a generated function per operation. The
 * client sends back the latest D1 bookmark it received (`X-D1-Bookmark`), so it reads its own
 * writes from any replica and through any cache.
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
    "export const BOOKMARK_HEADER = 'X-D1-Bookmark';",
    '',
    '/**',
    ' * A client whose paths, parameters, bodies and responses are checked against the spec, and which',
    ' * sends back the latest D1 bookmark it received: it reads its own writes. `sendBookmark: false`',
    ' * for a page on another origin: the header makes every read a CORS preflight, which public reads',
    ' * do not answer.',
    ' */',
    'export function createApiClient(options: ClientOptions = {}, { sendBookmark = true }: { sendBookmark?: boolean } = {}) {',
    '  const client = createClient<paths>(options);',
    '  if (!sendBookmark) return client;',
    '  let bookmark: string | undefined;',
    '  client.use({',
    '    onRequest({ request }) {',
    '      if (bookmark !== undefined && !request.headers.has(BOOKMARK_HEADER)) request.headers.set(BOOKMARK_HEADER, bookmark);',
    '      return request;',
    '    },',
    '    onResponse({ response }) {',
    '      const received = response.headers.get(BOOKMARK_HEADER);',
    '      // Bookmarks sort by commit: keep the latest.',
    '      if (received !== null && (bookmark === undefined || received > bookmark)) bookmark = received;',
    '      return response;',
    '    },',
    '  });',
    '  return client;',
    '}',
    '',
  ].join('\n');
}
