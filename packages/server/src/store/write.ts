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
 * Rows many writers share (people's idea votes, a poll's option tallies and counters, a
 * widget's activity) are written once per group, after every envelope, in one global order (by
 * table, then by key), so two groups lock what they share in the same order. A deadlock or serialization failure that
 * still happens runs the group again before anything is answered.
 */
import { ERROR_CODES, type Envelope } from '@heard/protocol';
import type { Storage } from '../db/connect.js';
import { isRetryable, isStorageUnavailable, TRANSACTION_ATTEMPTS } from '../db/faults.js';
import { deliveriesFor, saidBy } from '../webhooks/outbox.js';
import {
  Group,
  Raced,
  Rejection,
  Retraction,
  itemOf,
  split,
  store,
  type Item,
  type Of,
  type Pending,
  type Write,
  type WriteOutcome,
} from './group.js';
import { betaSignup } from './beta-signups.js';
import { pollVote, pollVotesPostgres } from './poll-votes.js';
import { proofOf, proofSpent, spend, spent } from './proofs.js';
import { postgresRunner, sqliteRunner, statement } from './statements.js';
import type { VerifyUser } from './subject.js';

export type { WriteOutcome } from './group.js';

const ACCEPTED: WriteOutcome = { kind: 'accepted' };
const DUPLICATE: WriteOutcome = { kind: 'duplicate' };
const refused = ({ code, message, issues }: Rejection): WriteOutcome =>
  issues ? { kind: 'rejected', code, message, issues } : { kind: 'rejected', code, message };

const S = {
  begin: statement('begin', 'BEGIN IMMEDIATE', 'BEGIN'),
  commit: statement('commit', 'COMMIT'),
  rollback: statement('rollback', 'ROLLBACK'),
  eventExists: statement('event_exists', 'SELECT 1 AS found FROM events WHERE id = ?'),
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
  delivery: statement(
    'delivery',
    `INSERT INTO webhook_deliveries (id, webhook_id, widget, kind, payload, created_at, next_attempt_at, attempts)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING`,
  ),
};

/** Applies one envelope: its rules first, then its rows. */
const apply = async (group: Group, pending: Pending): Promise<WriteOutcome> => {
  const { envelope, verify } = pending;
  if (group.ids.has(envelope.id)) return DUPLICATE;
  const item = itemOf(pending);
  const proof = proofOf(envelope);
  try {
    if (proof !== undefined && (await spent(group, proof))) throw proofSpent();
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
  group.definitions.add(envelope, item.received);
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
  group.voteIdea(board, (idea.merged_into ?? idea.id) as string, item.subject, type === 'idea.vote', item.at);
  return true;
};

/** Runs again after races for first votes, beside the attempts: a group's first votes race at most once each. */
const RACES = 50;

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
    for (let attempt = 1, races = 0; ; attempt++) {
      try {
        return await this.#transaction(group);
      } catch (error) {
        // Another collector wrote a first vote this group wrote too: that vote is there now, and
        // locked when the group runs again, so each run races on fewer. Not counted as an attempt.
        if (error instanceof Raced && races++ < RACES) {
          attempt--;
          await pause(Math.random() * 5);
          continue;
        }
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
  // On PostgreSQL the group's votes are stored together: the first of each id (a later one is a
  // duplicate of it), unless another kind of envelope has that id too, when order decides and
  // the vote goes in its turn.
  if (group.postgres) {
    const others = new Set(
      pendings.filter(({ envelope }) => envelope.type !== 'poll.vote').map(({ envelope }) => envelope.id),
    );
    const votes = new Map<string, Pending>();
    for (const pending of pendings) {
      const { id, type } = pending.envelope;
      if (type === 'poll.vote' && !others.has(id) && !votes.has(id)) votes.set(id, pending);
    }
    if (votes.size) {
      await pollVotesPostgres(
        group,
        [...votes.values()].map((pending) => ({
          item: itemOf(pending) as Item<Of<'poll.vote'>>,
          verify: pending.verify,
        })),
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
