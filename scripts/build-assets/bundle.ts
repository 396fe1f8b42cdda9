/**
 * @module
 * One source to the bytes that are served: TypeScript through esbuild (bundled, minified, one
 * IIFE, hashed entries' URLs defined as `ASSET_URLS`); CSS through esbuild (minified); HTML with
 * its `{{asset:name}}` placeholders replaced. A `.css` file imported by a script becomes its
 * minified text (for a shadow root's <style>).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, transform, type Plugin } from 'esbuild';

export class UnknownAssetReferenceError extends Error {
  constructor(source: string, name: string) {
    super(`${source} refers to {{asset:${name}}}, which is not a hashed entry`);
    this.name = 'UnknownAssetReferenceError';
  }
}

/** Lets a script `import css from './panel.css'` and get the minified stylesheet as a string. */
const minifiedCssText: Plugin = {
  name: 'minified-css-text',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

export const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** What a source is served as: `.ts` → js, `.css` → css, `.html` → html. */
export function outputExtension(source: string): 'js' | 'css' | 'html' {
  if (source.endsWith('.ts')) return 'js';
  if (source.endsWith('.css')) return 'css';
  if (source.endsWith('.html')) return 'html';
  throw new Error(`${source}: an asset source is .ts, .css or .html`);
}

export async function bundleSource(root: string, source: string, assetUrls: Record<string, string>): Promise<Uint8Array> {
  const file = join(root, source);
  const extension = outputExtension(source);
  if (extension === 'html') {
    const html = readFileSync(file, 'utf8').replace(/\{\{asset:([a-z0-9-]+)\}\}/g, (_, name: string) => {
      const url = assetUrls[name];
      if (url === undefined) throw new UnknownAssetReferenceError(source, name);
      return url;
    });
    return new TextEncoder().encode(html);
  }
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    write: false,
    legalComments: 'none',
    target: 'es2022',
    ...(extension === 'js'
      ? { format: 'iife' as const, platform: 'browser' as const, define: { ASSET_URLS: JSON.stringify(assetUrls) }, plugins: [minifiedCssText] }
      : {}),
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced nothing for ${source}`);
  return output.contents;
}
