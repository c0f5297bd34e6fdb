/**
 * What the collector's admin API answers: the figures a product team reads. Types only; the
 * collector computes them in SQL, the dashboard draws them.
 */
import type { NPS_CATEGORIES } from './limits.js';
import type { BetaDefinition, Definition, NpsDefinition, PollDefinition } from './schemas.js';

/** One distinct definition a widget was sent, and when the collector first and last received it. */
export interface DefinitionVersion<D = Definition> {
  /** SHA-256 (hex) of its canonical JSON. */
  hash: string;
  definition: D;
  firstSeen: string;
  lastSeen: string;
}

/** `GET /v1/admin/widgets/{id}/definition`: per event type, the latest definition and every version, oldest first. */
export interface WidgetDefinitions {
  widget: string;
  types: { type: string; latest: DefinitionVersion; history: DefinitionVersion[] }[];
}

/** A summary's definitions: the latest (null before any arrived) and every version, oldest first. */
export interface Defined<D> {
  definition: D | null;
  versions: DefinitionVersion<D>[];
}

/** A week (starting Monday, UTC) or a month, named by its first day (`YYYY-MM-DD`). */
export type Period = 'week' | 'month';

/** A widget that received events, with how many of one type and when the last arrived. */
export interface WidgetActivity {
  widget: string;
  type: string;
  events: number;
  last: string;
}

export interface NpsSummary extends Defined<NpsDefinition> {
  survey: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Promoters % − detractors %, −100 to 100; null without responses. */
  score: number | null;
  /** Half-width of the 95 % confidence interval of the score, in points. */
  margin: number | null;
  /** Answers per score, 0 to 10. */
  distribution: number[];
  /** Per period: the score and its 95 % margin, which narrows as answers grow. */
  trend: { period: string; responses: number; score: number; margin: number }[];
}

export type NpsCategory = (typeof NPS_CATEGORIES)[number];

/** One page of an NPS survey's comments, newest first. */
export interface NpsComments {
  survey: string;
  comments: { score: number; category: NpsCategory; comment: string; at: string }[];
  /** Offset of the next page; null on the last. */
  next: number | null;
}

export interface PollSummary extends Defined<PollDefinition> {
  poll: string;
  voters: number;
  /** `label` and `image` from the latest definition that names the option; null when none does. */
  options: { id: string; label: string | null; image: string | null; votes: number; percent: number }[];
  /** Voters who wrote an "Other" answer (alone or beside options), and their share of voters. */
  otherVotes: number;
  otherPercent: number;
  /** Votes cast (including changed votes) per period. */
  trend: { period: string; votes: number }[];
  other: { text: string; at: string }[];
  closed: boolean;
}

export interface BetaSummary extends Defined<BetaDefinition> {
  program: string;
  signups: number;
  invited: number;
  trend: { period: string; signups: number }[];
  referrers: { code: string; referrals: number }[];
}

/** One page of a beta programme's queue, in queue order, with the addresses the team invites. */
export interface BetaQueue {
  program: string;
  signups: {
    position: number;
    email: string;
    code: string;
    referrals: number;
    status: 'waiting' | 'invited';
    createdAt: string;
  }[];
  next: number | null;
}

export interface BoardSummary {
  board: string;
  /** Ideas by status (merged ideas left out). */
  statuses: Record<string, number>;
  /** The 100 ideas with the most votes in the range; `recent` counts the last 7 days. */
  ideas: {
    id: string;
    title: string;
    status: string;
    statusNote: string | null;
    votes: number;
    recent: number;
    createdAt: string;
  }[];
}

/** How a change was made: in the dashboard (a signed-in session) or with the API token. */
export type AdminVia = 'dashboard' | 'api';

/** One change the team made, newest first: what voters and sign-ups were told, and when. */
export interface AdminLogEntry {
  at: string;
  via: AdminVia;
  action: 'idea.status' | 'idea.merge' | 'poll.closed' | 'signup.status';
  /** The idea or referral code changed; null for a poll. */
  target: string | null;
  /** What it became, with names as they were then: `{ title, status, note }`, `{ from, into }`, `{ closed }`, `{ email, status }`. */
  detail: Record<string, string | boolean | null>;
}

export interface AdminLog {
  widget: string;
  entries: AdminLogEntry[];
  next: number | null;
}
