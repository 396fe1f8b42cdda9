/** @module PENDING: handlers of widget (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const widgetHandlers: Pick<Handlers, 'getWidgetConfig' | 'updateWidgetConfig' | 'getBranding' | 'updateBranding'> = {
  getWidgetConfig: pendingHandler('getWidgetConfig'),
  updateWidgetConfig: pendingHandler('updateWidgetConfig'),
  getBranding: pendingHandler('getBranding'),
  updateBranding: pendingHandler('updateBranding'),
};
