/**
 * Collector load benchmark, on SQLite and PostgreSQL, each beside a bare Node HTTP server
 * answering 204 measured in the same run on loopback. Each server runs in its own process;
 * autocannon drives them from this one.
 *
 * - Writes: `POST /v1/events`, every request a new vote from a new person (a real insert, never
 *   a duplicate), at 10 and 50 connections: requests per second, p50/p99 latency, and the
 *   server's CPU time per event (process CPU time ÷ events answered, the steadier figure on a
 *   shared machine), each beside the bare server's per request.
 * - Reads: a poll's results, as every page that shows the poll asks for them, on a poll of
 *   1,000 votes and on one of 1,000,000 (seeded in SQL as the write path leaves them, then
 *   checked by a read), with the asker's own vote looked up as widgets ask.
 *
 *   pnpm bench:collector [--seconds 5] [--kinds sqlite,postgres] [--votes 1000000]
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openStorage } from '../packages/server/dist/db/connect.js';
import { startCluster } from '../packages/server/scripts/postgres-cluster.mjs';

const { sql } = createRequire(new URL('../packages/server/package.json', import.meta.url))('kysely');

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    kinds: { type: 'string', default: 'sqlite,postgres' },
    votes: { type: 'string', default: '1000000' },
  },
});
const SECONDS = Number(values.seconds);
const KINDS = values.kinds.split(',');
const LARGE = Number(values.votes);
const SMALL = Math.min(1_000, LARGE);
const CONCURRENCY = [10, 50];
const serverBin = new URL('../packages/server/bin/heard-server.js', import.meta.url).pathname;
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

const BARE = `
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.statusCode = 204; res.end(); });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

const startProcess = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found) resolve({ child, url: found[1] });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });

/** User and system CPU time a process has used so far, in µs (from /proc). */
const cpuMicros = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the whole line; 12 and 13 after "pid (comm) ".
  return ((Number(fields[11]) + Number(fields[12])) / TICKS) * 1e6;
};

const vote = () =>
  JSON.stringify({
    v: 1,
    id: randomUUID(),
    type: 'poll.vote',
    widget: 'bench-writes',
    at: new Date().toISOString(),
    subject: { anonymousId: randomUUID().replaceAll('-', '') },
    context: { locale: 'en', page: '/bench', sdk: 'heard/0.1.0' },
    data: { options: [`option-${Math.floor(Math.random() * 5)}`] },
  });

/** One measured run against `server`: autocannon's figures and the server's CPU per answer. */
const measure = async (server, options) => {
  const before = cpuMicros(server.child.pid);
  const result = await autocannon({ duration: SECONDS, ...options });
  const answered = result['2xx'] + result.non2xx;
  return {
    result,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerRequest: (cpuMicros(server.child.pid) - before) / Math.max(answered, 1),
    errors: result.errors + result.non2xx,
  };
};

const writes = (server, connections) =>
  measure(server, {
    url: `${server.url}/v1/events`,
    connections,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: vote() }) }],
  });
const bareRun = (server, connections) =>
  measure(server, {
    url: server.url,
    connections,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: vote(),
  });

/**
 * Seeds a poll with `count` votes from as many people, in SQL, as the write path leaves them:
 * each vote with its option, the option tallies and the poll's own counters.
 */
