/** @module Every handler, by operation: the implementation of the generated Handlers contract. */
import type { Handlers } from '../../generated/handlers.ts';
import { healthHandlers } from './health.ts';
import { feedbackHandlers } from './feedback.ts';
import { votesHandlers } from './votes.ts';
import { commentsHandlers } from './comments.ts';
import { workspacesHandlers } from './workspaces.ts';
import { boardsHandlers } from './boards.ts';
import { apiKeysHandlers } from './api-keys.ts';
import { themesHandlers } from './themes.ts';
import { widgetHandlers } from './widget.ts';
import { roadmapsHandlers } from './roadmaps.ts';
import { moderationHandlers } from './moderation.ts';
import { duplicatesHandlers } from './duplicates.ts';
import { rateLimitsHandlers } from './rate-limits.ts';
import { identityHandlers } from './identity.ts';
import { searchHandlers } from './search.ts';
import { adminReadsHandlers } from './admin-reads.ts';
import { performanceHandlers } from './performance.ts';
import { activityHandlers } from './activity.ts';

export const handlers: Handlers = {
  ...healthHandlers,
  ...feedbackHandlers,
  ...votesHandlers,
  ...commentsHandlers,
  ...workspacesHandlers,
  ...boardsHandlers,
  ...apiKeysHandlers,
  ...themesHandlers,
  ...widgetHandlers,
  ...roadmapsHandlers,
  ...moderationHandlers,
  ...duplicatesHandlers,
  ...rateLimitsHandlers,
  ...identityHandlers,
  ...searchHandlers,
  ...adminReadsHandlers,
  ...performanceHandlers,
  ...activityHandlers,
};
