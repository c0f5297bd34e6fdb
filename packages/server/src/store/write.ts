/**
 * Stores valid envelopes, with group commit: envelopes that arrive together (in one turn of
 * the event loop, or while the group before them commits) are written in one transaction, and
 * each is answered only after the commit that holds it, so an answered write survives a kill.
 * The statements are hand-written and prepared once (`statements.ts`).
 *
 * Within a group each envelope is judged alone and in order, so an idea created early can be
 * voted for later in the same group. Its rules (a closed poll, an unknown idea, a spent proof,
 * a referral code of another address) are checked before it writes anything, so one refused
 * envelope leaves nothing behind and takes no other with it. A rule found broken after the
 * envelope wrote (another collector won a race for the same row) rolls the group back, and its
 * envelopes are written again one per transaction, where the refusal rolls back only its own.
 * The event row's id is its primary key, so a retry is a duplicate however many arrive at once.
 * Votes are last-writer-wins by client time: a retry that arrives late cannot undo a newer vote.
 *
 * Rows many writers share (a poll's option tallies and counters, a widget's activity) are moved
 * once per group, after every envelope, in one global order (by table, then by key), so two
 * groups lock what they share in the same order. A deadlock or serialization failure that
 * still happens runs the group again before anything is answered.
 */
import { ERROR_CODES, type Envelope, type ErrorCode, type Issue } from '@heard/protocol';
import type { Storage } from '../db/connect.js';
import { isRetryable, isStorageUnavailable, TRANSACTION_ATTEMPTS } from '../db/faults.js';
import { deliveriesFor, saidBy, type Endpoint } from '../webhooks/outbox.js';
import { keepDefinition } from './definitions.js';
import { postgresRunner, sqliteRunner, statement, type Param, type Row, type Runner } from './statements.js';
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
class Retraction extends Error {
  readonly rejection: Rejection;

  constructor(rejection: Rejection) {
    super(rejection.message);
    this.rejection = rejection;
  }
}

/** Another writer changed a row between our read of it and our write: the group runs again. */
class Raced extends Error {
  readonly code = '40001';
}

/** Client time, in UTC, clamped to now: a clock set ahead cannot pin a vote in the future. */
export const clientTime = (at: string, now: Date): string => {
  const time = new Date(at);
  return time.getTime() > now.getTime() ? now.toISOString() : time.toISOString();
};

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

const ACCEPTED: WriteOutcome = { kind: 'accepted' };
const DUPLICATE: WriteOutcome = { kind: 'duplicate' };
const refused = ({ code, message, issues }: Rejection): WriteOutcome =>
  issues ? { kind: 'rejected', code, message, issues } : { kind: 'rejected', code, message };

