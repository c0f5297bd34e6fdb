/**
 * The read models, computed from stored rows by the database: counts, sorting and search
 * happen in SQL, so a read costs the same at ten votes and at a million.
 */
import type { BetaStatus, Idea, IdeaList, IdeaStatus, PollResults, SimilarIdeas } from '@heard/protocol';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { Database } from '../db/schema.js';

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

export const pollResults = async (db: Db, poll: string, asker: string | null): Promise<PollResults> => {
  const [state, totals, options, mine] = await Promise.all([
    db.selectFrom('polls').select('closed_at').where('id', '=', poll).executeTakeFirst(),
    db
      .selectFrom('poll_votes')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        // Two counts, each answered from an index without reading a row.
        eb
          .selectFrom('poll_votes as others')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .where('others.poll', '=', poll)
          .where('others.other', 'is not', null)
          .as('other'),
      ])
      .where('poll', '=', poll)
      .executeTakeFirstOrThrow(),
    optionTallies(db, poll),
    asker === null
      ? undefined
      : db
          .selectFrom('poll_votes')
          .select('other')
          .where('poll', '=', poll)
          .where('subject', '=', asker)
          .executeTakeFirst(),
  ]);
  const chosen = mine
    ? await db
        .selectFrom('poll_vote_options')
        .select('option')
        .where('poll', '=', poll)
        .where('subject', '=', asker)
        .orderBy('option')
        .execute()
    : [];
  return {
    poll,
    total: Number(totals.total),
    options: options.map(({ option, votes }) => ({ id: option, votes: Number(votes) })),
    other: Number(totals.other),
    mine: mine
      ? { options: chosen.map(({ option }) => option), ...(mine.other !== null ? { other: mine.other } : {}) }
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

/**
 * The place in the queue of the sign-up a referral code belongs to. Every sign-up made with
 * an address takes a place, counted by its referral code in the order they came: so a second
 * sign-up of an address already on the list (another browser, or someone typing that address)
 * moves everyone's total and later places exactly as a new sign-up does, and its code answers
 * as a new sign-up's would (its own place, no referrals, waiting). Only the first sign-up's own
 * code shows its place, referrals and status: an e-mail address cannot be used to look a member
 * up, nor to learn that it is on the list.
 */
export const betaStatus = async (db: Db, program: string, code: string): Promise<BetaStatus | undefined> => {
  const signup = await db
    .selectFrom('beta_codes')
    .innerJoin('beta_signups', (join) =>
      join
        .onRef('beta_signups.program', '=', 'beta_codes.program')
        .onRef('beta_signups.email_key', '=', 'beta_codes.email_key'),
    )
    .select(['beta_signups.code', 'beta_signups.created_at', 'beta_signups.status', 'beta_codes.created_at as madeAt'])
    .where('beta_codes.program', '=', program)
    .where('beta_codes.code', '=', code)
    .executeTakeFirst();
  if (!signup) return undefined;
  const member = signup.code === code;
  const at = member ? signup.created_at : (signup.madeAt ?? signup.created_at);
  const made = sql<string>`coalesce(beta_codes.created_at, beta_signups.created_at)`;
  const [places, referred] = await Promise.all([
    db
      .selectFrom('beta_codes')
      .innerJoin('beta_signups', (join) =>
        join
          .onRef('beta_signups.program', '=', 'beta_codes.program')
          .onRef('beta_signups.email_key', '=', 'beta_codes.email_key'),
      )
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.or([eb(made, '<', at), eb.and([eb(made, '=', at), eb('beta_codes.code', '<', code)])]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('ahead'),
      ])
      .where('beta_codes.program', '=', program)
      .executeTakeFirstOrThrow(),
    member
      ? db
          .selectFrom('beta_signups')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('program', '=', program)
          .where('referred_by', '=', code)
          .executeTakeFirstOrThrow()
      : { n: 0 },
  ]);
  const referrals = Number(referred.n);
  return {
    program,
    // Each person who signed up through your link moves you one place up.
    position: Math.max(1, Number(places.ahead ?? 0) + 1 - referrals),
    total: Number(places.total),
    referralCode: code,
    referrals,
    status: member && signup.status === 'invited' ? 'invited' : 'waiting',
  };
};