const seedPoll = async (storage, poll, count) => {
  const { db, dialect } = storage;
  const numbers =
    dialect === 'postgres'
      ? sql`select generate_series(1, ${count}) as i`
      : sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count}) select i from n`;
  const at = '2026-11-01T00:00:00.000Z';
  const option = sql.raw(dialect === 'postgres' ? `'option-' || (i % 5)::text` : `'option-' || (i % 5)`);
  const other = sql.raw(`case when i % 20 = 0 then 'something else' else null end`);
  await db.transaction().execute(async (trx) => {
    await sql`insert into polls (id, first_vote_at, closed_at) values (${poll}, ${at}, null)`.execute(trx);
    await sql`insert into poll_votes (poll, subject, event_id, at, other, options)
      select ${poll}, 'a:seed-' || i, 'seed-' || i, ${at}, ${other}, '["' || ${option} || '"]' from (${numbers}) as n`.execute(
      trx,
    );
    await sql`insert into poll_option_counts (poll, option, votes)
      select ${poll}, ${option}, count(*) from (${numbers}) as n group by ${option}`.execute(trx);
    await seedCounters(trx, poll);
  });
};

/** The poll's maintained counters, where the schema keeps them. */
const seedCounters = async (trx, poll) => {
  const columns = await sql`select * from polls where id = ${poll}`.execute(trx);
  if (!('voters' in (columns.rows[0] ?? {}))) return;
  await sql`update polls set
      voters = (select count(*) from poll_votes where poll = ${poll}),
      other_voters = (select count(*) from poll_votes where poll = ${poll} and other is not null)
    where id = ${poll}`.execute(trx);
};

const rows = [];
const add = (kind, name, figures, baseline) =>
  rows.push({
    storage: kind,
    case: name,
    'req/s': Math.round(figures.perSecond),
    '÷ bare': baseline ? Number((figures.perSecond / baseline.perSecond).toFixed(2)) : 1,
    'p50 ms': figures.p50,
    'p99 ms': figures.p99,
    'CPU µs/req': Math.round(figures.cpuPerRequest),
    'CPU ÷ bare': baseline ? Number((figures.cpuPerRequest / baseline.cpuPerRequest).toFixed(2)) : 1,
    errors: figures.errors,
  });

const benchKind = async (kind) => {
  let storageUrl;
  let cluster;
  if (kind === 'postgres') {
    cluster = await startCluster();
    storageUrl = cluster.url;
  } else {
    storageUrl = join(mkdtempSync(join(tmpdir(), 'heard-bench-')), 'heard.db');
  }
  // Seeding a million rows takes longer than a request may.
  const seeded = await openStorage(storageUrl, { statementTimeoutMs: 600_000 });
  try {
    await seedPoll(seeded, 'bench-small', SMALL);
    await seedPoll(seeded, 'bench-large', LARGE);
  } finally {
    await seeded.close();
  }
  const bare = await startProcess(['-e', BARE]);
  const heard = await startProcess([
    serverBin,
    '--port',
    '0',
    '--storage',
    storageUrl,
    '--writes-per-minute',
    '0',
    '--reads-per-minute',
    '0',
  ]);
  try {
    for (const [poll, count] of [
      ['bench-small', SMALL],
      ['bench-large', LARGE],
    ]) {
      const results = await (await fetch(`${heard.url}/v1/polls/${poll}/results`)).json();
      if (results.total !== count)
        throw new Error(`${poll}: seeded ${count} votes, the collector reads ${results.total}`);
    }
    // A short warm-up of each, then the measured runs, baseline first at each concurrency.
    await autocannon({ url: bare.url, duration: 1, connections: 10 });
    await autocannon({ url: `${heard.url}/v1/polls/bench-small/results`, duration: 1, connections: 10 });
    for (const connections of CONCURRENCY) {
      await writes(heard, connections);
      const baseline = await bareRun(bare, connections);
      add(kind, `bare Node 204, c=${connections}`, baseline);
      add(kind, `POST /v1/events, c=${connections}`, await writes(heard, connections), baseline);
    }
    const baseline = await bareRun(bare, 10);
    add(kind, 'bare Node 204, c=10', baseline);
    const reads = {};
    for (const [poll, count] of [
      ['bench-small', SMALL],
      ['bench-large', LARGE],
    ]) {
      reads[count] = await measure(heard, {
        url: `${heard.url}/v1/polls/${poll}/results?subject=${'b'.repeat(32)}`,
        connections: 10,
      });
      add(kind, `GET results, ${count.toLocaleString('en')} votes, c=10`, reads[count], baseline);
    }
    return { kind, readRatio: reads[SMALL].perSecond / reads[LARGE].perSecond };
  } finally {
    bare.child.kill();
    heard.child.kill('SIGTERM');
    await new Promise((resolve) => heard.child.once('exit', resolve));
    await cluster?.stop();
  }
};

const ratios = [];
for (const kind of KINDS) ratios.push(await benchKind(kind));
console.table(rows);
for (const { kind, readRatio } of ratios) {
  console.log(
    `${kind}: a poll-results read at ${LARGE.toLocaleString('en')} votes takes ${readRatio.toFixed(2)}× the time of one at ${SMALL.toLocaleString('en')} (${SECONDS} s per run)`,
  );
}
