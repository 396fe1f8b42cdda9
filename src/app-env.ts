/** @module The Hono environment every route and handler shares. */
import type { Env } from './env.ts';
import type { WorkspaceRow } from './queries/workspaces.ts';

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The matched operation's operationId, set before validation (`src/lib/operation.ts`). */
    operationId?: string;
    /** The workspace whose API key authenticated the request, set before validation (`src/lib/authentication.ts`). */
    keyWorkspace?: WorkspaceRow;
    /**
     * The request headers the operation validates, when its answer depends only on the URL and
     * those (no rate limit, no per-Origin CORS): its HITs may be repeated before routing
     * (`src/lib/cache/repeat-hits.ts`). Set with operationId.
     */
    repeatable?: readonly string[];
    /** Values of invalidation templates the handler supplies (see generated TagParams). */
    tagParams?: Record<string, string | number>;
  };
}
