/**
 * @module
 * `/widget.js`, the loader a host page embeds (kept under 1 KB brotli): defines the command queue
 * `window.FeedbackWidget(...)` unless the page already has one, remembers its own script tag (its
 * `data-*` options and the API's origin), and injects the current content-hashed bundle, which
 * drains the queue. Cached five minutes, so a deploy reaches pages within that.
 */
import type { WidgetGlobal } from './global.ts';

declare const ASSET_URLS: { widget: string };

const host = window as unknown as { FeedbackWidget?: WidgetGlobal };
const script = document.currentScript as HTMLScriptElement | null;
const stub: WidgetGlobal =
  host.FeedbackWidget ??
  function queue(...args: unknown[]) {
    (stub.q ??= []).push(args);
  };
host.FeedbackWidget = stub;
if (script && !stub.script) {
  stub.script = script;
  const bundle = document.createElement('script');
  bundle.async = true;
  bundle.src = new URL(ASSET_URLS.widget, script.src).href;
  document.head.append(bundle);
}