const S = {
  begin: statement('begin', 'BEGIN IMMEDIATE', 'BEGIN'),
  commit: statement('commit', 'COMMIT'),
  rollback: statement('rollback', 'ROLLBACK'),
  eventExists: statement('event_exists', 'SELECT 1 AS found FROM events WHERE id = ?'),
  eventInsert: statement(
    'event_insert',
    `INSERT INTO events (id, type, widget, at, received_at, anonymous_id, user_id, traits, locale, page, sdk, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id`,
  ),
  proofSpent: statement('proof_spent', 'SELECT 1 AS found FROM proofs WHERE proof = ?'),
  proofInsert: statement(
    'proof_insert',
    'INSERT INTO proofs (proof, event_id) VALUES (?, ?) ON CONFLICT (proof) DO NOTHING RETURNING proof',
  ),
  pollState: statement('poll_state', 'SELECT closed_at FROM polls WHERE id = ?'),
  pollCreate: statement(
    'poll_create',
    'INSERT INTO polls (id, first_vote_at, closed_at) VALUES (?, ?, NULL) ON CONFLICT (id) DO NOTHING',
  ),
  voteBefore: statement(
    'vote_before',
    'SELECT event_id, at, other, options FROM poll_votes WHERE poll = ? AND subject = ?',
  ),
  voteUpsert: statement(
    'vote_upsert',
    `INSERT INTO poll_votes (poll, subject, event_id, at, other, options) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (poll, subject) DO UPDATE
     SET event_id = excluded.event_id, at = excluded.at, other = excluded.other, options = excluded.options
     WHERE poll_votes.at < excluded.at OR (poll_votes.at = excluded.at AND poll_votes.event_id < excluded.event_id)
     RETURNING 1 AS replaced`,
  ),
  // On PostgreSQL a group's votes take two round trips, whatever their number (`pollVotesPostgres`).
  // The first stores their events and locks the current vote of each person who voted, in key
  // order; the second, run once the locks are held, so that it sees what any earlier holder
  // committed, replaces each person's vote by the newest of the group's. SQLite runs the single
  // statements: it has no round trips to save.
  pollStates: statement('poll_states', '', 'SELECT id, closed_at FROM polls WHERE id = ANY(?::text[])'),
  votesEventsPostgres: statement(
    'votes_events',
    '',
    `WITH stored AS (
       INSERT INTO events (id, type, widget, at, received_at, anonymous_id, user_id, traits, locale, page, sdk, data)
       SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
         ?::text[], ?::text[], ?::text[], ?::text[])
       ON CONFLICT (id) DO NOTHING RETURNING id
     ), locked AS (
       SELECT v.poll, v.subject, v.event_id, v.at, v.other, v.options FROM poll_votes v
       JOIN unnest(?::text[], ?::text[]) AS k(poll, subject) ON v.poll = k.poll AND v.subject = k.subject
       ORDER BY v.poll, v.subject FOR UPDATE OF v
     )
     SELECT (SELECT coalesce(array_agg(id), '{}') FROM stored) AS stored,
       (SELECT coalesce(json_agg(locked), '[]') FROM locked) AS before`,
  ),
  votesReplacePostgres: statement(
    'votes_replace',
    '',
    `INSERT INTO poll_votes (poll, subject, event_id, at, other, options)
     SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
     ON CONFLICT (poll, subject) DO UPDATE
     SET event_id = excluded.event_id, at = excluded.at, other = excluded.other, options = excluded.options
     WHERE poll_votes.at < excluded.at OR (poll_votes.at = excluded.at AND poll_votes.event_id < excluded.event_id)
     RETURNING poll, subject, (xmax = 0) AS inserted`,
  ),
  talliesPostgres: statement(
    'tallies',
    '',
    `INSERT INTO poll_option_counts (poll, option, votes) SELECT * FROM unnest(?::text[], ?::text[], ?::int[])
     ON CONFLICT (poll, option) DO UPDATE SET votes = poll_option_counts.votes + excluded.votes`,
  ),
  tally: statement(
    'tally',
    `INSERT INTO poll_option_counts (poll, option, votes) VALUES (?, ?, ?)
     ON CONFLICT (poll, option) DO UPDATE SET votes = poll_option_counts.votes + excluded.votes`,
  ),
  pollCounters: statement(
    'poll_counters',
    'UPDATE polls SET voters = voters + ?, other_voters = other_voters + ? WHERE id = ?',
  ),
  npsInsert: statement(
    'nps_insert',
    'INSERT INTO nps_responses (event_id, survey, subject, score, comment, at) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  ideaInsert: statement(
    'idea_insert',
    `INSERT INTO ideas (board, id, title, description, status, status_note, status_changed_at, created_at, author, merged_into)
     VALUES (?, ?, ?, ?, 'open', NULL, NULL, ?, ?, NULL)`,
  ),
  ideaFind: statement(
    'idea_find',
    'SELECT id, merged_into FROM ideas WHERE board = ? AND id = ?',
    // Holds off a merge of this idea until the vote is in, so the merge moves it too.
    'SELECT id, merged_into FROM ideas WHERE board = ? AND id = ? FOR SHARE',
  ),
  ideaVoteInsert: statement(
    'idea_vote_insert',
    'INSERT INTO idea_votes (board, idea, subject, voted, at) VALUES (?, ?, ?, 1, ?)',
  ),
  ideaVoteUpsert: statement(
    'idea_vote_upsert',
    `INSERT INTO idea_votes (board, idea, subject, voted, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (board, idea, subject) DO UPDATE SET voted = excluded.voted, at = excluded.at
     WHERE idea_votes.at < excluded.at`,
  ),
  codeOwner: statement('code_owner', 'SELECT email_key FROM beta_codes WHERE program = ? AND code = ?'),
  codeInsert: statement(
    'code_insert',
    `INSERT INTO beta_codes (program, code, email_key, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (program, code) DO NOTHING RETURNING code`,
  ),
  signupCode: statement('signup_code', 'SELECT code FROM beta_signups WHERE program = ? AND email_key = ?'),
  signupInsert: statement(
    'signup_insert',
    `INSERT INTO beta_signups (program, email_key, email, code, fields, referred_by, subject, created_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting') ON CONFLICT (program, email_key) DO NOTHING`,
  ),
  endpoints: statement('endpoints', 'SELECT id, events, personal FROM webhooks WHERE active = 1'),
  delivery: statement(
    'delivery',
    `INSERT INTO webhook_deliveries (id, webhook_id, widget, kind, payload, created_at, next_attempt_at, attempts)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING`,
  ),
  activity: statement(
    'activity',
    `INSERT INTO widget_activity (widget, type, events, last) VALUES (?, ?, ?, ?)
     ON CONFLICT (widget, type) DO UPDATE SET events = widget_activity.events + excluded.events, last = excluded.last`,
  ),
};

