/**
 * The collector's tables as Kysely sees them. Times are UTC ISO strings (`toISOString()`), so
 * they sort as text on both databases; booleans are 0/1 integers for the same reason.
 */
import type { Generated } from 'kysely';

/** Every envelope accepted, once per id: the log that exports and replays read. */
export interface EventsTable {
  id: string;
  type: string;
  widget: string;
  /** Client time, normalized to UTC and clamped to the time of receipt. */
  at: string;
  received_at: string;
  anonymous_id: string;
  user_id: string | null;
  traits: string | null;
  locale: string;
  page: string | null;
  sdk: string;
  data: string;
}

export interface PollsTable {
  id: string;
  first_vote_at: string;
  closed_at: string | null;
  /** People with a vote, kept with the votes. */
  voters: Generated<number>;
  /** People whose vote holds an "other" answer. */
  other_voters: Generated<number>;
}

/** One row per person per poll: the database keeps one vote per subject. */
export interface PollVotesTable {
  poll: string;
  subject: string;
  event_id: string;
  at: string;
  other: string | null;
  /** The options chosen, as a JSON array of their ids in code-point order. */
  options: string;
}

/** Votes per option, kept with the votes: what a results read takes instead of counting. */
export interface PollOptionCountsTable {
  poll: string;
  option: string;
  votes: number;
}

export interface NpsResponsesTable {
  event_id: string;
  survey: string;
  subject: string;
  score: number;
  comment: string | null;
  at: string;
}

export interface IdeasTable {
  board: string;
  id: string;
  title: string;
  description: string | null;
  status: string;
  status_note: string | null;
  status_changed_at: string | null;
  created_at: string;
  author: string;
  /** Set when the team merged this idea into another: it is hidden, its votes moved. */
  merged_into: string | null;
}

/** One row per person per idea; `voted` 0 after an un-vote, so late retries lose to it. */
export interface IdeaVotesTable {
  board: string;
  idea: string;
  subject: string;
  voted: number;
  at: string;
}

export interface BetaSignupsTable {
  program: string;
  /** The e-mail address lowercased: one sign-up per address. */
  email_key: string;
  email: string;
  code: string;
  fields: string | null;
  referred_by: string | null;
  subject: string;
  created_at: string;
  status: string;
}

/** Every referral code a client made, pointing at the sign-up it belongs to. */
export interface BetaCodesTable {
  program: string;
  code: string;
  email_key: string;
  /** When the code was made (null for codes made before this was kept). */
  created_at: string | null;
}

/** Events per widget and type, kept with each accepted event: the admin widget list. */
export interface WidgetActivityTable {
  widget: string;
  type: string;
  events: number;
  last: string;
}

/** Every change the team made, written in the transaction that made it. */
export interface AdminLogTable {
  /** In the order the changes were made. */
  id: Generated<number>;
  at: string;
  via: string;
  action: string;
  widget: string;
  target: string | null;
  /** JSON. */
  detail: string;
}

/** Proofs of work already spent: each solves one post. */
export interface ProofsTable {
  proof: string;
  event_id: string;
}

/** Dashboard sessions, by the SHA-256 of their cookie's id: a read of the table signs nobody in. */
export interface DashboardSessionsTable {
  id_hash: string;
  csrf: string;
  /** Milliseconds since the epoch. */
  expires_at: number;
}

/** Token buckets of the rate limits shared by instances on one PostgreSQL. */
export interface RateLimitsTable {
  /** Kind of request and client address. */
  key: string;
  tokens: number;
  /** Milliseconds since the epoch of the last refill. */
  at: number;
  /** Whether the last request took a token (1) or was refused (0). */
  allowed: number;
}

/** An endpoint a team registered to hear of events (`/v1/admin/webhooks`). */
export interface WebhooksTable {
  id: string;
  url: string;
  /** The event kinds it takes, comma-separated and framed by commas: `,idea.created,poll.voted,`. */
  events: string;
  /** `standard` (Standard Webhooks JSON) or `slack` (a `text` message for a Slack-compatible hook). */
  format: string;
  /** 1 when it may receive personal data (a sign-up's e-mail). */
  personal: number;
  /** The signing secret, `whsec_` and base64. */
  secret: string;
  active: number;
  created_at: string;
}

/**
 * One event for one endpoint: written in the transaction that stores the event, sent (and
 * retried) by the delivery loop in order per endpoint and widget, kept with its last answer.
 */
export interface WebhookDeliveriesTable {
  /** Generated: the order deliveries are made in. */
  seq: Generated<number>;
  /** `msg_…`: the `webhook-id` a receiver de-duplicates by; the same on every retry. */
  id: string;
  webhook_id: string;
  widget: string;
  kind: string;
  /** The JSON body as sent. */
  payload: string;
  created_at: string;
  next_attempt_at: string;
  /** Set while one instance sends it; another takes it only after this time. */
  lease_until: string | null;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  /** Given up on: still failing a day after the event. */
  failed_at: string | null;
}

/** Every distinct definition a widget was sent, by the hash of its canonical JSON. */
export interface WidgetDefinitionsTable {
  widget: string;
  type: string;
  /** SHA-256 (hex) of the canonical JSON: keys sorted, no spaces. */
  hash: string;
  /** The canonical JSON. */
  definition: string;
  first_seen: string;
  last_seen: string;
}

export interface Database {
  events: EventsTable;
  polls: PollsTable;
  poll_votes: PollVotesTable;
  poll_option_counts: PollOptionCountsTable;
  nps_responses: NpsResponsesTable;
  ideas: IdeasTable;
  idea_votes: IdeaVotesTable;
  beta_signups: BetaSignupsTable;
  beta_codes: BetaCodesTable;
  proofs: ProofsTable;
  widget_activity: WidgetActivityTable;
  admin_log: AdminLogTable;
  dashboard_sessions: DashboardSessionsTable;
  rate_limits: RateLimitsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  widget_definitions: WidgetDefinitionsTable;
}
