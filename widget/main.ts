/** @module The widget bundle (built as `/widget.{hash}.js`). */
import type { WidgetGlobal } from './global.ts';

const host = window as unknown as { FeedbackWidget?: WidgetGlobal };
console.debug('feedback widget loaded', host.FeedbackWidget?.script?.dataset.workspace);
