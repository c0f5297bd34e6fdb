/**
 * The dashboard's queries at a million stored events, on SQLite and PostgreSQL: seeds each
 * database with 1,000,000 accepted events (NPS answers with comments, poll votes, ideas and
 * their votes, beta sign-ups with referrals; a year of them, skewed as real boards are), then
 * times each view's queries as the admin API runs them. The baseline, timed in the same run on
 * the same database, is one pass over every stored event (`SELECT sum(length(data)) FROM events`).
 *
 *   pnpm bench:dashboard [--events 1000000] [--runs 5] [--kinds sqlite,postgres]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { openStorage } from '../packages/server/dist/db/connect.js';
import { widgets } from '../packages/server/dist/store/admin.js';
import {
  betaQueue,
  betaSummary,
  boardSummary,
  npsComments,
  npsSummary,
  pollSummary,
} from '../packages/server/dist/store/insights.js';
import { startCluster } from '../packages/server/scripts/postgres-cluster.mjs';

// The collector's own database drivers.
const serverRequire = createRequire(new URL('../packages/server/package.json', import.meta.url));
const pg = serverRequire('pg');
const { sql } = serverRequire('kysely');

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    kinds: { type: 'string', default: 'sqlite,postgres' },
  },
});
const TOTAL = Number(values.events);
const RUNS = Number(values.runs);
const KINDS = values.kinds.split(',');

/** A seeded generator, so both databases hold the same data. */
const random = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const END = Date.parse('2026-11-01T00:00:00Z');
const YEAR = 365 * 86_400_000;
const COMMENTS = [
  'Too slow to load on my phone',
  'Love the new reports',
  'Pricing is confusing',
  'Support answered within minutes',
  'Export to Excel please',
  'The dashboard is clear and quick',
  'Search never finds what I need',
  'Great onboarding',
];

/** The shares of the million, by what happened. */
const plan = (total) => {
  const ideas = Math.round(total * 0.002);
  const ideaVotes = Math.round(total * 0.25);
  const signups = Math.round(total * 0.048);
  const pollVotes = Math.round(total * 0.3);
  return { ideas, ideaVotes, signups, pollVotes, nps: total - ideas - ideaVotes - signups - pollVotes };
};

