/**
 * Poll votes: one per person per poll, last-writer-wins by client time (then by event id), the
 * poll's tallies and counters moved by what a vote changed. SQLite runs a statement at a time;
 * on PostgreSQL a group's votes take two round trips however many there are.
 */
import { ERROR_CODES } from '@heard/protocol';
import { Raced, Rejection, eventRow, split, type Group, type Item, type Of, type Write } from './group.js';
import { statement, type Param, type Row } from './statements.js';
import type { VerifyUser } from './subject.js';

const S = {
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
  // The first locks the current vote of each person who voted, then stores the events (the
  // insert reads the locks' count, so it waits for them); the second, run once the locks are
  // held, so that it sees what any earlier holder committed, replaces each person's vote by the
  // newest of the group's. Every row is taken in key order (voters, event ids, new votes), so two
  // groups that share rows wait for each other instead of deadlocking. SQLite runs the single
  // statements: it has no round trips to save.
  votesEventsPostgres: statement(
    'votes_events',
    '',
    `WITH locked AS (
       SELECT v.poll, v.subject, v.event_id, v.at, v.other, v.options FROM poll_votes v
       JOIN unnest(?::text[], ?::text[]) AS k(poll, subject) ON v.poll = k.poll AND v.subject = k.subject
       ORDER BY v.poll, v.subject FOR UPDATE OF v
     ), stored AS (
       INSERT INTO events (id, type, widget, at, received_at, anonymous_id, user_id, traits, locale, page, sdk, data)
       SELECT e.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
         ?::text[], ?::text[], ?::text[], ?::text[]) AS e, (SELECT count(*) FROM locked) AS held
       ON CONFLICT (id) DO NOTHING RETURNING id
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
};

export const pollVote = async (
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
export const pollVotesPostgres = async (group: Group, votes: { item: Item<Of<'poll.vote'>>; verify: VerifyUser }[]) => {
  await group.polls(votes.map(({ item }) => item.envelope.widget));
  const open: typeof votes = [];
  for (const vote of votes) if ((await group.poll(vote.item.envelope.widget))?.closed_at == null) open.push(vote);
  if (!open.length) return;
  open.sort((a, b) => (a.item.envelope.id < b.item.envelope.id ? -1 : 1));
  const rows = open.map(({ item, verify }) => eventRow(item, verify));
  const columns = (rows[0] as Param[]).map((_, column) => rows.map((row) => row[column] as string | null));
  const voters = [...new Set(open.map(({ item }) => `${item.envelope.widget}\u0000${item.subject}`))].sort();
  const [result] = await group.run.all(S.votesEventsPostgres, [
    voters.map((key) => split(key)[0]),
    voters.map((key) => split(key)[1]),
    ...columns,
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
  // A poll's row comes with its first vote, dated by the earliest of the group's.
  const firsts = new Map<string, string>();
  for (const { envelope, at } of newest.values()) {
    const first = firsts.get(envelope.widget);
    if (first === undefined || at < first) firsts.set(envelope.widget, at);
  }
  for (const [poll, at] of firsts) if (!(await group.poll(poll))) await group.createPoll(poll, at);
  const chosen = new Map([...newest].map(([key, item]) => [key, [...new Set(item.envelope.data.options)].sort()]));
  const replacing = [...newest].sort(([a], [b]) => (a < b ? -1 : 1));
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
