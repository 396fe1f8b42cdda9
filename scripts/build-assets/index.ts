/**
 * @module
 * `npm run build:assets` (first step of `npm run build`, `npm start` and `npm test`): builds every
 * entry of `entries.ts` (hashed ones first, so stable ones can name their URLs), precompresses each,
 * and writes `build/assets/`: the files as served (plus `.br` and `.gz`), `manifest.json` (paths,
 * sizes, ETags; for tests, budgets and the benchmark) and `manifest.ts` (the same with the bytes,
 * imported by the Worker, which serves assets from its own bundle).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuiltAsset } from '../../src/lib/assets/built-asset.ts';
import { repoRoot } from '../lib/paths.ts';
import { bundleSource, contentTypes, outputExtension } from './bundle.ts';
import { contentHash, encodings } from './encode.ts';
import { assetEntries, entryId, type AssetEntry } from './entries.ts';

export const assetsDir = join(repoRoot, 'build', 'assets');

/** manifest.json: a built asset without its bytes. */
export type AssetSummary = Omit<BuiltAsset, 'encodings'> & { encodings: Record<keyof BuiltAsset['encodings'], { etag: string; bytes: number }> };

export async function buildAssets(entries: readonly AssetEntry[] = assetEntries, root = repoRoot): Promise<BuiltAsset[]> {
  const assetUrls: Record<string, string> = {};
  const built: BuiltAsset[] = [];
  const add = (entry: AssetEntry, path: string, bytes: Uint8Array, extension: string) => {
    built.push({ path, entry: entryId(entry), contentType: contentTypes[extension]!, immutable: entry.kind === 'hashed', encodings: encodings(bytes, true) });
  };
  for (const entry of entries.filter((e) => e.kind === 'hashed')) {
    const bytes = await bundleSource(root, entry.source, {});
    const extension = outputExtension(entry.source);
    const path = `/${entry.name}.${contentHash(bytes)}.${extension}`;
    assetUrls[entry.name] = path;
    add(entry, path, bytes, extension);
  }
  for (const entry of entries) {
    if (entry.kind !== 'stable') continue;
    add(entry, entry.path, await bundleSource(root, entry.source, assetUrls), outputExtension(entry.source));
  }
  return built;
}

function fileName(asset: BuiltAsset): string {
  const extension = Object.entries(contentTypes).find(([, type]) => type === asset.contentType)?.[0] ?? 'bin';
  const name = asset.path.slice(1);
  return name.endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

export function summarize(asset: BuiltAsset): AssetSummary {
  const sizes = Object.fromEntries(Object.entries(asset.encodings).map(([coding, body]) => [coding, { etag: body.etag, bytes: body.bytes }]));
  return { ...asset, encodings: sizes as AssetSummary['encodings'] };
}

export function writeAssets(built: readonly BuiltAsset[], dir = assetsDir): void {
  rmSync(dir, { recursive: true, force: true });
  for (const asset of built) {
    const file = join(dir, fileName(asset));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(asset.encodings.identity.base64, 'base64'));
    writeFileSync(`${file}.br`, Buffer.from(asset.encodings.br.base64, 'base64'));
    writeFileSync(`${file}.gz`, Buffer.from(asset.encodings.gzip.base64, 'base64'));
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(built.map(summarize), null, 2)}\n`);
  writeFileSync(
    join(dir, 'manifest.ts'),
    [
      '// written by scripts/build-assets (npm run build:assets); not committed.',
      "import type { BuiltAsset } from '../../src/lib/assets/built-asset.ts';",
      '',
      `export const builtAssets: readonly BuiltAsset[] = ${JSON.stringify(built, null, 2)};`,
      '',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildAssets();
  writeAssets(built);
  for (const asset of built) {
    const { identity, br, gzip } = asset.encodings;
    console.log(`${asset.path.padEnd(32)} ${String(identity.bytes).padStart(7)} B  br ${String(br.bytes).padStart(6)} B  gzip ${String(gzip.bytes).padStart(6)} B`);
  }
}
