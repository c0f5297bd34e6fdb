/**
 * What the team does: status changes, merges, closing polls, invitations, exports. Each change
 * is written to the admin log in the transaction that makes it: a change is logged, or it did
 * not happen.
 */
import type { AdminLog, AdminLogEntry, AdminVia, Idea, IdeaStatus } from '@heard/protocol';
import type { Kysely } from 'kysely';
import type { Storage } from '../db/connect.js';
import { transact } from '../db/faults.js';
import { enqueue } from '../webhooks/outbox.js';
import type { Database, EventsTable } from '../db/schema.js';
import { oneIdea, paged, type Page } from './read.js';

type Db = Kysely<Database>;

/** Who changed something, and when. */
export interface Change {
  via: AdminVia;
  now: Date;
}

const record = (
  trx: Db,
  change: Change,
  action: AdminLogEntry['action'],
  widget: string,
  target: string | null,
  detail: AdminLogEntry['detail'],
) =>
  trx
    .insertInto('admin_log')
    .values({
      at: change.now.toISOString(),
      via: change.via,
      action,
      widget,
      target,
      detail: JSON.stringify(detail),
    })
    .execute();

/** Changes an idea's status and its public note: what voters see the next time they look. */
export const setIdeaStatus = async (
  db: Db,
  board: string,
  id: string,
  status: IdeaStatus,
  note: string | null,
  change: Change,
): Promise<Idea | undefined> => {
  const updated = await transact(db, async (trx) => {
    const row = await trx
      .updateTable('ideas')
      .set({ status, status_note: note, status_changed_at: change.now.toISOString() })
      .where('board', '=', board)
      .where('id', '=', id)
      .where('merged_into', 'is', null)
      .returning('title')
      .executeTakeFirst();
    if (row) {
      await record(trx, change, 'idea.status', board, id, { title: row.title, status, note });
      const at = change.now.toISOString();
      const said = {
        kind: 'idea.status_changed',
        widget: board,
        data: { board, idea: id, title: row.title, status, note, at },
      } as const;
      // Each change is its own event: the key is the idea and the time of the change.
      await enqueue(trx, said, `${id}_${change.now.getTime()}`, at);
    }
    return row;
  });
  return updated && oneIdea(db, board, id, change.now);
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
  change: Change,
): Promise<Idea | MergeProblem> => {
  if (from === into) return 'same';
  const problem = await transact(db, async (trx) => {
    // Both ideas at once, locked in id order: two opposite merges take them in the same order.
    // Waits for votes in flight on these ideas (they take FOR SHARE); SQLite has one writer.
    const rows = await trx
      .selectFrom('ideas')
      .select(['id', 'title', 'merged_into'])
      .where('board', '=', board)
      .where('id', 'in', [from, into])
      .orderBy('id')
      .$if(dialect === 'postgres', (query) => query.forUpdate())
      .execute();
    const live = (id: string) => rows.find((row) => row.id === id && row.merged_into === null);
    const merged = live(from);
    if (!merged) return 'missing-from' as const;
    const kept = live(into);
    if (!kept) return 'missing-into' as const;
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
    await record(trx, change, 'idea.merge', board, from, { from: merged.title, into: kept.title });
    return undefined;
  });
  return problem ?? (await oneIdea(db, board, into, change.now)) ?? 'missing-into';
};

/** Closes or reopens a poll; votes sent to a closed poll are refused with `closed`. */
export const setPollClosed = async (db: Db, poll: string, closed: boolean, change: Change): Promise<void> => {
  const closedAt = closed ? change.now.toISOString() : null;
  await transact(db, async (trx) => {
    await trx
      .insertInto('polls')
      .values({ id: poll, first_vote_at: change.now.toISOString(), closed_at: closedAt })
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ closed_at: closedAt }))
      .execute();
    await record(trx, change, 'poll.closed', poll, null, { closed });
  });
};

/** Marks a beta sign-up invited (or back to waiting), by any of its referral codes. */
export const setSignupStatus = async (
  db: Db,
  program: string,
  code: string,
  status: 'waiting' | 'invited',
  change: Change,
): Promise<boolean> =>
  transact(db, async (trx) => {
    const owner = await trx
      .selectFrom('beta_codes')
      .select('email_key')
      .where('program', '=', program)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!owner) return false;
    const signup = await trx
      .updateTable('beta_signups')
      .set({ status })
      .where('program', '=', program)
      .where('email_key', '=', owner.email_key)
      .returning('email')
      .executeTakeFirst();
    await record(trx, change, 'signup.status', program, code, { email: signup?.email ?? null, status });
    return true;
  });

/** A page of a widget's admin log, newest first. */
export const adminLog = async (db: Db, widget: string, page: Page): Promise<AdminLog> => {
  const rows = await db
    .selectFrom('admin_log')
    .select(['at', 'via', 'action', 'target', 'detail'])
    .where('widget', '=', widget)
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  const { rows: entries, next } = paged(rows, page);
  return {
    widget,
    entries: entries.map((row) => ({
      at: row.at,
      via: row.via === 'dashboard' ? 'dashboard' : 'api',
      action: row.action as AdminLogEntry['action'],
      target: row.target,
      detail: JSON.parse(row.detail) as AdminLogEntry['detail'],
    })),
    next,
  };
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
