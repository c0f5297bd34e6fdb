/** What the team does: status changes, merges, closing polls, invitations, exports. */
import type { Idea, IdeaStatus } from '@heard/protocol';
import type { Kysely } from 'kysely';
import type { Storage } from '../db/connect.js';
import type { Database, EventsTable } from '../db/schema.js';
import { oneIdea } from './read.js';

type Db = Kysely<Database>;

/** Changes an idea's status and its public note: what voters see the next time they look. */
export const setIdeaStatus = async (
  db: Db,
  board: string,
  id: string,
  status: IdeaStatus,
  note: string | null,
  now: Date,
): Promise<Idea | undefined> => {
  const updated = await db
    .updateTable('ideas')
    .set({ status, status_note: note, status_changed_at: now.toISOString() })
    .where('board', '=', board)
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return updated && oneIdea(db, board, id, now);
};

export type MergeProblem = 'same' | 'missing-from' | 'missing-into';

/**
 * Merges a duplicate idea into another: its voters become voters of the other (a person who
 * voted for both counts once), it disappears from lists, and later votes for it count for the
 * other. Ideas merged into it before follow it.
 */
export const mergeIdeas = async (
  { db, dialect }: Pick<Storage, 'db' | 'dialect'>,
  board: string,
  from: string,
  into: string,
  now: Date,
): Promise<Idea | MergeProblem> => {
  if (from === into) return 'same';
  const problem = await db.transaction().execute(async (trx) => {
    const live = (id: string) =>
      trx
        .selectFrom('ideas')
        .select('id')
        .where('board', '=', board)
        .where('id', '=', id)
        .where('merged_into', 'is', null)
        // Waits for votes in flight on these ideas (they take FOR SHARE); SQLite has one writer.
        .$if(dialect === 'postgres', (query) => query.forUpdate())
        .executeTakeFirst();
    if (!(await live(from))) return 'missing-from' as const;
    if (!(await live(into))) return 'missing-into' as const;
    await trx
      .insertInto('idea_votes')
      .columns(['board', 'idea', 'subject', 'voted', 'at'])
      .expression((eb) =>
        eb
          .selectFrom('idea_votes')
          .select((inner) => ['board', inner.val(into).as('idea'), 'subject', 'voted', 'at'])
          .where('board', '=', board)
          .where('idea', '=', from)
          .where('voted', '=', 1),
      )
      .onConflict((conflict) => conflict.columns(['board', 'idea', 'subject']).doUpdateSet({ voted: 1 }))
      .execute();
    await trx.deleteFrom('idea_votes').where('board', '=', board).where('idea', '=', from).execute();
    await trx
      .updateTable('ideas')
      .set({ merged_into: into })
      .where('board', '=', board)
      .where((eb) => eb.or([eb('id', '=', from), eb('merged_into', '=', from)]))
      .execute();
    return undefined;
  });
  return problem ?? (await oneIdea(db, board, into, now)) ?? 'missing-into';
};

/** Closes or reopens a poll; votes sent to a closed poll are refused with `closed`. */
export const setPollClosed = async (db: Db, poll: string, closed: boolean, now: Date): Promise<void> => {
  const closedAt = closed ? now.toISOString() : null;
  await db
    .insertInto('polls')
    .values({ id: poll, first_vote_at: now.toISOString(), closed_at: closedAt })
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ closed_at: closedAt }))
    .execute();
};

/** Marks a beta sign-up invited (or back to waiting), by any of its referral codes. */
export const setSignupStatus = async (
  db: Db,
  program: string,
  code: string,
  status: 'waiting' | 'invited',
): Promise<boolean> => {
  const owner = await db
    .selectFrom('beta_codes')
    .select('email_key')
    .where('program', '=', program)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!owner) return false;
  await db
    .updateTable('beta_signups')
    .set({ status })
    .where('program', '=', program)
    .where('email_key', '=', owner.email_key)
    .execute();
  return true;
};

/** Widgets that received events, with their event counts by type (tallied as events arrive). */
export const widgets = (db: Db) =>
  db.selectFrom('widget_activity').selectAll().orderBy('widget').orderBy('type').execute();

export type StoredEvent = EventsTable;

/**
 * One page of a widget's events in the order they arrived, optionally only those sent in a
 * range of time; pass the last row to go on.
 */
export const eventsPage = (
  db: Db,
  widget: string,
  after: Pick<StoredEvent, 'received_at' | 'id'> | null,
  limit: number,
  range: { from?: string | undefined; to?: string | undefined } = {},
) => {
  let query = db.selectFrom('events').selectAll().where('widget', '=', widget);
  if (range.from) query = query.where('at', '>=', range.from);
  if (range.to) query = query.where('at', '<', range.to);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('received_at', '>', after.received_at),
        eb.and([eb('received_at', '=', after.received_at), eb('id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy('received_at').orderBy('id').limit(limit).execute();
};