type Of<T extends Envelope['type']> = Extract<Envelope, { type: T }>;

/** An envelope waiting for its group, and who waits for its outcome. */
interface Pending {
  envelope: Envelope;
  now: Date;
  verify: VerifyUser;
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

/** One envelope as its group applies it. */
interface Item<T extends Envelope = Envelope> {
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
class Group {
  readonly ids = new Set<string>();
  readonly proofs = new Set<string>();
  /** Votes per poll and option, to add. */
  readonly tallies = new Map<string, number>();
  /** Voters and voters with an "other" answer per poll, to add. */
  readonly counters = new Map<string, [number, number]>();
  /** Events per widget and type, and the last one's time of receipt. */
  readonly activity = new Map<string, [number, string]>();
  /** Webhook deliveries written. */
  deliveries = 0;
  /** Poll votes already stored by {@link pollVotesPostgres}: whether each event was new. */
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

  /** Moves the shared rows, each table in key order. */
  async finish() {
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

const split = (key: string) => key.split('\u0000') as [string, string];
const sorted = <V>(map: Map<string, V>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The event row's values, in the order of {@link S.eventInsert}'s columns. */
const eventRow = (item: Item, verify: VerifyUser): Param[] => {
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
const store = async (group: Group, item: Item, verify: VerifyUser): Promise<boolean> => {
  const rows = await group.run.all(S.eventInsert, eventRow(item, verify));
  item.stored = rows.length > 0;
  return item.stored;
};

const proofOf = (envelope: Envelope): string | undefined =>
  envelope.type === 'idea.create' || envelope.type === 'beta.signup' ? envelope.data.form?.proof : undefined;

const proofSpent = () =>
  new Rejection(ERROR_CODES.spamSuspected, 'This proof of work was spent on another post', [
    { path: 'data.form.proof', code: 'custom', message: 'Solve a new challenge' },
  ]);

const itemOf = ({ envelope, now, verify }: Pending): Item => ({
  envelope,
  subject: subjectKey(envelope.subject, verify),
  at: clientTime(envelope.at, now),
  received: now.toISOString(),
  stored: false,
});

/** Applies one envelope: its rules first, then its rows. */
const apply = async (group: Group, pending: Pending): Promise<WriteOutcome> => {
  const { envelope, verify } = pending;
  if (group.ids.has(envelope.id)) return DUPLICATE;
  const item = itemOf(pending);
  const proof = proofOf(envelope);
  try {
    if (proof !== undefined && (group.proofs.has(proof) || (await group.run.all(S.proofSpent, [proof])).length)) {
      throw proofSpent();
    }
    const write = () => store(group, item, verify);
    let stored: boolean;
    switch (envelope.type) {
      case 'poll.vote':
        stored = await pollVote(group, item as Item<Of<'poll.vote'>>, write, verify);
        break;
      case 'idea.vote':
      case 'idea.unvote':
        stored = await ideaVote(group, item as Item<Of<'idea.vote' | 'idea.unvote'>>, write);
        break;
      case 'beta.signup':
        stored = await betaSignup(group, item as Item<Of<'beta.signup'>>, write, proof);
        break;
      case 'idea.create':
        stored = await ideaCreate(group, item as Item<Of<'idea.create'>>, write, proof);
        break;
      case 'nps.response':
        stored = await npsResponse(group, item as Item<Of<'nps.response'>>, write);
        break;
      case 'nps.dismissed':
        stored = await write();
        break;
    }
    if (!stored) return DUPLICATE;
  } catch (error) {
    if (!(error instanceof Rejection)) throw error;
    if (item.stored) throw new Retraction(error);
    // A refused envelope that was stored before is a retry of an accepted one.
    if ((await group.run.all(S.eventExists, [envelope.id])).length) return DUPLICATE;
    return refused(error);
  }
  group.ids.add(envelope.id);
  await keepDefinition(group, envelope, item.received);
  const said = saidBy(envelope, item.at);
  if (said) {
    for (const delivery of deliveriesFor(said, envelope.id, item.received, await group.endpoints())) {
      await group.run.all(S.delivery, [
        delivery.id,
        delivery.webhook,
        said.widget,
        said.kind,
        delivery.payload,
        item.received,
        item.received,
      ]);
      group.deliveries++;
    }
  }
  const key = `${envelope.widget}\u0000${envelope.type}`;
  group.activity.set(key, [(group.activity.get(key)?.[0] ?? 0) + 1, item.received]);
  return ACCEPTED;
};

/** Spends a proof of work, once the envelope is stored. */
const spend = async (group: Group, proof: string | undefined, eventId: string) => {
  if (proof === undefined) return;
  if (!(await group.run.all(S.proofInsert, [proof, eventId])).length) throw proofSpent();
  group.proofs.add(proof);
};

type Write = () => Promise<boolean>;

const pollVote = async (
  group: Group,
  item: Item<Of<'poll.vote'>>,
  write: Write,
  verify: VerifyUser,
): Promise<boolean> => {
  const { id, widget: poll, data } = item.envelope;
  const { run } = group;
  const state = await group.poll(poll);
  if (state && state.closed_at !== null) throw new Rejection(ERROR_CODES.closed, `The poll "${poll}" is closed`);
  if (group.postgres) {
    if (!group.voted.has(id)) await pollVotesPostgres(group, [{ item, verify }]);
    item.stored = group.voted.get(id) === true;
    return item.stored;
  }
  if (!(await write())) return false;
  const [before] = await run.all(S.voteBefore, [poll, item.subject]);
  if (!state) await group.createPoll(poll, item.at);
  const other = data.other ?? null;
  const chosen = [...new Set(data.options)].sort();
  const [replaced] = await run.all(S.voteUpsert, [poll, item.subject, id, item.at, other, JSON.stringify(chosen)]);
  if (!replaced) return true; // An older vote, kept in the log only.
  moveVote(group, poll, before, chosen, other);
  return true;
};

/** Moves a poll's tallies and counters from the vote `before` (none for a first vote) to `chosen`. */
const moveVote = (group: Group, poll: string, before: Row | undefined, chosen: string[], other: string | null) => {
  const previous = before ? (JSON.parse(before.options as string) as string[]) : [];
  for (const option of previous) if (!chosen.includes(option)) group.tally(poll, option, -1);
  for (const option of chosen) if (!previous.includes(option)) group.tally(poll, option, 1);
  group.count(poll, before ? 0 : 1, (other !== null ? 1 : 0) - (before && before.other !== null ? 1 : 0));
};

/** A vote as the database orders votes: by client time, then by event id. */
const newer = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at > b.at || (a.at === b.at && a.id > b.id);

/**
 * Stores poll votes on PostgreSQL in two round trips however many there are: their events, with
 * a lock on each voter's current vote, then each voter's newest vote in place of it. A vote for
 * a closed poll is left out, for its envelope to be refused in turn. Marks each vote stored or
 * a retry in `group.voted`.
 */
const pollVotesPostgres = async (group: Group, votes: { item: Item<Of<'poll.vote'>>; verify: VerifyUser }[]) => {
  await group.polls(votes.map(({ item }) => item.envelope.widget));
  const open: typeof votes = [];
  for (const vote of votes) if ((await group.poll(vote.item.envelope.widget))?.closed_at == null) open.push(vote);
  if (!open.length) return;
  const rows = open.map(({ item, verify }) => eventRow(item, verify));
  const columns = (rows[0] as Param[]).map((_, column) => rows.map((row) => row[column] as string | null));
  const voters = [...new Map(open.map(({ item }) => [`${item.envelope.widget}\u0000${item.subject}`, item])).keys()];
  const [result] = await group.run.all(S.votesEventsPostgres, [
    ...columns,
    voters.map((key) => split(key)[0]),
    voters.map((key) => split(key)[1]),
  ]);
  const stored = new Set(result?.stored as string[]);
  const before = new Map(
    (result?.before as Row[]).map((row) => [`${row.poll as string}\u0000${row.subject as string}`, row]),
  );
  // Each voter's newest vote: one of this group's, or the one they had.
  const newest = new Map<string, Item<Of<'poll.vote'>>>();
  for (const { item } of open) {
    const { id, widget: poll } = item.envelope;
    group.voted.set(id, stored.has(id));
    if (!stored.has(id)) continue;
    const key = `${poll}\u0000${item.subject}`;
    const had = newest.get(key);
    const was = before.get(key);
    const current = had
      ? { at: had.at, id: had.envelope.id }
      : was && { at: was.at as string, id: was.event_id as string };
    if (!current || newer({ at: item.at, id }, current)) newest.set(key, item);
  }
  if (!newest.size) return;
  for (const item of newest.values()) {
    if (!(await group.poll(item.envelope.widget))) await group.createPoll(item.envelope.widget, item.at);
  }
  const chosen = new Map([...newest].map(([key, item]) => [key, [...new Set(item.envelope.data.options)].sort()]));
  const replacing = [...newest];
  const replaced = await group.run.all(S.votesReplacePostgres, [
    replacing.map(([, item]) => item.envelope.widget),
    replacing.map(([, item]) => item.subject),
    replacing.map(([, item]) => item.envelope.id),
    replacing.map(([, item]) => item.at),
    replacing.map(([, item]) => item.envelope.data.other ?? null),
    replacing.map(([key]) => JSON.stringify(chosen.get(key))),
  ]);
  // A vote not returned met a newer one, kept; one inserted where we locked none raced another's.
  for (const row of replaced) {
    const key = `${row.poll as string}\u0000${row.subject as string}`;
    const was = before.get(key);
    if (!was && row.inserted === false) throw new Raced('A vote came in between');
    const item = newest.get(key) as Item<Of<'poll.vote'>>;
    moveVote(group, item.envelope.widget, was, chosen.get(key) as string[], item.envelope.data.other ?? null);
  }
};

const npsResponse = async (group: Group, item: Item<Of<'nps.response'>>, write: Write): Promise<boolean> => {
  const { id, widget, data } = item.envelope;
  if (!(await write())) return false;
  await group.run.all(S.npsInsert, [id, widget, item.subject, data.score, data.comment?.trim() || null, item.at]);
  return true;
};

const ideaCreate = async (
  group: Group,
  item: Item<Of<'idea.create'>>,
  write: Write,
  proof: string | undefined,
): Promise<boolean> => {
  const { id, widget: board, data } = item.envelope;
  if (!(await write())) return false;
  await spend(group, proof, id);
  await group.run.all(S.ideaInsert, [
    board,
    id,
    data.title.trim(),
    data.description?.trim() || null,
    item.at,
    item.subject,
  ]);
  // Whoever proposes an idea wants it: their vote comes with it.
  await group.run.all(S.ideaVoteInsert, [board, id, item.subject, item.at]);
  return true;
};

const ideaVote = async (group: Group, item: Item<Of<'idea.vote' | 'idea.unvote'>>, write: Write): Promise<boolean> => {
  const { widget: board, type, data } = item.envelope;
  const [idea] = await group.run.all(S.ideaFind, [board, data.idea]);
  if (!idea) {
    throw new Rejection(ERROR_CODES.notFound, `No idea "${data.idea}" on the board "${board}"`, [
      { path: 'data.idea', code: 'not_found', message: 'No such idea on this board' },
    ]);
  }
  if (!(await write())) return false;
  await group.run.all(S.ideaVoteUpsert, [
    board,
    (idea.merged_into ?? idea.id) as string,
    item.subject,
    type === 'idea.vote' ? 1 : 0,
    item.at,
  ]);
  return true;
};

const codeTaken = () =>
  new Rejection(ERROR_CODES.invalidBody, 'This referral code belongs to another sign-up', [
    { path: 'data.code', code: 'custom', message: 'Already taken: make a new code' },
  ]);

const betaSignup = async (
  group: Group,
  item: Item<Of<'beta.signup'>>,
  write: Write,
  proof: string | undefined,
): Promise<boolean> => {
  const { id, widget: program, data } = item.envelope;
  const { run } = group;
  const emailKey = data.email.toLowerCase();
  const owner = async (code: string) =>
    (await run.all(S.codeOwner, [program, code]))[0]?.email_key as string | undefined;
  const ownerOfCode = await owner(data.code);
  if (ownerOfCode !== undefined && ownerOfCode !== emailKey) throw codeTaken();
  let referredBy: Param = null;
  if (data.referredBy) {
    const referrer = await owner(data.referredBy);
    if (referrer !== undefined && referrer !== emailKey) {
      referredBy = ((await run.all(S.signupCode, [program, referrer]))[0]?.code as string | undefined) ?? null;
    }
  }
  if (!(await write())) return false;
  await spend(group, proof, id);
  const added = await run.all(S.codeInsert, [program, data.code, emailKey, item.received]);
  if (!added.length && ownerOfCode === undefined && (await owner(data.code)) !== emailKey) throw codeTaken();
  // The first sign-up of an address stays; a later one only adds its code as an alias.
  await run.all(S.signupInsert, [
    program,
    emailKey,
    data.email,
    data.code,
    json(data.fields),
    referredBy,
    item.subject,
    item.received,
  ]);
  return true;
};

/** At most this many envelopes in one transaction. */
const GROUP_LIMIT = 500;

/**
 * Groups committed at once on PostgreSQL: a group waits on round trips, so another goes
 * meanwhile; more than two make each group smaller, and a group costs the same few round trips
 * however many votes it holds (two measured faster than one or four at 10 and 50 connections).
 */
const IN_FLIGHT = 2;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The collector's one writer: envelopes in, outcomes out once committed. */
export class Writer {
  readonly #storage: Pick<Storage, 'db' | 'driver'>;
  readonly #delivered: () => void;
  #queue: Pending[] = [];
  #scheduled = false;
  readonly #inFlight = new Set<Promise<void>>();

  /** `onDeliveries` is told after a commit that wrote webhook deliveries, so they go out at once. */
  constructor(storage: Pick<Storage, 'db' | 'driver'>, onDeliveries: () => void = () => undefined) {
    this.#storage = storage;
    this.#delivered = onDeliveries;
  }

  /** Stores `envelope` with those that arrive with it; settles once its group committed. */
  write(envelope: Envelope, now: Date, verify: VerifyUser): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ envelope, now, verify, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#drain());
      }
    });
  }

