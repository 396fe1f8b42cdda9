/** @module PENDING: placeholder for handlers not yet written; answers 501. Removed when the last one lands. */
import { ApiError } from '../lib/problem.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function pendingHandler(operationId: string): any {
  return () => {
    throw new ApiError(501, 'not-implemented', 'Not implemented', operationId);
  };
}
