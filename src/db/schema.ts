/**
 * @module
 * Kysely table types, matching migrations/. Times are epoch milliseconds; booleans are 0 | 1.
 */
import type { Generated } from 'kysely';

type Flag = 0 | 1;

export interface WorkspacesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  require_signed_identity: Generated<Flag>;
  identity_secret: string;
  identity_key_id: Generated<string>;
  max_vote_weight: Generated<number>;
  max_identity_token_seconds: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface RetiredIdentitySecretsTable {
  workspace_id: number;
  key_id: string;
  secret: string;
  retired_at: number;
  valid_until: number;
}

export interface ApiKeysTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface BoardsTable {
  id: Generated<number>;
  workspace_id: number;
  slug: string;
  name: string;
  description: Generated<string>;
  /** New items of the board are pending until approved. */
  require_approval: Generated<Flag>;
  created_at: number;
}

export interface EndUsersTable {
  id: Generated<number>;
  workspace_id: number;
  external_id: string;
  name: string | null;
  email: string | null;
  vote_weight: number | null;
  verified_at: number | null;
  created_at: number;
}

export type FeedbackStatus = 'open' | 'under_review' | 'planned' | 'in_progress' | 'completed' | 'closed';
export type ModerationState = 'pending' | 'approved' | 'rejected';

export interface FeedbackItemsTable {
  id: Generated<number>;
  workspace_id: number;
  board_id: number;
  user_id: number | null;
  title: string;
  description: Generated<string>;
  status: Generated<FeedbackStatus>;
  category: string | null;
  moderation_state: Generated<ModerationState>;
  is_hidden: Generated<Flag>;
  theme_id: number | null;
  merged_into_id: number | null;
  vote_count: Generated<number>;
  voter_count: Generated<number>;
  comment_count: Generated<number>;
  trend_score: Generated<number>;
  created_at: number;
  updated_at: number;
  /** Last vote or comment change (database clock, ms); counter reconciliation walks it. */
  activity_at: Generated<number>;
  /** Moderation history (migrations/0005): last approval, last rejection, hidden since. */
  approved_at: number | null;
  rejected_at: number | null;
  hidden_at: number | null;
  /**
   * Generated (migrations/0005): `w<workspace> v<board>` when the public may see the item, else
   * `w<workspace> x<board>`; the search index holds each word once per term (migrations/0008).
   */
  search_scope: Generated<string>;
}

export interface FeedbackVotesTable {
  id: Generated<number>;
  feedback_id: number;
  user_id: number;
  weight: Generated<number>;
  source_feedback_id: number | null;
  created_at: number;
}

export interface FeedbackCommentsTable {
  id: Generated<number>;
  feedback_id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string | null;
  is_admin: Generated<Flag>;
  is_internal: Generated<Flag>;
  body: string;
  created_at: number;
  /** Set for every comment written since migrations/0005 (the admin list's scope). */
  workspace_id: number | null;
  is_hidden: Generated<Flag>;
  /** Soft deletion: the row keeps its place in the thread. */
  deleted_at: number | null;
  edited_at: number | null;
}

export interface ThemesTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  description: Generated<string>;
  is_active: Generated<Flag>;
  item_count: Generated<number>;
  created_at: number;
}

export interface DuplicateGroupsTable {
  id: Generated<number>;
  workspace_id: number;
  parent_id: number;
  duplicate_id: number;
  is_active: Generated<Flag>;
  moved_votes: Generated<number>;
  created_at: number;
  unmerged_at: number | null;
}

export interface RoadmapsTable {
  id: Generated<number>;
  workspace_id: number;
  slug: string;
  name: string;
  is_public: Generated<Flag>;
  created_at: number;
}

export interface RoadmapPhasesTable {
  id: Generated<number>;
  roadmap_id: number;
  name: string;
  position: Generated<number>;
}

export interface RoadmapItemsTable {
  id: Generated<number>;
  roadmap_id: number;
  phase_id: number;
  feedback_id: number | null;
  title: string;
  description: Generated<string>;
  is_public: Generated<Flag>;
  priority: Generated<number>;
  created_at: number;
}

export type WidgetPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
export type WidgetTheme = 'light' | 'dark' | 'auto';

export interface WidgetConfigsTable {
  workspace_id: number;
  default_board: string | null;
  position: WidgetPosition;
  theme: WidgetTheme;
  show_roadmap: Flag;
  locale: string;
  /** JSON array of origins. */
  allowed_origins: string;
  updated_at: number;
}

export interface WorkspaceBrandingTable {
  workspace_id: number;
  name: string;
  logo_url: string | null;
  primary_color: string;
  accent_color: string;
  font_family: string;
  updated_at: number;
}

/** One row: where counter reconciliation stopped, in (activity_at, id) order. */
export interface CounterReconciliationTable {
  id: number;
  activity_at: number;
  item_id: number;
  updated_at: number;
}

export interface PerformanceRollupsTable {
  bucket_seconds: 60 | 3600;
  workspace: string;
  bucket_start: number;
  operation: string;
  status_class: number;
  cache_status: string;
  requests: number;
  total_ms: number;
  max_ms: number;
  d1_statements: number;
  d1_ms: number;
  rows_read: number;
  rows_written: number;
  histogram: string;
}

export interface WorkspaceRateLimitsTable {
  workspace_id: number;
  key_kind: 'ip' | 'user' | 'apiKey';
  tier: 'raised' | 'exempt';
}

export interface Database {
  workspaces: WorkspacesTable;
  retired_identity_secrets: RetiredIdentitySecretsTable;
  api_keys: ApiKeysTable;
  boards: BoardsTable;
  end_users: EndUsersTable;
  feedback_items: FeedbackItemsTable;
  feedback_votes: FeedbackVotesTable;
  feedback_comments: FeedbackCommentsTable;
  themes: ThemesTable;
  duplicate_groups: DuplicateGroupsTable;
  roadmaps: RoadmapsTable;
  roadmap_phases: RoadmapPhasesTable;
  roadmap_items: RoadmapItemsTable;
  widget_configs: WidgetConfigsTable;
  workspace_branding: WorkspaceBrandingTable;
  counter_reconciliation: CounterReconciliationTable;
  performance_rollups: PerformanceRollupsTable;
  /** FTS5 contentless index of feedback_items' words, each tagged with its scope (migrations/0008); rowid = item id. */
  feedback_search: FeedbackSearchTable;
  /** fts5vocab over feedback_search: each scoped term with the number of items holding it. */
  feedback_search_terms: FeedbackSearchTermsTable;
  workspace_rate_limits: WorkspaceRateLimitsTable;
}

export interface FeedbackSearchTable {
  rowid: number;
  title: string;
  description: string;
  /** The table-named column FTS5 matches against (`feedback_search MATCH ?`). */
  feedback_search: string;
}

export interface FeedbackSearchTermsTable {
  term: string;
  doc: number;
  cnt: number;
}
