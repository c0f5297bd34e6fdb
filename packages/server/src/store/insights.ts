/**
 * What the team reads: NPS with its margin of error and trend, poll results over time, the
 * idea leaderboard, beta sign-ups and referrers. Every figure is aggregated by the database
 * (GROUP BY over indexed columns); Node only adds up days into periods and shapes the rows.
 * Periods are UTC weeks (starting Monday) or months, named by their first day.
 */
import type {
  BetaDefinition,
  BetaQueue,
  BetaSummary,
  BoardSummary,
  NpsCategory,
  NpsComments,
  NpsDefinition,
  NpsSummary,
  Period,
  PollDefinition,
  PollSummary,
} from '@heard/protocol';
import { npsCategory } from '@heard/protocol/limits';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { defined, optionLabels } from './definitions.js';
import { TRENDING_DAYS, optionTallies, paged, rankedCodes, voteCount, type Page } from './read.js';

type Db = Kysely<Database>;

export type { Period };

export interface Range {
  /** Inclusive lower bound, UTC ISO time. */
  from?: string | undefined;
  /** Exclusive upper bound, UTC ISO time. */
  to?: string | undefined;
}

/**
 * The UTC day (`YYYY-MM-DD`) of an ISO time column: a prefix, the same SQL on both databases,
 * and no date parsing per row. Trends are counted per day in SQL, then added up into weeks or
 * months here (a year is at most 366 rows, whatever the number of answers).
 */
const dayOf = (column: string): RawBuilder<string> => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

/** The first day of the week (starting Monday, UTC) or month a day falls in. */
export const periodStart = (day: string, period: Period): string => {
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
};

/** Adds up counts per day into counts per period, oldest first. */
export const byPeriod = <K extends string>(
  days: ({ day: string } & Record<K, number>)[],
  keys: readonly K[],
  period: Period,
): ({ period: string } & Record<K, number>)[] => {
  const periods = new Map<string, Record<K, number>>();
  for (const row of days) {
    const start = periodStart(row.day, period);
    const sums = periods.get(start) ?? (Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>);
    for (const key of keys) sums[key] += Number(row[key]);
    periods.set(start, sums);
  }
  return [...periods].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, sums]) => ({ period: start, ...sums }));
};

/** NPS of a set of answers, and the 95 % margin of error of that score. */
export const npsScore = (promoters: number, detractors: number, responses: number) => {
  if (!responses) return { score: null, margin: null };
  const p = promoters / responses;
  const d = detractors / responses;
  const variance = p + d - (p - d) ** 2;
  return {
    score: Math.round((p - d) * 1000) / 10,
    margin: Math.round(1.96 * Math.sqrt(variance / responses) * 1000) / 10,
  };
};

export const npsSummary = async (db: Db, survey: string, range: Range, period: Period): Promise<NpsSummary> => {
  let base = db.selectFrom('nps_responses').where('survey', '=', survey);
  if (range.from) base = base.where('at', '>=', range.from);
  if (range.to) base = base.where('at', '<', range.to);
  // One pass: answers per day and score (at most 11 rows a day), from the covering index.
  const [rows, definitions] = await Promise.all([
    base
      .select((eb) => [dayOf('at').as('day'), 'score', eb.fn.countAll<number>().as('n')])
      .groupBy([dayOf('at'), 'score'])
      .execute(),
    defined<NpsDefinition>(db, survey, 'nps.response'),
  ]);
  const distribution = Array.from({ length: 11 }, () => 0);
  for (const row of rows) distribution[row.score] = (distribution[row.score] ?? 0) + Number(row.n);
  const promoters = distribution.slice(9).reduce((sum, n) => sum + n, 0);
  const detractors = distribution.slice(0, 7).reduce((sum, n) => sum + n, 0);
  const responses = distribution.reduce((sum, n) => sum + n, 0);
  const days = rows.map((row) => {
    const n = Number(row.n);
    return { day: row.day, responses: n, promoters: row.score >= 9 ? n : 0, detractors: row.score <= 6 ? n : 0 };
  });
  const trend = byPeriod(days, ['responses', 'promoters', 'detractors'], period);
  return {
    survey,
    responses,
    promoters,
    passives: responses - promoters - detractors,
    detractors,
    ...npsScore(promoters, detractors, responses),
    distribution,
    trend: trend.map((row) => {
      const { score, margin } = npsScore(row.promoters, row.detractors, row.responses);
      return { period: row.period, responses: row.responses, score: score ?? 0, margin: margin ?? 0 };
    }),
    ...definitions,
  };
};

