/** @module Liveness: touches nothing, the baseline for throughput comparisons. */
import type { Handlers } from '../../generated/handlers.ts';

export const healthHandlers: Pick<Handlers, 'getHealth'> = {
  getHealth: (c) => c.json({ ok: true }, 200),
};
