/**
 * @module
 * Generated feedback at scale, deterministic for a given random seed: items spread over boards and a
 * year, a Zipf share of the votes per item (a few items get most of them), distinct voters per item,
 * hidden, unapproved, rejected and merged items, threaded comments with some internal ones. Each
 * item carries its counters and trend score computed from its own votes and comments.
 */
import { addTrendTerm, initialTrend, trendTerm } from '../../src/queries/trend.ts';


export interface SeedShape {
  items: number;
  votes: number;
  comments: number;
  users: number;
  boards: number;
  /** Zipf exponent of votes over items. */
  skew: number;
  now: number;
}

export interface ItemPlan {
  board: number;
  votes: number;
  comments: number;
}

const STATUSES = [
  ['open', 0.6],
  ['under_review', 0.15],
  ['planned', 0.1],
  ['in_progress', 0.05],
  ['completed', 0.07],
  ['closed', 0.03],
] as const;
const CATEGORIES = ['ui', 'api', 'integrations', 'billing', 'mobile', 'security', 'performance', 'data'];
const WORDS = ['dark', 'mode', 'export', 'csv', 'slack', 'sso', 'okta', 'faster', 'search', 'filters', 'webhooks', 'api', 'mobile', 'app', 'offline', 'sync', 'roles', 'audit', 'log', 'calendar', 'reports', 'themes', 'keyboard', 'shortcuts'];

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  let r = random();
  for (const [value, weight] of weighted) {
    if ((r -= weight) < 0) return value;
  }
  return weighted.at(-1)![0];
}

/** Votes and comments per item: Zipf over a random popularity order, capped at one vote per user. */
export function planItems(shape: SeedShape, random: () => number): ItemPlan[] {
  const order = Array.from({ length: shape.items }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const weights = order.map((rank) => 1 / Math.pow(rank + 1, shape.skew));
  const total = weights.reduce((a, b) => a + b, 0);
  const plans: ItemPlan[] = weights.map((w, i) => ({
    // The first board is the one asked for; it holds 80% of the items.
    board: shape.boards === 1 || i % 5 !== 4 ? 0 : 1 + (i % (shape.boards - 1)),
    votes: Math.min(shape.users, Math.floor((shape.votes * w) / total)),
    comments: 0,
  }));
  let missing = shape.votes - plans.reduce((sum, p) => sum + p.votes, 0);
  while (missing > 0) {
    const plan = plans[Math.floor(random() * plans.length)]!;
    if (plan.votes < shape.users) {
      plan.votes += 1;
      missing -= 1;
    }
  }
  // Comments follow attention: proportional to votes + 1.
  const attention = shape.votes + shape.items;
  for (const plan of plans) plan.comments = Math.floor((shape.comments * (plan.votes + 1)) / attention);
  return plans;
}

export interface ItemRow {
  id: number;
  board_id: number;
  user_id: number;
  title: string;
  description: string;
  status: string;
  category: string | null;
  moderation_state: string;
  is_hidden: number;
  merged_into_id: number | null;
  vote_count: number;
  voter_count: number;
  comment_count: number;
  trend_score: number;
  created_at: number;
  updated_at: number;
  activity_at: number;
}

export interface VoteRow {
  feedback_id: number;
  user_id: number;
  weight: number;
  created_at: number;
}

export interface CommentRow {
  id: number;
  feedback_id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string | null;
  is_admin: number;
  is_internal: number;
  body: string;
  created_at: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export interface GeneratedItem {
  item: ItemRow;
  votes: VoteRow[];
  comments: CommentRow[];
}

/** One item with its votes and comments; ids are assigned by the caller. */
export function generateItem(
  random: () => number,
  shape: SeedShape,
  plan: ItemPlan,
  ids: { item: number; firstComment: number; boardIds: number[]; userIds: number[]; mergeTarget: number | null },
  index: number,
): GeneratedItem {
  const year = 365 * 24 * 3600 * 1000;
  // Ids follow creation time, as they do in production.
  const created = Math.floor(shape.now - year + (year * (index + random() * 0.5)) / shape.items);
  const title = Array.from({ length: 3 + Math.floor(random() * 4) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const roll = random();
  const moderation = roll < 0.05 ? 'pending' : roll < 0.06 ? 'rejected' : 'approved';
  const hidden = random() < 0.05 ? 1 : 0;
  const merged = ids.mergeTarget !== null && random() < 0.01 ? ids.mergeTarget : null;
  const users = ids.userIds;

  const votes: VoteRow[] = [];
  let step = 1 + Math.floor(random() * (users.length - 1 || 1));
  while (gcd(step, users.length) !== 1) step += 1;
  const start = Math.floor(random() * users.length);
  let trend = initialTrend(created);
  let voteCount = 0;
  let lastActivity = created;
  for (let j = 0; j < plan.votes; j++) {
    const weight = random() < 0.85 ? 1 : 2 + Math.floor(random() * 4);
    // Skewed to recent: squares of a uniform lean toward 1.
    const at = Math.floor(created + (shape.now - created) * Math.sqrt(random()));
    votes.push({ feedback_id: ids.item, user_id: users[(start + j * step) % users.length]!, weight, created_at: at });
    trend = addTrendTerm(trend, trendTerm(at, weight));
    voteCount += weight;
    lastActivity = Math.max(lastActivity, at);
  }

  const comments: CommentRow[] = [];
  let publicComments = 0;
  for (let j = 0; j < plan.comments; j++) {
    const internal = random() < 0.05;
    const reply = comments.length > 0 && random() < 0.3;
    const parent = reply ? comments[Math.floor(random() * comments.length)]! : undefined;
    const at = Math.max(parent?.created_at ?? created, Math.floor(created + (shape.now - created) * Math.sqrt(random())));
    comments.push({
      id: ids.firstComment + j,
      feedback_id: ids.item,
      // A public reply never hangs under an internal comment (the API refuses it too).
      parent_id: parent && (internal || parent.is_internal === 0) ? parent.id : null,
      user_id: internal ? null : users[Math.floor(random() * users.length)]!,
      author_name: internal ? 'Team' : null,
      is_admin: internal ? 1 : 0,
      is_internal: internal ? 1 : 0,
      body: `Comment ${j + 1} on ${title}`,
      created_at: at,
    });
    if (!internal) publicComments += 1;
    lastActivity = Math.max(lastActivity, at);
  }

  return {
    item: {
      id: ids.item,
      board_id: ids.boardIds[plan.board]!,
      user_id: users[Math.floor(random() * users.length)]!,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      description: `Generated feedback item ${index + 1}.`,
      status: pick(random, STATUSES),
      category: random() < 0.1 ? null : CATEGORIES[Math.floor(random() * CATEGORIES.length)]!,
      moderation_state: moderation,
      is_hidden: hidden,
      merged_into_id: merged,
      vote_count: voteCount,
      voter_count: plan.votes,
      comment_count: publicComments,
      trend_score: trend,
      created_at: created,
      updated_at: Math.min(shape.now, created + Math.floor(random() * 30 * 24 * 3600 * 1000)),
      activity_at: lastActivity,
    },
    votes,
    comments,
  };
}
