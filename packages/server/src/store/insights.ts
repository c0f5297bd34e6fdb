/**
 * What the team reads: NPS with its margin of error and trend, poll results over time, the
 * idea leaderboard, beta sign-ups and referrers. Every figure is aggregated by the database
 * (GROUP BY over indexed columns); Node only shapes the rows. Periods are UTC weeks (starting
 * Monday) or months, named by their first day.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { TRENDING_DAYS, voteCount } from './read.js';

type Db = Kysely<Database>;

export type Period = 'week' | 'month';

export interface Range {
  /** Inclusive lower bound, UTC ISO time. */
  from?: string | undefined;
  /** Exclusive upper bound, UTC ISO time. */
  to?: string | undefined;
}

/** The first day (`YYYY-MM-DD`) of the week or month an ISO time falls in, in SQL. */
export const periodOf = (dialect: Dialect, column: string, period: Period): RawBuilder<string> => {
  const ref = sql.ref(column);
  if (dialect === 'sqlite') {
    return period === 'month'
      ? sql<string>`substr(${ref}, 1, 7) || '-01'`
      : // The Monday on or before the day: SQLite's weekday 0 is Sunday.
        sql<string>`date(${ref}, '-6 days', 'weekday 1')`;
  }
  // A literal, not a parameter: GROUP BY must repeat the select's expression word for word.
  return sql<string>`to_char(date_trunc(${sql.lit(period)}, (${ref})::timestamptz at time zone 'UTC'), 'YYYY-MM-DD')`;
};

export interface NpsSummary {
  survey: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Promoters % − detractors %, −100 to 100; null without responses. */
  score: number | null;
  /** Half-width of the 95 % confidence interval of the score, in points. */
  margin: number | null;
  /** Answers per score, 0 to 10. */
  distribution: number[];
  trend: { period: string; responses: number; score: number }[];
}

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

export const npsSummary = async (
  db: Db,
  dialect: Dialect,
  survey: string,
  range: Range,
  period: Period,
): Promise<NpsSummary> => {
  let base = db.selectFrom('nps_responses').where('survey', '=', survey);
  if (range.from) base = base.where('at', '>=', range.from);
  if (range.to) base = base.where('at', '<', range.to);
  const [scores, trend] = await Promise.all([
    base
      .select((eb) => ['score', eb.fn.countAll<number>().as('n')])
      .groupBy('score')
      .execute(),
    base
      .select((eb) => [
        periodOf(dialect, 'at', period).as('period'),
        eb.fn.countAll<number>().as('responses'),
        eb.fn.sum<number>(eb.case().when('score', '>=', 9).then(1).else(0).end()).as('promoters'),
        eb.fn.sum<number>(eb.case().when('score', '<=', 6).then(1).else(0).end()).as('detractors'),
      ])
      .groupBy(periodOf(dialect, 'at', period))
      .orderBy(periodOf(dialect, 'at', period))
      .execute(),
  ]);
  const distribution = Array.from({ length: 11 }, () => 0);
  for (const row of scores) distribution[row.score] = Number(row.n);
  const promoters = distribution.slice(9).reduce((sum, n) => sum + n, 0);
  const detractors = distribution.slice(0, 7).reduce((sum, n) => sum + n, 0);
  const responses = distribution.reduce((sum, n) => sum + n, 0);
  return {
    survey,
    responses,
    promoters,
    passives: responses - promoters - detractors,
    detractors,
    ...npsScore(promoters, detractors, responses),
    distribution,
    trend: trend.map((row) => ({
      period: row.period,
      responses: Number(row.responses),
      score: npsScore(Number(row.promoters), Number(row.detractors), Number(row.responses)).score ?? 0,
    })),
  };
};

export interface PollSummary {
  poll: string;
  voters: number;
  options: { id: string; votes: number; percent: number }[];
  /** Votes cast (including changed votes) per period. */
  trend: { period: string; votes: number }[];
  other: { text: string; at: string }[];
  closed: boolean;
}

