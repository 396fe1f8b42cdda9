/** @module `window.FeedbackWidget`: the command function a host page calls, before and after the bundle loads. */

export interface WidgetGlobal {
  (...args: unknown[]): void;
  /** Commands called before the bundle loaded, in order. */
  q?: unknown[][];
  /** The loader's script tag: its `data-*` options and, by its `src`, the API's origin. */
  script?: HTMLScriptElement;
}
