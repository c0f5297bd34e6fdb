/** A poll's results as rows to show and to announce: each answer's votes, share, and whether it was this person's. */
import type { PollResults } from '@heard/sdk';
import type { PollOption } from './poll.config.js';

export interface ResultRow {
  /** The option's id; empty for the "other" answers. */
  id: string;
  label: string;
  votes: number;
  /** Share of everyone who voted, rounded to a whole percent. */
  percent: number;
  mine: boolean;
}

/** One row per answer in the poll's order; given `other` (its label), a last row for the free-text answers. */
export const resultRows = (options: readonly PollOption[], results: PollResults, other?: string): ResultRow[] => {
  const votes = new Map(results.options.map((option) => [option.id, option.votes]));
  const mine = new Set(results.mine?.options ?? []);
  const row = (id: string, label: string, count: number, isMine: boolean): ResultRow => ({
    id,
    label,
    votes: count,
    percent: results.total ? Math.round((count / results.total) * 100) : 0,
    mine: isMine,
  });
  const rows = options.map((option) => row(option.id, option.label, votes.get(option.id) ?? 0, mine.has(option.id)));
  if (other !== undefined) rows.push(row('', other, results.other, !!results.mine?.other));
  return rows;
};
