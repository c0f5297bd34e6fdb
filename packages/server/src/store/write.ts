/**
 * Stores one valid envelope, in one transaction: the event row (its id is the primary key, so
 * a retry is a duplicate however many arrive at once) and what it changes (a vote, an idea, a
 * sign-up). A rule broken on the way (a closed poll, an unknown idea) rolls everything back.
 * Votes are last-writer-wins by client time, so a retry that arrives late cannot undo a newer
 * vote or un-vote; the database's unique keys hold one vote per subject under any concurrency.
 *
 * Rows many writers share (a poll's option tallies, a widget's activity) are locked in one
 * global order: tallies in one statement, options sorted, the activity row last. A deadlock or
 * serialization failure that still happens is retried (`transact`) before anything is answered.
 */
import { ERROR_CODES, type Envelope, type ErrorCode, type Issue } from '@heard/protocol';
import type { Transaction } from 'kysely';
import type { Storage } from '../db/connect.js';
import { transact } from '../db/faults.js';
import type { Database } from '../db/schema.js';
import { enqueue, saidBy } from '../webhooks/outbox.js';
import { subjectKey, verifiedUser, type VerifyUser } from './subject.js';

export type WriteOutcome =
  | { kind: 'accepted' }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; code: ErrorCode; message: string; issues?: Issue[] };