const seed = async ({ db }) => {
  const next = random(42);
  const counts = plan(TOTAL);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const at = () => new Date(END - Math.floor(next() ** 0.7 * YEAR)).toISOString();
  let events = [];
  let rows = {};
  const add = (table, row) => (rows[table] ??= []).push(row);
  /** Votes per poll and option, as the write path keeps them. */
  const tallies = new Map();
  const event = (type, widget, time, subject, data) => {
    const id = randomUUID();
    events.push({
      id,
      type,
      widget,
      at: time,
      received_at: time,
      anonymous_id: subject,
      user_id: null,
      traits: null,
      locale: 'en-GB',
      page: '/app',
      sdk: 'heard/0.1.0',
      data: JSON.stringify(data),
    });
    return id;
  };
  const flush = async (force = false) => {
    if (events.length < 2_000 && !force) return;
    const batch = { events, ...rows };
    events = [];
    rows = {};
    await db.transaction().execute(async (trx) => {
      for (const [table, list] of Object.entries(batch)) {
        for (let i = 0; i < list.length; i += 2_000)
          await trx
            .insertInto(table)
            .values(list.slice(i, i + 2_000))
            .execute();
      }
    });
  };

  // Ideas on two boards, then votes skewed to the first ideas (a few ideas get most votes).
  const boards = [
    ['roadmap', 0.8],
    ['integrations', 0.2],
  ];
  const ideaIds = { roadmap: [], integrations: [] };
  for (let i = 0; i < counts.ideas; i++) {
    const board = i % 5 === 0 ? 'integrations' : 'roadmap';
    const time = at();
    const id = event('idea.create', board, time, `author-${i}`, { title: `Idea ${i}` });
    ideaIds[board].push(id);
    add('ideas', {
      board,
      id,
      title: `${pick(COMMENTS)} (${i})`,
      description: null,
      status: pick(['open', 'open', 'open', 'planned', 'in_progress', 'shipped', 'declined']),
      status_note: null,
      status_changed_at: null,
      created_at: time,
      author: `a:author-${i}`,
    });
    await flush();
  }
  const voted = new Set();
  for (let i = 0; i < counts.ideaVotes; i++) {
    const [board] = next() < boards[0][1] ? boards[0] : boards[1];
    const ids = ideaIds[board];
    const idea = ids[Math.floor(next() ** 3 * ids.length)];
    const subject = `voter-${Math.floor(next() * counts.ideaVotes)}`;
    const time = at();
    event('idea.vote', board, time, subject, { idea });
    const key = `${board}/${idea}/${subject}`;
    if (!voted.has(key)) {
      voted.add(key);
      add('idea_votes', { board, idea, subject: `a:${subject}`, voted: 1, at: time });
    }
    await flush();
  }
  voted.clear();

  // Beta sign-ups, a fifth of them through someone's link; the queue is by time of arrival.
  const codes = { 'beta-ai': [], 'beta-mobile': [] };
  for (let i = 0; i < counts.signups; i++) {
    const program = i % 6 === 0 ? 'beta-mobile' : 'beta-ai';
    const time = new Date(END - YEAR + Math.floor((i / counts.signups) * YEAR)).toISOString();
    const code = `code-${i}`;
    const referredBy = codes[program].length && next() < 0.2 ? pick(codes[program]) : null;
    codes[program].push(code);
    const email = `person${i}@example.com`;
    event('beta.signup', program, time, `signup-${i}`, { email, code });
    add('beta_signups', {
      program,
      email_key: email,
      email,
      code,
      fields: null,
      referred_by: referredBy,
      subject: `a:signup-${i}`,
      created_at: time,
      status: next() < 0.1 ? 'invited' : 'waiting',
    });
    add('beta_codes', { program, code, email_key: email });
    await flush();
  }

  // Polls: one big one and four small; options weighted, a few "other" answers.
  const polls = ['poll-pricing', 'poll-onboarding', 'poll-mobile', 'poll-theme', 'poll-export'];
  for (const poll of polls)
    add('polls', { id: poll, first_vote_at: new Date(END - YEAR).toISOString(), closed_at: null });
  for (let i = 0; i < counts.pollVotes; i++) {
    const poll = next() < 0.66 ? polls[0] : pick(polls.slice(1));
    const option = pick(['monthly', 'monthly', 'monthly', 'yearly', 'yearly', 'lifetime', 'free']);
    const other = next() < 0.05 ? pick(COMMENTS) : null;
    const subject = `poller-${i}`;
    const time = at();
    const id = event('poll.vote', poll, time, subject, { options: [option] });
    add('poll_votes', {
      poll,
      subject: `a:${subject}`,
      event_id: id,
      at: time,
      other,
      options: JSON.stringify([option]),
    });
    const key = `${poll}\u0000${option}`;
    tallies.set(key, (tallies.get(key) ?? 0) + 1);
    await flush();
  }

  // NPS: two surveys, a third of the answers with a comment.
  for (let i = 0; i < counts.nps; i++) {
    const survey = next() < 0.8 ? 'nps-main' : 'nps-checkout';
    const score = Math.min(10, Math.floor(next() ** 0.6 * 11));
    const comment = next() < 0.35 ? pick(COMMENTS) : null;
    const time = at();
    const subject = `answer-${i}`;
    const id = event('nps.response', survey, time, subject, comment ? { score, comment } : { score });
    add('nps_responses', { event_id: id, survey, subject: `a:${subject}`, score, comment, at: time });
    await flush();
  }
  await flush(true);
  await db
    .insertInto('poll_option_counts')
    .values(
      [...tallies].map(([key, votes]) => ({ poll: key.split('\u0000')[0], option: key.split('\u0000')[1], votes })),
    )
    .execute();
  await sql`ANALYZE`.execute(db);
};

