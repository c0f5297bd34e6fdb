/**
 * The read models, computed from stored rows by the database: counts, sorting and search
 * happen in SQL. What each costs:
 * - a poll's results: three lookups by key (its counters and tallies are kept with the votes),
 *   the same at a thousand votes and at a million;
 */
import type { BetaStatus, Idea, IdeaList, IdeaStatus, PollResults, SimilarIdeas } from '@heard/protocol';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Dialect, Driver } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { postgresRunner, sqliteRunner, statement, type Runner } from './statements.js';

type Db = Kysely<Database>;

/** Where a page starts and how many rows it holds. */
export interface Page {
  offset: number;
  limit: number;
}

/**
 * A page from rows read with `limit(page.limit + 1)`: the page's rows, and the offset of the
 * next page, or null when the extra row did not come (this is the last).
 */
export const paged = <T>(rows: T[], page: Page): { rows: T[]; next: number | null } => ({
  rows: rows.slice(0, page.limit),
  next: rows.length > page.limit ? page.offset + page.limit : null,
});

/** A poll's votes per option, most first, from the tallies kept with the votes. */
export const optionTallies = (db: Db, poll: string) =>
  db
    .selectFrom('poll_option_counts')
    .select(['option', 'votes'])
    .where('poll', '=', poll)
    .where('votes', '>', 0)
    .orderBy('votes', 'desc')
    .orderBy('option')
    .execute();

/** How long votes count towards "trending". */
export const TRENDING_DAYS = 7;

const POLL = {
  state: statement('results_state', 'SELECT closed_at, voters, other_voters FROM polls WHERE id = ?'),
  tallies: statement(
    'results_tallies',
    'SELECT option, votes FROM poll_option_counts WHERE poll = ? AND votes > 0 ORDER BY votes DESC, option',
  ),
  mine: statement('results_mine', 'SELECT other, options FROM poll_votes WHERE poll = ? AND subject = ?'),
};

/** A runner for reads: SQLite's read-only connection, or the PostgreSQL pool. */
export const reader = (driver: Driver): Runner =>
  driver.dialect === 'sqlite' ? sqliteRunner(driver.reader) : postgresRunner(driver.pool);

/**
 * A poll's results: its counters and option tallies (kept with the votes), and the asker's own
 * vote by primary key. Three lookups by key, whatever the number of votes.
 */
export const pollResults = async (run: Runner, poll: string, asker: string | null): Promise<PollResults> => {
  const [[state], options, mine] = await Promise.all([
    run.all(POLL.state, [poll]),
    run.all(POLL.tallies, [poll]),
    asker === null ? [] : run.all(POLL.mine, [poll, asker]),
  ]);
  const vote = mine[0];
  return {
    poll,
    total: Number(state?.voters ?? 0),
    options: options.map(({ option, votes }) => ({ id: option as string, votes: Number(votes) })),
    other: Number(state?.other_voters ?? 0),
    mine: vote
      ? {
          options: JSON.parse(vote.options as string) as string[],
          ...(vote.other !== null ? { other: vote.other as string } : {}),
        }
      : null,
    closed: state?.closed_at != null,
  };
};

export type IdeaSort = 'top' | 'new' | 'trending';

/** An idea's current votes, cast from `since` (inclusive) until `until` (exclusive) when given. */
export const voteCount = (eb: ExpressionBuilder<Database, 'ideas'>, since?: string, until?: string) => {
  let query = eb
    .selectFrom('idea_votes')
    .select((inner) => inner.fn.countAll<number>().as('n'))
    .whereRef('idea_votes.board', '=', 'ideas.board')
    .whereRef('idea_votes.idea', '=', 'ideas.id')
    .where('idea_votes.voted', '=', 1);
  if (since) query = query.where('idea_votes.at', '>=', since);
  if (until) query = query.where('idea_votes.at', '<', until);
  return query;
};

