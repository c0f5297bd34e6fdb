/**
 * One transaction of the writer (`write.ts`): the envelopes it applies, what it has written so
 * far, and the rows many writers share (a poll's option tallies and counters, a widget's
 * activity), moved once at its end, each table in key order.
 */
import type { Envelope, ErrorCode, Issue } from '@heard/protocol';
import type { Endpoint } from '../webhooks/outbox.js';
import { Definitions } from './definitions.js';
import { statement, type Param, type Row, type Runner } from './statements.js';
import { subjectKey, verifiedUser, type VerifyUser } from './subject.js';

export type WriteOutcome =
  | { kind: 'accepted' }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; code: ErrorCode; message: string; issues?: Issue[] };

/** A rule broken while applying an event. */
export class Rejection extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: Issue[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

/** A rule found broken after the envelope wrote: its group is rolled back. */
export class Retraction extends Error {
  readonly rejection: Rejection;

  constructor(rejection: Rejection) {
    super(rejection.message);
    this.rejection = rejection;
  }
}

/** Another writer changed a row between our read of it and our write: the group runs again. */
export class Raced extends Error {
  readonly code = '40001';
}

/** Client time, in UTC, clamped to now: a clock set ahead cannot pin a vote in the future. */
export const clientTime = (at: string, now: Date): string => {
  const time = new Date(at);
  return time.getTime() > now.getTime() ? now.toISOString() : time.toISOString();
};

export const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

const S = {
  eventInsert: statement(
    'event_insert',
    `INSERT INTO events (id, type, widget, at, received_at, anonymous_id, user_id, traits, locale, page, sdk, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id`,
  ),
  pollState: statement('poll_state', 'SELECT closed_at FROM polls WHERE id = ?'),
  // The polls a group votes in, read in one round trip (PostgreSQL).
  pollStates: statement('poll_states', '', 'SELECT id, closed_at FROM polls WHERE id = ANY(?::text[])'),
  pollCreate: statement(
    'poll_create',
    'INSERT INTO polls (id, first_vote_at, closed_at) VALUES (?, ?, NULL) ON CONFLICT (id) DO NOTHING',
  ),
  ideaVoteUpsert: statement(
    'idea_vote_upsert',
    `INSERT INTO idea_votes (board, idea, subject, voted, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (board, idea, subject) DO UPDATE SET voted = excluded.voted, at = excluded.at
     WHERE idea_votes.at < excluded.at`,
  ),
  ideaVotesPostgres: statement(
    'idea_votes',
    '',
    `INSERT INTO idea_votes (board, idea, subject, voted, at)
     SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::text[])
     ON CONFLICT (board, idea, subject) DO UPDATE SET voted = excluded.voted, at = excluded.at
     WHERE idea_votes.at < excluded.at`,
  ),
  tally: statement(
    'tally',
    `INSERT INTO poll_option_counts (poll, option, votes) VALUES (?, ?, ?)
     ON CONFLICT (poll, option) DO UPDATE SET votes = poll_option_counts.votes + excluded.votes`,
  ),
  talliesPostgres: statement(
    'tallies',
    '',
    `INSERT INTO poll_option_counts (poll, option, votes) SELECT * FROM unnest(?::text[], ?::text[], ?::int[])
     ON CONFLICT (poll, option) DO UPDATE SET votes = poll_option_counts.votes + excluded.votes`,
  ),
  pollCounters: statement(
    'poll_counters',
    'UPDATE polls SET voters = voters + ?, other_voters = other_voters + ? WHERE id = ?',
  ),
  endpoints: statement('endpoints', 'SELECT id, events, personal FROM webhooks WHERE active = 1'),
  activity: statement(
    'activity',
    `INSERT INTO widget_activity (widget, type, events, last) VALUES (?, ?, ?, ?)
     ON CONFLICT (widget, type) DO UPDATE SET events = widget_activity.events + excluded.events, last = excluded.last`,
  ),
};

export type Of<T extends Envelope['type']> = Extract<Envelope, { type: T }>;

/** An envelope waiting for its group, and who waits for its outcome. */
export interface Pending {
  envelope: Envelope;
  now: Date;
  verify: VerifyUser;
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

/** One envelope as its group applies it. */
export interface Item<T extends Envelope = Envelope> {
  envelope: T;
  subject: string;
  /** Client time, never later than `received`. */
  at: string;
  /** The time of receipt: what orders a queue, so that no client can date itself ahead of it. */
  received: string;
  /** Whether its event row is written: a rule broken after this retracts the group. */
  stored: boolean;
}

/** What one transaction has written so far, and the shared rows it will move at its end. */
export class Group {
  readonly ids = new Set<string>();
  readonly proofs = new Set<string>();
  /** The widgets' definitions the group's envelopes carried, to keep. */
  readonly definitions = new Definitions();
  /** Each person's newest idea vote or un-vote per idea, to write. */
  readonly ideaVotes = new Map<string, { voted: boolean; at: string }>();
  /** Votes per poll and option, to add. */
  readonly tallies = new Map<string, number>();
  /** Voters and voters with an "other" answer per poll, to add. */
  readonly counters = new Map<string, [number, number]>();
  /** Events per widget and type, and the last one's time of receipt. */
  readonly activity = new Map<string, [number, string]>();
  /** Webhook deliveries written. */
  deliveries = 0;
  /** Poll votes already stored together (`pollVotesPostgres`): whether each event was new. */
  readonly voted = new Map<string, boolean>();
  #endpoints: Endpoint[] | undefined;
  /** Each poll's row as this transaction knows it (read once per group, not once per vote). */
  readonly #polls = new Map<string, Row | undefined>();

  readonly run: Runner;
  readonly postgres: boolean;

  constructor(run: Runner, postgres: boolean) {
    this.run = run;
    this.postgres = postgres;
  }

  async endpoints(): Promise<Endpoint[]> {
    return (this.#endpoints ??= (await this.run.all(S.endpoints, [])) as unknown as Endpoint[]);
  }

  /** Reads the rows of the polls not read yet, in one round trip (PostgreSQL). */
  async polls(polls: Iterable<string>) {
    const unread = [...new Set(polls)].filter((poll) => !this.#polls.has(poll));
    if (!unread.length) return;
    const rows = await this.run.all(S.pollStates, [unread]);
    for (const poll of unread)
      this.#polls.set(
        poll,
        rows.find((row) => row.id === poll),
      );
  }

  async poll(poll: string): Promise<Row | undefined> {
    if (!this.#polls.has(poll)) this.#polls.set(poll, (await this.run.all(S.pollState, [poll]))[0]);
    return this.#polls.get(poll);
  }

  /** Writes the poll's row at its first vote. */
  async createPoll(poll: string, at: string) {
    await this.run.all(S.pollCreate, [poll, at]);
    this.#polls.set(poll, { closed_at: null });
  }

  /** A vote for an idea (or its withdrawal), written at the group's end; the newest counts. */
  voteIdea(board: string, idea: string, subject: string, voted: boolean, at: string) {
    const key = `${board}\u0000${idea}\u0000${subject}`;
    const seen = this.ideaVotes.get(key);
    if (!seen || seen.at < at) this.ideaVotes.set(key, { voted, at });
  }

  tally(poll: string, option: string, change: number) {
    const key = `${poll}\u0000${option}`;
    this.tallies.set(key, (this.tallies.get(key) ?? 0) + change);
  }

  count(poll: string, voters: number, others: number) {
    const counter = this.counters.get(poll) ?? [0, 0];
    counter[0] += voters;
    counter[1] += others;
    this.counters.set(poll, counter);
  }

  /**
   * Writes the rows people share with other writers, each table in key order, so two groups
   * that share rows wait for each other instead of deadlocking: definitions, idea votes, then
   * tallies, counters and activity.
   */
  async finish() {
    await this.definitions.write(this.run);
    const ideaVotes = sorted(this.ideaVotes).map(([key, { voted, at }]) => [...key.split('\u0000'), voted ? 1 : 0, at]);
    if (this.postgres && ideaVotes.length > 1) {
      await this.run.all(
        S.ideaVotesPostgres,
        [0, 1, 2, 3, 4].map((column) => ideaVotes.map((row) => String(row[column]))),
      );
    } else for (const row of ideaVotes) await this.run.all(S.ideaVoteUpsert, row as Param[]);
    const tallies = sorted(this.tallies).filter(([, votes]) => votes !== 0);
    if (this.postgres && tallies.length > 1) {
      const keys = tallies.map(([key]) => split(key));
      await this.run.all(S.talliesPostgres, [
        keys.map(([poll]) => poll),
        keys.map(([, option]) => option),
        tallies.map(([, votes]) => String(votes)),
      ]);
    } else for (const [key, votes] of tallies) await this.run.all(S.tally, [...split(key), votes]);
    for (const [poll, [voters, others]] of sorted(this.counters)) {
      if (voters !== 0 || others !== 0) await this.run.all(S.pollCounters, [voters, others, poll]);
    }
    for (const [key, [events, last]] of sorted(this.activity)) {
      await this.run.all(S.activity, [...split(key), events, last]);
    }
  }
}

export const split = (key: string) => key.split('\u0000') as [string, string];
export const sorted = <V>(map: Map<string, V>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The event row's values, in the order of {@link S.eventInsert}'s columns. */
export const eventRow = (item: Item, verify: VerifyUser): Param[] => {
  const { envelope } = item;
  return [
    envelope.id,
    envelope.type,
    envelope.widget,
    item.at,
    item.received,
    envelope.subject.anonymousId,
    // Only a user id the site signed: an unsigned one is a claim, not an identity.
    verifiedUser(envelope.subject, verify) ?? null,
    json(envelope.subject.traits),
    envelope.context.locale,
    envelope.context.page ?? null,
    envelope.context.sdk,
    JSON.stringify(envelope.data),
  ];
};

/** Writes the event row; false when it was already there (a retry). */
export const store = async (group: Group, item: Item, verify: VerifyUser): Promise<boolean> => {
  const rows = await group.run.all(S.eventInsert, eventRow(item, verify));
  item.stored = rows.length > 0;
  return item.stored;
};

export const itemOf = ({ envelope, now, verify }: Pending): Item => ({
  envelope,
  subject: subjectKey(envelope.subject, verify),
  at: clientTime(envelope.at, now),
  received: now.toISOString(),
  stored: false,
});

export type Write = () => Promise<boolean>;