/** Votes per option among the votes cast in `range`: each vote's JSON array of options, unnested. */
const optionsInRange = async (db: Db, dialect: Dialect, poll: string, range: Range) => {
  const each =
    dialect === 'sqlite' ? sql`json_each(v.options) AS o` : sql`json_array_elements_text(v.options::json) AS o(value)`;
  const from = range.from ? sql` AND v.at >= ${range.from}` : sql``;
  const to = range.to ? sql` AND v.at < ${range.to}` : sql``;
  const { rows } = await sql<{ option: string; votes: number }>`
    SELECT o.value AS option, count(*) AS votes FROM poll_votes AS v, ${each}
    WHERE v.poll = ${poll}${from}${to}
    GROUP BY o.value ORDER BY votes DESC, option`.execute(db);
  return rows;
};

export const pollSummary = async (
  db: Db,
  poll: string,
  range: Range,
  period: Period,
  dialect: Dialect,
): Promise<PollSummary> => {
  let votes = db.selectFrom('poll_votes').where('poll_votes.poll', '=', poll);
  if (range.from) votes = votes.where('poll_votes.at', '>=', range.from);
  if (range.to) votes = votes.where('poll_votes.at', '<', range.to);
  let events = db.selectFrom('events').where('widget', '=', poll).where('type', '=', 'poll.vote');
  if (range.from) events = events.where('at', '>=', range.from);
  if (range.to) events = events.where('at', '<', range.to);
  const [voters, options, trend, other, state, definitions] = await Promise.all([
    votes
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('poll_votes.other').as('other')])
      .executeTakeFirstOrThrow(),
    range.from || range.to ? optionsInRange(db, dialect, poll, range) : optionTallies(db, poll),
    events
      .select((eb) => [dayOf('at').as('day'), eb.fn.countAll<number>().as('votes')])
      .groupBy(dayOf('at'))
      .execute(),
    votes
      .select(['poll_votes.other', 'poll_votes.at'])
      .where('poll_votes.other', 'is not', null)
      .orderBy('poll_votes.at', 'desc')
      .limit(100)
      .execute(),
    db.selectFrom('polls').select('closed_at').where('id', '=', poll).executeTakeFirst(),
    defined<PollDefinition>(db, poll, 'poll.vote'),
  ]);
  const total = Number(voters.n);
  const labels = optionLabels(definitions.versions);
  // Every option people were shown is listed, those nobody chose too, in the definition's order.
  const counted = new Set(options.map((row) => row.option));
  const unchosen = (definitions.definition?.options ?? []).filter((option) => !counted.has(option.id));
  return {
    poll,
    voters: total,
    options: [
      ...options.map((row) => ({
        id: row.option,
        label: labels.get(row.option)?.label ?? null,
        image: labels.get(row.option)?.image ?? null,
        votes: Number(row.votes),
        percent: total ? Math.round((Number(row.votes) / total) * 1000) / 10 : 0,
      })),
      ...unchosen.map((option) => ({
        id: option.id,
        label: option.label,
        image: option.image ?? null,
        votes: 0,
        percent: 0,
      })),
    ],
    otherVotes: Number(voters.other),
    otherPercent: total ? Math.round((Number(voters.other) / total) * 1000) / 10 : 0,
    trend: byPeriod(trend, ['votes'], period),
    other: other.map((row) => ({ text: row.other ?? '', at: row.at })),
    closed: state?.closed_at != null,
    ...definitions,
  };
};

export const betaSummary = async (db: Db, program: string, range: Range, period: Period): Promise<BetaSummary> => {
  let base = db.selectFrom('beta_signups').where('program', '=', program);
  if (range.from) base = base.where('created_at', '>=', range.from);
  if (range.to) base = base.where('created_at', '<', range.to);
  const [totals, trend, referrers, definitions] = await Promise.all([
    base
      .select((eb) => [
        eb.fn.countAll<number>().as('signups'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'invited').then(1).else(0).end()).as('invited'),
      ])
      .executeTakeFirstOrThrow(),
    base
      .select((eb) => [dayOf('created_at').as('day'), eb.fn.countAll<number>().as('signups')])
      .groupBy(dayOf('created_at'))
      .execute(),
    base
      .select((eb) => ['referred_by', eb.fn.countAll<number>().as('referrals')])
      .where('referred_by', 'is not', null)
      .groupBy('referred_by')
      .orderBy('referrals', 'desc')
      .orderBy('referred_by')
      .limit(10)
      .execute(),
    defined<BetaDefinition>(db, program, 'beta.signup'),
  ]);
  return {
    program,
    signups: Number(totals.signups),
    invited: Number(totals.invited ?? 0),
    trend: byPeriod(trend, ['signups'], period),
    referrers: referrers.map((row) => ({ code: row.referred_by ?? '', referrals: Number(row.referrals) })),
    ...definitions,
  };
};