/** The ideas of a board with their votes and whether the asker voted: one query. */
const ideaRows = (db: Db, board: string, asker: string | null, now: Date) =>
  db
    .selectFrom('ideas')
    .select((eb) => [
      'ideas.id',
      'ideas.title',
      'ideas.description',
      'ideas.status',
      'ideas.status_note',
      'ideas.status_changed_at',
      'ideas.created_at',
      voteCount(eb).as('votes'),
      voteCount(eb, new Date(now.getTime() - TRENDING_DAYS * 86_400_000).toISOString()).as('recent'),
      eb
        .exists(
          eb
            .selectFrom('idea_votes')
            .select('idea_votes.voted')
            .whereRef('idea_votes.board', '=', 'ideas.board')
            .whereRef('idea_votes.idea', '=', 'ideas.id')
            .where('idea_votes.voted', '=', 1)
            .where('idea_votes.subject', '=', asker ?? ''),
        )
        .as('voted'),
    ])
    .where('ideas.board', '=', board)
    .where('ideas.merged_into', 'is', null);

type IdeaRow = Awaited<ReturnType<ReturnType<typeof ideaRows>['execute']>>[number];

const toIdea = (row: IdeaRow): Idea => ({
  id: row.id,
  title: row.title,
  description: row.description,
  status: row.status as IdeaStatus,
  statusNote: row.status_note,
  statusChangedAt: row.status_changed_at,
  votes: Number(row.votes),
  // SQLite answers 0/1, PostgreSQL true/false.
  voted: Boolean(row.voted),
  createdAt: row.created_at,
});

export interface IdeaQuery extends Page {
  sort: IdeaSort;
  status?: IdeaStatus | undefined;
}

export const ideaList = async (
  db: Db,
  board: string,
  query: IdeaQuery,
  asker: string | null,
  now: Date,
): Promise<IdeaList> => {
  let rows = ideaRows(db, board, asker, now);
  if (query.status) rows = rows.where('ideas.status', '=', query.status);
  if (query.sort === 'trending') rows = rows.orderBy('recent', 'desc').orderBy('votes', 'desc');
  if (query.sort === 'top') rows = rows.orderBy('votes', 'desc');
  const page = await rows
    .orderBy('ideas.created_at', 'desc')
    .orderBy('ideas.id')
    .limit(query.limit + 1)
    .offset(query.offset)
    .execute();
  const { rows: ideas, next } = paged(page, query);
  return { ideas: ideas.map(toIdea), nextCursor: next === null ? null : String(next) };
};

export const oneIdea = async (db: Db, board: string, id: string, now: Date): Promise<Idea | undefined> => {
  const row = await ideaRows(db, board, null, now).where('ideas.id', '=', id).executeTakeFirst();
  return row && toIdea(row);
};

/** Words of a search, lowercased, letters and digits only: safe in FTS5 and tsquery syntax. */
export const searchTerms = (q: string): string[] =>
  [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].filter((word) => word.length >= 2).slice(0, 8);

export const SIMILAR_LIMIT = 5;

