/**
 * @module
 * The widget bundle (`/widget.{hash}.js`, injected by the loader): reads the embedding script's
 * `data-*` options, mounts `<feedback-widget>`, and turns `window.FeedbackWidget` into the real
 * command function after running the commands queued before it loaded.
 *
 * Commands: `('open')`, `('close')`, `('identify', token)`, `('on', 'vote' | 'submit', listener)`,
 * `('locale', 'en' | 'de')`.
 */
import { widgetApi } from './api.ts';
import { FeedbackWidgetElement, type WidgetEvent } from './element.ts';
import type { WidgetGlobal } from './global.ts';
import { anonymousIdentity, identityFromToken, type Identity } from './identity.ts';
import { pickLocale } from './messages.ts';

const host = window as unknown as { FeedbackWidget?: WidgetGlobal };
const queued = host.FeedbackWidget;
const script = queued?.script ?? (document.currentScript as HTMLScriptElement | null);

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // blocked third-party storage: a new anonymous id per page
  }
}

function mount(tag: HTMLScriptElement): void {
  const options = tag.dataset;
  if (!options.workspace) throw new Error('FeedbackWidget: the script tag needs data-workspace');
  const apiOrigin = new URL(tag.src).origin;
  const identity: Identity = options.userToken ? identityFromToken(options.userToken) : anonymousIdentity(storage());
  if (!customElements.get('feedback-widget')) customElements.define('feedback-widget', FeedbackWidgetElement);
  const widget = document.createElement('feedback-widget') as FeedbackWidgetElement;
  document.body.append(widget);
  widget.start({
    api: widgetApi(apiOrigin, options.workspace),
    apiOrigin,
    identity,
    locale: pickLocale(options.locale, navigator.language),
    ...(options.board ? { board: options.board } : {}),
    ...(options.roadmap ? { roadmap: options.roadmap } : {}),
  });

  const run = (command: unknown, ...args: unknown[]): void => {
    if (command === 'open') widget.open();
    else if (command === 'close') widget.close();
    else if (command === 'identify' && typeof args[0] === 'string') widget.identify(identityFromToken(args[0]));
    else if (command === 'on' && (args[0] === 'vote' || args[0] === 'submit') && typeof args[1] === 'function') {
      widget.on(args[0] as WidgetEvent, args[1] as (detail: unknown) => void);
    } else if (command === 'locale' && typeof args[0] === 'string') widget.setLocale(pickLocale(args[0]));
    else console.warn('FeedbackWidget: unknown command', command);
  };
  const api: WidgetGlobal = (...args: unknown[]) => run(...(args as [unknown, ...unknown[]]));
  api.script = tag;
  host.FeedbackWidget = api;
  for (const args of queued?.q ?? []) run(...(args as [unknown, ...unknown[]]));
}

if (script) {
  if (document.body) mount(script);
  else document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
}