export const boardSummary = async (db: Db, board: string, range: Range): Promise<BoardSummary> => {
  const weekAgo = new Date(Date.now() - TRENDING_DAYS * 86_400_000).toISOString();
  const live = db.selectFrom('ideas').where('board', '=', board).where('merged_into', 'is', null);
  const [ideas, statuses] = await Promise.all([
    live
      .select((eb) => [
        'id',
        'title',
        'status',
        'status_note',
        'created_at',
        voteCount(eb, range.from, range.to).as('votes'),
        voteCount(eb, weekAgo).as('recent'),
      ])
      .orderBy('votes', 'desc')
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
    live
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute(),
  ]);
  return {
    board,
    statuses: Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)])),
    ideas: ideas.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      statusNote: row.status_note,
      votes: Number(row.votes),
      recent: Number(row.recent),
      createdAt: row.created_at,
    })),
  };
};

const SCORES: Record<NpsCategory, [number, number]> = { promoter: [9, 10], passive: [7, 8], detractor: [0, 6] };

/** `%`, `_` and `\` match themselves in a LIKE pattern built from what a person typed. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

export interface CommentQuery extends Range, Page {
  category?: NpsCategory | undefined;
  /** Words the comment contains, case-insensitively. */
  q?: string | undefined;
}

/** A page of an NPS survey's comments, newest first, by category and containing some text. */
export const npsComments = async (
  db: Db,
  dialect: Dialect,
  survey: string,
  query: CommentQuery,
): Promise<NpsComments> => {
  let base = db.selectFrom('nps_responses').where('survey', '=', survey).where('comment', 'is not', null);
  if (query.from) base = base.where('at', '>=', query.from);
  if (query.to) base = base.where('at', '<', query.to);
  if (query.category) {
    const [low, high] = SCORES[query.category];
    base = base.where('score', '>=', low).where('score', '<=', high);
  }
  const q = query.q?.trim();
  if (q) {
    // ILIKE on PostgreSQL; SQLite's LIKE ignores case already.
    const like = dialect === 'postgres' ? sql.raw('ILIKE') : sql.raw('LIKE');
    base = base.where(sql<boolean>`comment ${like} ${likePattern(q)} ESCAPE '\\'`);
  }
  const rows = await base
    .select(['score', 'comment', 'at'])
    .orderBy('at', 'desc')
    .orderBy('event_id', 'desc')
    .limit(query.limit + 1)
    .offset(query.offset)
    .execute();
  const { rows: comments, next } = paged(rows, query);
  return {
    survey,
    comments: comments.map((row) => ({
      score: row.score,
      category: npsCategory(row.score),
      comment: row.comment ?? '',
      at: row.at,
    })),
    next,
  };
};

/**
 * A page of a beta programme's queue as its members see it: by time of sign-up, each person
 * who signed up through someone's link moving them one place up.
 */
export const betaQueue = async (db: Db, program: string, page: Page): Promise<BetaQueue> => {
  // Each address once, at the place its member is told (the codes of repeated sign-ups of an
  // address hold places of their own in between).
  const { rows } = await sql<{
    email: string;
    code: string;
    status: string;
    created_at: string;
    referrals: number;
    position: number;
  }>`
    SELECT s.email, s.code, s.status, s.created_at, q.referrals, q.position
    FROM (${rankedCodes(db, program)}) q
    JOIN beta_signups s ON s.program = ${program} AND s.code = q.code
    ORDER BY q.position
    LIMIT ${page.limit + 1} OFFSET ${page.offset}`.execute(db);
  const { rows: signups, next } = paged(rows, page);
  return {
    program,
    signups: signups.map((row) => ({
      position: Number(row.position),
      email: row.email,
      code: row.code,
      referrals: Number(row.referrals),
      status: row.status === 'invited' ? 'invited' : 'waiting',
      createdAt: row.created_at,
    })),
    next,
  };
};