export const similarIdeas = async (
  db: Db,
  dialect: Dialect,
  board: string,
  q: string,
  asker: string | null,
  now: Date,
): Promise<SimilarIdeas> => {
  const terms = searchTerms(q);
  if (!terms.length) return { ideas: [] };
  let ranked: string[];
  if (dialect === 'sqlite') {
    const match = terms.map((term) => `"${term}"*`).join(' OR ');
    const { rows } = await sql<{ idea: string }>`
      SELECT ideas_fts.idea FROM ideas_fts JOIN ideas ON ideas.board = ideas_fts.board AND ideas.id = ideas_fts.idea
      WHERE ideas_fts MATCH ${match} AND ideas_fts.board = ${board} AND ideas.merged_into IS NULL
      ORDER BY bm25(ideas_fts) LIMIT ${SIMILAR_LIMIT}`.execute(db);
    ranked = rows.map((row) => row.idea);
  } else {
    const query = terms.map((term) => `${term}:*`).join(' | ');
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM ideas
      WHERE board = ${board} AND merged_into IS NULL AND search @@ to_tsquery('english', ${query})
      ORDER BY ts_rank(search, to_tsquery('english', ${query})) DESC, id LIMIT ${SIMILAR_LIMIT}`.execute(db);
    ranked = rows.map((row) => row.id);
  }
  if (!ranked.length) return { ideas: [] };
  const found = new Map(
    (await ideaRows(db, board, asker, now).where('ideas.id', 'in', ranked).execute()).map((row) => [row.id, row]),
  );
  return {
    ideas: ranked.flatMap((id) => {
      const row = found.get(id);
      if (!row) return [];
      const { title, status, votes, voted } = toIdea(row);
      return [{ id, title, status, votes, voted }];
    }),
  };
};

/** A referral code's place in its beta's queue, as {@link rankedCodes} gives it. */
export interface RankedCode {
  code: string;
  /** The code of the sign-up it belongs to: itself, unless it came with a known address. */
  primary_code: string;
  referrals: number;
  position: number;
  total: number;
}

/**
 * Every referral code of a beta with its place in the queue: the one ranking both members
 * (their own place) and the team (the queue) read, so they always agree.
 *
 * Every sign-up made with an address takes a place, counted by its referral code in the order
 * they came: so a second sign-up of an address already on the list (another browser, or
 * someone typing that address) moves everyone's total and later places exactly as a new
 * sign-up does. Each person who signed up through a member's link moves the member one place
 * up: the queue is ordered by arrival less referrals, then by more referrals, then by arrival,
 * so every place is held by one code and no two share one.
 */
export const rankedCodes = (db: Db, program: string) =>
  sql<RankedCode>`
    WITH codes AS (
      SELECT c.code, s.code AS primary_code, coalesce(c.created_at, s.created_at) AS made
      FROM beta_codes c
      JOIN beta_signups s ON s.program = c.program AND s.email_key = c.email_key
      WHERE c.program = ${program}
    ), arrived AS (
      SELECT code, primary_code, row_number() OVER (ORDER BY made, code) AS arrival FROM codes
    ), referred AS (
      SELECT referred_by, count(*) AS n FROM beta_signups
      WHERE program = ${program} AND referred_by IS NOT NULL
      GROUP BY referred_by
    ), scored AS (
      SELECT a.code, a.primary_code, a.arrival,
        CASE WHEN a.code = a.primary_code THEN coalesce(r.n, 0) ELSE 0 END AS referrals
      FROM arrived a LEFT JOIN referred r ON r.referred_by = a.code
    )
    SELECT code, primary_code, referrals,
      row_number() OVER (ORDER BY arrival - referrals, referrals DESC, arrival) AS position,
      count(*) OVER () AS total
    FROM scored`;

/**
 * The place in the queue of the sign-up a referral code belongs to ({@link rankedCodes}). A
 * code that came with an address already on the list answers as a new sign-up's would (its
 * own place, no referrals, waiting). Only the first sign-up's own code shows its place,
 * referrals and status: an e-mail address cannot be used to look a member up, nor to learn
 * that it is on the list.
 */
export const betaStatus = async (db: Db, program: string, code: string): Promise<BetaStatus | undefined> => {
  const { rows } = await sql<RankedCode & { status: string }>`
    SELECT q.code, q.primary_code, q.referrals, q.position, q.total, s.status
    FROM (${rankedCodes(db, program)}) q
    JOIN beta_signups s ON s.program = ${program} AND s.code = q.primary_code
    WHERE q.code = ${code}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const member = row.primary_code === code;
  return {
    program,
    position: Number(row.position),
    total: Number(row.total),
    referralCode: code,
    referrals: Number(row.referrals),
    status: member && row.status === 'invited' ? 'invited' : 'waiting',
  };
};