export const pollSummary = async (
  db: Db,
  dialect: Dialect,
  poll: string,
  range: Range,
  period: Period,
): Promise<PollSummary> => {
  let votes = db.selectFrom('poll_votes').where('poll_votes.poll', '=', poll);
  if (range.from) votes = votes.where('poll_votes.at', '>=', range.from);
  if (range.to) votes = votes.where('poll_votes.at', '<', range.to);
  let events = db.selectFrom('events').where('widget', '=', poll).where('type', '=', 'poll.vote');
  if (range.from) events = events.where('at', '>=', range.from);
  if (range.to) events = events.where('at', '<', range.to);
  const [voters, options, trend, other, state] = await Promise.all([
    votes.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    votes
      .innerJoin('poll_vote_options as o', (join) =>
        join.onRef('o.poll', '=', 'poll_votes.poll').onRef('o.subject', '=', 'poll_votes.subject'),
      )
      .select((eb) => ['o.option', eb.fn.countAll<number>().as('votes')])
      .groupBy('o.option')
      .orderBy('votes', 'desc')
      .orderBy('o.option')
      .execute(),
    events
      .select((eb) => [periodOf(dialect, 'at', period).as('period'), eb.fn.countAll<number>().as('votes')])
      .groupBy(periodOf(dialect, 'at', period))
      .orderBy(periodOf(dialect, 'at', period))
      .execute(),
    votes
      .select(['poll_votes.other', 'poll_votes.at'])
      .where('poll_votes.other', 'is not', null)
      .orderBy('poll_votes.at', 'desc')
      .limit(100)
      .execute(),
    db.selectFrom('polls').select('closed_at').where('id', '=', poll).executeTakeFirst(),
  ]);
  const total = Number(voters.n);
  return {
    poll,
    voters: total,
    options: options.map((row) => ({
      id: row.option,
      votes: Number(row.votes),
      percent: total ? Math.round((Number(row.votes) / total) * 1000) / 10 : 0,
    })),
    trend: trend.map((row) => ({ period: row.period, votes: Number(row.votes) })),
    other: other.map((row) => ({ text: row.other ?? '', at: row.at })),
    closed: state?.closed_at != null,
  };
};

export interface BetaSummary {
  program: string;
  signups: number;
  invited: number;
  trend: { period: string; signups: number }[];
  referrers: { code: string; referrals: number }[];
}

export const betaSummary = async (
  db: Db,
  dialect: Dialect,
  program: string,
  range: Range,
  period: Period,
): Promise<BetaSummary> => {
  let base = db.selectFrom('beta_signups').where('program', '=', program);
  if (range.from) base = base.where('created_at', '>=', range.from);
  if (range.to) base = base.where('created_at', '<', range.to);
  const [totals, trend, referrers] = await Promise.all([
    base
      .select((eb) => [
        eb.fn.countAll<number>().as('signups'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'invited').then(1).else(0).end()).as('invited'),
      ])
      .executeTakeFirstOrThrow(),
    base
      .select((eb) => [periodOf(dialect, 'created_at', period).as('period'), eb.fn.countAll<number>().as('signups')])
      .groupBy(periodOf(dialect, 'created_at', period))
      .orderBy(periodOf(dialect, 'created_at', period))
      .execute(),
    base
      .select((eb) => ['referred_by', eb.fn.countAll<number>().as('referrals')])
      .where('referred_by', 'is not', null)
      .groupBy('referred_by')
      .orderBy('referrals', 'desc')
      .orderBy('referred_by')
      .limit(10)
      .execute(),
  ]);
  return {
    program,
    signups: Number(totals.signups),
    invited: Number(totals.invited ?? 0),
    trend: trend.map((row) => ({ period: row.period, signups: Number(row.signups) })),
    referrers: referrers.map((row) => ({ code: row.referred_by ?? '', referrals: Number(row.referrals) })),
  };
};

export interface BoardSummary {
  board: string;
  /** Ideas by status (merged ideas left out). */
  statuses: Record<string, number>;
  /** The 100 ideas with the most votes in the range; `recent` counts the last 7 days. */
  ideas: {
    id: string;
    title: string;
    status: string;
    statusNote: string | null;
    votes: number;
    recent: number;
    createdAt: string;
  }[];
}

export const boardSummary = async (db: Db, _dialect: Dialect, board: string, range: Range): Promise<BoardSummary> => {
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