const time = async (run) => {
  await run();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
};

const lastQuarter = { from: new Date(END - 90 * 86_400_000).toISOString(), to: new Date(END).toISOString() };
const VIEWS = [
  [
    'baseline: one pass over every event (sum of payload lengths)',
    ({ db }) => sql`SELECT sum(length(data)) FROM events`.execute(db),
  ],
  ['widget list (from the per-widget tallies)', ({ db }) => widgets(db)],
  ['NPS summary, all time, by week (nps-main)', ({ db }) => npsSummary(db, 'nps-main', {}, 'week')],
  ['NPS summary, last 90 days, by month', ({ db }) => npsSummary(db, 'nps-main', lastQuarter, 'month')],
  ['NPS comments, first page', ({ db, dialect }) => npsComments(db, dialect, 'nps-main', { offset: 0, limit: 50 })],
  [
    'NPS comments, detractors containing "slow"',
    ({ db, dialect }) =>
      npsComments(db, dialect, 'nps-main', { category: 'detractor', q: 'slow', offset: 0, limit: 50 }),
  ],
  [
    'poll summary, all time, by week (poll-pricing)',
    ({ db, dialect }) => pollSummary(db, 'poll-pricing', {}, 'week', dialect),
  ],
  [
    'poll summary, last 90 days (each vote’s options unnested)',
    ({ db, dialect }) => pollSummary(db, 'poll-pricing', lastQuarter, 'month', dialect),
  ],
  ['board summary (roadmap: top 100 ideas)', ({ db }) => boardSummary(db, 'roadmap', {})],
  ['board summary, last 90 days', ({ db }) => boardSummary(db, 'roadmap', lastQuarter)],
  ['beta summary, by month (beta-ai)', ({ db }) => betaSummary(db, 'beta-ai', {}, 'month')],
  ['beta queue, first page', ({ db }) => betaQueue(db, 'beta-ai', { offset: 0, limit: 50 })],
];

const results = {};
let cluster;
for (const kind of KINDS) {
  let url;
  if (kind === 'sqlite') url = join(mkdtempSync(join(tmpdir(), 'heard-bench-')), 'heard.db');
  else {
    cluster ??= await startCluster();
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query('CREATE DATABASE heard_bench');
    await client.end();
    url = cluster.url.replace(/\/postgres$/, '/heard_bench');
  }
  const storage = await openStorage(url);
  const started = performance.now();
  await seed(storage);
  const seeded = (performance.now() - started) / 1000;
  const { n } = (await sql`SELECT count(*) AS n FROM events`.execute(storage.db)).rows[0];
  console.error(`${kind}: ${Number(n).toLocaleString('en')} events seeded in ${seeded.toFixed(0)} s`);
  results[kind] = {};
  for (const [name, run] of VIEWS) results[kind][name] = await time(() => run(storage));
  await storage.close();
}
cluster?.stop();

const ms = (value) => (value === undefined ? '—' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const ratio = (kind, name) => {
  const base = results[kind]?.[VIEWS[0][0]];
  return base === undefined ? '—' : (results[kind][name] / base).toFixed(2);
};
console.log(`\n${TOTAL.toLocaleString('en')} events, median of ${RUNS} runs after one warm-up (ms; × the baseline)\n`);
console.log('| query | SQLite ms | × | PostgreSQL ms | × |');
console.log('|---|---|---|---|---|');
for (const [name] of VIEWS) {
  console.log(
    `| ${name} | ${ms(results.sqlite?.[name])} | ${ratio('sqlite', name)} | ${ms(results.postgres?.[name])} | ${ratio('postgres', name)} |`,
  );
}
