-- Request metrics rolled up per minute and per hour: one row per (resolution, workspace, bucket,
-- operation, status class, cache status), written by the Worker's isolate-level aggregator a few
-- seconds at a time (never a row per request) and merged on conflict. Latency is a log-linear
-- histogram (JSON object: bucket index -> count, src/lib/metrics/latency-histogram.ts), so rows of
-- any number of isolates merge exactly. Minute rows serve the last hour, hour rows the last 7 days;
-- the cron deletes older rows (src/scheduled.ts).
CREATE TABLE performance_rollups (
  bucket_seconds INTEGER NOT NULL CHECK (bucket_seconds IN (60, 3600)),
  -- Workspace slug; '' for requests that name none (platform operations, unrouted paths).
  workspace TEXT NOT NULL,
  -- Start of the bucket, epoch seconds, a multiple of bucket_seconds.
  bucket_start INTEGER NOT NULL,
  operation TEXT NOT NULL,
  status_class INTEGER NOT NULL CHECK (status_class BETWEEN 1 AND 5),
  cache_status TEXT NOT NULL CHECK (cache_status IN ('HIT', 'STALE', 'MISS', 'BYPASS', 'REVALIDATED', 'NONE')),
  requests INTEGER NOT NULL CHECK (requests > 0),
  total_ms REAL NOT NULL,
  max_ms REAL NOT NULL,
  d1_statements INTEGER NOT NULL,
  d1_ms REAL NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_written INTEGER NOT NULL,
  histogram TEXT NOT NULL,
  PRIMARY KEY (bucket_seconds, workspace, bucket_start, operation, status_class, cache_status)
) WITHOUT ROWID;

-- The platform view (every workspace) and the retention delete walk buckets by time.
CREATE INDEX idx_performance_rollups_time ON performance_rollups(bucket_seconds, bucket_start);

-- The dashboard's feedback-activity panel walks a workspace's items (by trend, also its top-items
-- list) and seeks each item's votes in the time range, as idx_comments_thread does for comments.
CREATE INDEX idx_feedback_workspace_trending ON feedback_items(workspace_id, trend_score DESC, id DESC);
CREATE INDEX idx_votes_item_created ON feedback_votes(feedback_id, created_at);