/** A rule broken while applying an event: thrown to roll the transaction back. */
export class Rejection extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: Issue[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

type Trx = Transaction<Database>;
type Of<T extends Envelope['type']> = Extract<Envelope, { type: T }>;

interface Applied {
  readonly subject: string;
  /** Client time in UTC, never later than the time of receipt. */
  readonly at: string;
  /** The time of receipt: what orders a queue, so that no client can date itself ahead of it. */
  readonly received: string;
  /** Whether the database takes row locks (`FOR SHARE`): PostgreSQL; SQLite has one writer. */
  readonly rowLocks: boolean;
}

/** Client time, in UTC, clamped to now: a clock set ahead cannot pin a vote in the future. */
export const clientTime = (at: string, now: Date): string => {
  const time = new Date(at);
  return time.getTime() > now.getTime() ? now.toISOString() : time.toISOString();
};

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export const writeEnvelope = async (
  { db, dialect }: Pick<Storage, 'db' | 'dialect'>,
  envelope: Envelope,
  now: Date,
  verify: VerifyUser,
): Promise<WriteOutcome> => {
  try {
    return await transact(db, async (trx) => {
      const inserted = await trx
        .insertInto('events')
        .values({
          id: envelope.id,
          type: envelope.type,
          widget: envelope.widget,
          at: clientTime(envelope.at, now),
          received_at: now.toISOString(),
          anonymous_id: envelope.subject.anonymousId,
          // Only a user id the site signed: an unsigned one is a claim, not an identity.
          user_id: verifiedUser(envelope.subject, verify) ?? null,
          traits: json(envelope.subject.traits),
          locale: envelope.context.locale,
          page: envelope.context.page ?? null,
          sdk: envelope.context.sdk,
          data: JSON.stringify(envelope.data),
        })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return { kind: 'duplicate' } as const;
      await apply(trx, envelope, {
        subject: subjectKey(envelope.subject, verify),
        at: clientTime(envelope.at, now),
        received: now.toISOString(),
        rowLocks: dialect === 'postgres',
      });
      const said = saidBy(envelope, clientTime(envelope.at, now));
      if (said) await enqueue(trx, said, envelope.id, now.toISOString());
      // Last, so that a widget's busy tally row is locked for as short a time as possible.
      await trx
        .insertInto('widget_activity')
        .values({ widget: envelope.widget, type: envelope.type, events: 1, last: now.toISOString() })
        .onConflict((conflict) =>
          conflict.columns(['widget', 'type']).doUpdateSet((eb) => ({
            events: eb('widget_activity.events', '+', 1),
            last: eb.ref('excluded.last'),
          })),
        )
        .execute();
      return { kind: 'accepted' } as const;
    });
  } catch (error) {
    if (error instanceof Rejection) {
      const { code, message, issues } = error;
      return issues ? { kind: 'rejected', code, message, issues } : { kind: 'rejected', code, message };
    }
    throw error;
  }
};

/** Spends the proof of work an idea or sign-up carries: a second post with it is refused. */
const spendProof = async (trx: Trx, envelope: Envelope) => {
  if (envelope.type !== 'idea.create' && envelope.type !== 'beta.signup') return;
  const proof = envelope.data.form?.proof;
  if (!proof) return;
  const spent = await trx
    .insertInto('proofs')
    .values({ proof, event_id: envelope.id })
    .onConflict((conflict) => conflict.column('proof').doNothing())
    .returning('proof')
    .executeTakeFirst();
  if (!spent) {
    throw new Rejection(ERROR_CODES.spamSuspected, 'This proof of work was spent on another post', [
      { path: 'data.form.proof', code: 'custom', message: 'Solve a new challenge' },
    ]);
  }
};

const apply = async (trx: Trx, envelope: Envelope, applied: Applied): Promise<void> => {
  await spendProof(trx, envelope);
  switch (envelope.type) {
    case 'poll.vote':
      return pollVote(trx, envelope, applied);
    case 'nps.response':
      return npsResponse(trx, envelope, applied);
    case 'idea.create':
      return ideaCreate(trx, envelope, applied);
    case 'idea.vote':
    case 'idea.unvote':
      return ideaVote(trx, envelope, applied);
    case 'beta.signup':
      return betaSignup(trx, envelope, applied);
    case 'nps.dismissed':
      return Promise.resolve();
  }
};

const pollVote = async (trx: Trx, { id, widget: poll, data }: Of<'poll.vote'>, { subject, at }: Applied) => {
  await trx
    .insertInto('polls')
    .values({ id: poll, first_vote_at: at, closed_at: null })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  const state = await trx.selectFrom('polls').select('closed_at').where('id', '=', poll).executeTakeFirstOrThrow();
  if (state.closed_at !== null) throw new Rejection(ERROR_CODES.closed, `The poll "${poll}" is closed`);
  // The row lock this upsert takes orders concurrent votes of one subject; the newer wins.
  const replaced = await trx
    .insertInto('poll_votes')
    .values({ poll, subject, event_id: id, at, other: data.other ?? null })
    .onConflict((conflict) =>
      conflict
        .columns(['poll', 'subject'])
        .doUpdateSet((eb) => ({
          event_id: eb.ref('excluded.event_id'),
          at: eb.ref('excluded.at'),
          other: eb.ref('excluded.other'),
        }))
        .where((eb) =>
          eb.or([
            eb('poll_votes.at', '<', eb.ref('excluded.at')),
            eb.and([
              eb('poll_votes.at', '=', eb.ref('excluded.at')),
              eb('poll_votes.event_id', '<', eb.ref('excluded.event_id')),
            ]),
          ]),
        ),
    )
    .returning('event_id')
    .executeTakeFirst();
  if (!replaced) return; // An older vote, kept in the log only.
  const previous = await trx
    .deleteFrom('poll_vote_options')
    .where('poll', '=', poll)
    .where('subject', '=', subject)
    .returning('option')
    .execute();
  if (data.options.length) {
    await trx
      .insertInto('poll_vote_options')
      .values(data.options.map((option) => ({ poll, subject, option })))
      .execute();
  }
  // The tallies a results read takes, moved in the same transaction as the votes they count:
  // one change per option, in one statement, in option order, so two changed votes lock the
  // tallies they share in the same order and never wait for each other in a cycle.
  const change = new Map<string, number>();
  for (const { option } of previous) change.set(option, (change.get(option) ?? 0) - 1);
  for (const option of data.options) change.set(option, (change.get(option) ?? 0) + 1);
  const moved = [...change].filter(([, votes]) => votes !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (moved.length) {
    await trx
      .insertInto('poll_option_counts')
      .values(moved.map(([option, votes]) => ({ poll, option, votes })))
      .onConflict((conflict) =>
        conflict
          .columns(['poll', 'option'])
          .doUpdateSet((eb) => ({ votes: eb('poll_option_counts.votes', '+', eb.ref('excluded.votes')) })),
      )
      .execute();
  }
};

const npsResponse = async (trx: Trx, { id, widget, data }: Of<'nps.response'>, { subject, at }: Applied) => {
  await trx
    .insertInto('nps_responses')
    .values({ event_id: id, survey: widget, subject, score: data.score, comment: data.comment?.trim() || null, at })
    .execute();
};

const ideaCreate = async (trx: Trx, { id, widget: board, data }: Of<'idea.create'>, { subject, at }: Applied) => {
  await trx
    .insertInto('ideas')
    .values({
      board,
      id,
      title: data.title.trim(),
      description: data.description?.trim() || null,
      status: 'open',
      status_note: null,
      status_changed_at: null,
      created_at: at,
      author: subject,
      merged_into: null,
    })
    .execute();
  // Whoever proposes an idea wants it: their vote comes with it.
  await trx.insertInto('idea_votes').values({ board, idea: id, subject, voted: 1, at }).execute();
};

const ideaVote = async (trx: Trx, { widget: board, type, data }: Of<'idea.vote' | 'idea.unvote'>, applied: Applied) => {
  const idea = await trx
    .selectFrom('ideas')
    .select(['id', 'merged_into'])
    .where('board', '=', board)
    .where('id', '=', data.idea)
    // Holds off a merge of this idea until the vote is in, so the merge moves it too.
    .$if(applied.rowLocks, (query) => query.forShare())
    .executeTakeFirst();
  if (!idea) {
    throw new Rejection(ERROR_CODES.notFound, `No idea "${data.idea}" on the board "${board}"`, [
      { path: 'data.idea', code: 'not_found', message: 'No such idea on this board' },
    ]);
  }
  await trx
    .insertInto('idea_votes')
    .values({
      board,
      idea: idea.merged_into ?? idea.id,
      subject: applied.subject,
      voted: type === 'idea.vote' ? 1 : 0,
      at: applied.at,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['board', 'idea', 'subject'])
        .doUpdateSet((eb) => ({ voted: eb.ref('excluded.voted'), at: eb.ref('excluded.at') }))
        .where((eb) => eb('idea_votes.at', '<', eb.ref('excluded.at'))),
    )
    .execute();
};

/** Which sign-up a referral code belongs to, by its lowercased e-mail. */
const codeOwner = async (trx: Trx, program: string, code: string) =>
  trx
    .selectFrom('beta_codes')
    .select('email_key')
    .where('program', '=', program)
    .where('code', '=', code)
    .executeTakeFirst();

const betaSignup = async (trx: Trx, { widget: program, data }: Of<'beta.signup'>, { subject, received }: Applied) => {
  const emailKey = data.email.toLowerCase();
  await trx
    .insertInto('beta_codes')
    .values({ program, code: data.code, email_key: emailKey, created_at: received })
    .onConflict((conflict) => conflict.columns(['program', 'code']).doNothing())
    .execute();
  if ((await codeOwner(trx, program, data.code))?.email_key !== emailKey) {
    throw new Rejection(ERROR_CODES.invalidBody, 'This referral code belongs to another sign-up', [
      { path: 'data.code', code: 'custom', message: 'Already taken: make a new code' },
    ]);
  }
  let referredBy: string | null = null;
  if (data.referredBy) {
    const referrer = await codeOwner(trx, program, data.referredBy);
    if (referrer && referrer.email_key !== emailKey) {
      const signup = await trx
        .selectFrom('beta_signups')
        .select('code')
        .where('program', '=', program)
        .where('email_key', '=', referrer.email_key)
        .executeTakeFirst();
      referredBy = signup?.code ?? null;
    }
  }
  // The first sign-up of an address stays; a later one only adds its code as an alias.
  await trx
    .insertInto('beta_signups')
    .values({
      program,
      email_key: emailKey,
      email: data.email,
      code: data.code,
      fields: json(data.fields),
      referred_by: referredBy,
      subject,
      created_at: received,
      status: 'waiting',
    })
    .onConflict((conflict) => conflict.columns(['program', 'email_key']).doNothing())
    .execute();
};
