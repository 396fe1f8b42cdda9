/** The asset build on a small fixture: hashing, references between entries, precompression. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BuiltAsset } from '../../src/lib/assets/built-asset.ts';
import { UnknownAssetReferenceError } from './bundle.ts';
import type { AssetEntry } from './entries.ts';
import { buildAssets } from './index.ts';

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'assets-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const entries: AssetEntry[] = [
  { kind: 'hashed', name: 'app', source: 'app.ts' },
  { kind: 'hashed', name: 'app-style', source: 'style.css' },
  { kind: 'stable', path: '/app.js', source: 'loader.ts' },
  { kind: 'stable', path: '/app/page', source: 'page.html' },
];
const files = {
  'app.ts': "import css from './panel.css';\nexport const longName = 'hello ' + css;\nconsole.log(longName);\n",
  'panel.css': '.panel {\n  color: red;\n}\n',
  'style.css': 'body {\n  margin: 0;\n}\n',
  'loader.ts': 'declare const ASSET_URLS: { app: string };\nconsole.log(ASSET_URLS.app);\n',
  'page.html': '<script src="{{asset:app}}"></script><link rel="stylesheet" href="{{asset:app-style}}">',
};
const text = (asset: BuiltAsset) => Buffer.from(asset.encodings.identity.base64, 'base64').toString('utf8');
const byPath = (built: BuiltAsset[], path: string) => built.find((a) => a.path === path)!;

describe('buildAssets', () => {
  it('hashes, minifies, links stable entries to hashed URLs and precompresses with br and gzip', async () => {
    const built = await buildAssets(entries, fixture(files));
    const [app, style] = built;
    expect(app!.path).toMatch(/^\/app\.[0-9a-f]{16}\.js$/);
    expect(style!.path).toMatch(/^\/app-style\.[0-9a-f]{16}\.css$/);
    expect(app!.immutable).toBe(true);
    expect(text(app!)).toContain('.panel{color:red}');
    expect(text(style!)).toBe('body{margin:0}\n');
    expect(text(byPath(built, '/app.js'))).toContain(app!.path);
    expect(byPath(built, '/app.js').immutable).toBe(false);
    expect(text(byPath(built, '/app/page'))).toBe(`<script src="${app!.path}"></script><link rel="stylesheet" href="${style!.path}">`);
    expect(byPath(built, '/app/page').contentType).toBe('text/html; charset=utf-8');
    for (const asset of built) {
      const { identity, br, gzip } = asset.encodings;
      expect(brotliDecompressSync(Buffer.from(br.base64, 'base64')).toString('utf8')).toBe(text(asset));
      expect(gunzipSync(Buffer.from(gzip.base64, 'base64')).toString('utf8')).toBe(text(asset));
      expect(new Set([identity.etag, br.etag, gzip.etag]).size).toBe(3);
    }
  });

  it('gives changed content a new hash and unchanged content the same', async () => {
    const first = await buildAssets(entries, fixture(files));
    const same = await buildAssets(entries, fixture(files));
    const changed = await buildAssets(entries, fixture({ ...files, 'app.ts': "console.log('changed');\n" }));
    expect(same[0]!.path).toBe(first[0]!.path);
    expect(changed[0]!.path).not.toBe(first[0]!.path);
    expect(changed[1]!.path).toBe(first[1]!.path);
  });

  it('rejects a page naming an entry that does not exist', async () => {
    const root = fixture({ ...files, 'page.html': '<script src="{{asset:missing}}"></script>' });
    await expect(buildAssets(entries, root)).rejects.toBeInstanceOf(UnknownAssetReferenceError);
  });
});