  /** Settles once every envelope handed over so far has its outcome. */
  async settled(): Promise<void> {
    while (this.#queue.length || this.#inFlight.size) await Promise.allSettled([...this.#inFlight]);
  }

  /**
   * Starts a group from what waits, while fewer than {@link IN_FLIGHT} are being committed: one
   * on SQLite (it has one writer), a few on PostgreSQL, whose round trips would leave it idle.
   */
  #drain() {
    this.#scheduled = false;
    const limit = this.#storage.driver.dialect === 'postgres' ? IN_FLIGHT : 1;
    while (this.#queue.length && this.#inFlight.size < limit) {
      const group = this.#queue.splice(0, GROUP_LIMIT);
      const done = this.#commit(group).then(
        (outcomes) => group.forEach((pending, index) => pending.resolve(outcomes[index] as WriteOutcome)),
        (error: unknown) => {
          for (const pending of group) pending.reject(error);
        },
      );
      this.#inFlight.add(done);
      void done.finally(() => {
        this.#inFlight.delete(done);
        this.#drain();
      });
    }
  }

  /** Commits `group` in one transaction, or, when that cannot be, each of its envelopes alone. */
  async #commit(group: Pending[]): Promise<WriteOutcome[]> {
    try {
      return await this.#attempts(group);
    } catch (error) {
      if (group.length === 1) {
        if (error instanceof Retraction) return [refused(error.rejection)];
        throw error;
      }
      // Storage that is away fails them all; anything else is one envelope's, not its group's.
      if (isStorageUnavailable(error)) throw error;
      const outcomes: WriteOutcome[] = [];
      for (const pending of group) {
        try {
          outcomes.push(...(await this.#commit([pending])));
        } catch (alone) {
          pending.reject(alone);
          outcomes.push(DUPLICATE); // Never read: its promise is settled already.
        }
      }
      return outcomes;
    }
  }

  async #attempts(group: Pending[]): Promise<WriteOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#transaction(group);
      } catch (error) {
        if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        await pause(Math.random() * 10 * attempt);
      }
    }
  }

  async #transaction(pendings: Pending[]): Promise<WriteOutcome[]> {
    const driver = this.#storage.driver;
    if (driver.dialect === 'sqlite') {
      // Holding Kysely's one connection, so none of its transactions is open meanwhile.
      return this.#storage.db.connection().execute(async () => {
        const run = sqliteRunner(driver.database);
        run.all(S.begin, []);
        try {
          return await committed(new Group(run, false), pendings, () => run.all(S.commit, []), this.#delivered);
        } catch (error) {
          if (driver.database.inTransaction) run.all(S.rollback, []);
          throw error;
        }
      });
    }
    const client = await driver.pool.connect();
    let failure: unknown;
    try {
      const run = postgresRunner(client);
      await client.query('BEGIN');
      return await committed(new Group(run, true), pendings, () => client.query('COMMIT'), this.#delivered);
    } catch (error) {
      failure = error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(failure !== undefined && isStorageUnavailable(failure) ? (failure as Error) : undefined);
    }
  }
}

const applyAll = async (group: Group, pendings: Pending[]): Promise<WriteOutcome[]> => {
  // The ideas this group votes for, locked first and in key order (FOR SHARE on PostgreSQL): a
  // merge locks its two ideas in id order too, so it never waits for a group in a cycle.
  const ideas = new Set<string>();
  for (const { envelope } of pendings) {
    if (envelope.type === 'idea.vote' || envelope.type === 'idea.unvote') {
      ideas.add(`${envelope.widget}\u0000${envelope.data.idea}`);
    }
  }
  for (const key of [...ideas].sort()) await group.run.all(S.ideaFind, split(key));
  // On PostgreSQL the group's votes are stored together, unless an id comes twice (a retry
  // beside its first send, or one envelope's id on another): order decides then, so each goes
  // in turn.
  if (group.postgres) {
    const ids = new Set(pendings.map(({ envelope }) => envelope.id));
    const votes = pendings.filter(({ envelope }) => envelope.type === 'poll.vote');
    if (ids.size === pendings.length && votes.length > 1) {
      await pollVotesPostgres(
        group,
        votes.map((pending) => ({ item: itemOf(pending) as Item<Of<'poll.vote'>>, verify: pending.verify })),
      );
    }
  }
  const outcomes: WriteOutcome[] = [];
  for (const pending of pendings) outcomes.push(await apply(group, pending));
  await group.finish();
  return outcomes;
};

/** Applies `pendings`, then commits; tells whoever sends webhooks when the group wrote deliveries. */
const committed = async (
  group: Group,
  pendings: Pending[],
  commit: () => unknown,
  delivered: () => void,
): Promise<WriteOutcome[]> => {
  const outcomes = await applyAll(group, pendings);
  await commit();
  if (group.deliveries > 0) delivered();
  return outcomes;
};
