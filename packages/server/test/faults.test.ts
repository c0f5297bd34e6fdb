/**
 * The collector treats its database as weather. A `heard-server` process takes votes from
 * clients that retry until they are acknowledged (as the SDK does), while its PostgreSQL has
 * its backends terminated, is restarted, stopped and started, and frozen (every process
 * SIGSTOPped); or while another process holds its SQLite file locked. Throughout: the process
 * never exits, no request waits past its deadline, a refusal is a 503 `storage_unavailable`
 * with `Retry-After`, `/health/ready` follows the database; after: every acknowledged event is
 * stored exactly once and the tallies equal the event log. The cluster is this file's own.
 */
import type { Envelope } from '@heard/protocol';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../scripts/postgres-cluster.mjs';
import { anonymous, envelope, freshStorage, killSpawned, spawnCollector, type SpawnedCollector } from './helpers.js';

/** The collector's deadlines in this test: short, so that the faults fit in seconds. */
const REQUEST_TIMEOUT_MS = 2_000;
const STATEMENT_TIMEOUT_MS = 1_000;
/** What a request may take beyond its deadline: the event loop, the socket, a loaded machine. */
const SLACK_MS = 1_500;
const OPTIONS = ['a', 'b', 'c', 'd', 'e', 'f'];

afterEach(killSpawned);

/**
 * The test's timeline is time itself: load runs for set spans before, through and after each
 * fault, and a client waits between retries as the SDK does. Every outcome is then checked on
 * conditions (acknowledged ids, stored rows, readiness reached), not on elapsed time.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Collector = SpawnedCollector;

const startCollector = (storage: string): Promise<Collector> =>
  spawnCollector([
    ...['--storage', storage, '--reads-per-minute', '0', '--request-timeout-ms', String(REQUEST_TIMEOUT_MS)],
    ...['--db-statement-timeout-ms', String(STATEMENT_TIMEOUT_MS), '--db-connect-timeout-ms', '1000'],
  ]);

/** A request with a hard limit of its own: how long it took, and what came back (or the network error). */
const timed = async (url: string, init: RequestInit = {}) => {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS + SLACK_MS * 3) });
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body, headers: response.headers };
  } catch (error) {
    return { ms: performance.now() - started, status: 0, body: String(error), headers: new Headers() };
  }
};

interface Load {
  acknowledged: Envelope[];
  statuses: Map<number | string, number>;
  /** The longest any one request took, in ms. */
  slowest: number;
  /** 503s without `Retry-After` or without the `storage_unavailable` code. */
  unhelpful: string[];
  stop(): Promise<void>;
}

/**
 * Clients voting on a multiple-choice poll, each changing their vote again and again, each
 * retrying an event (same id) until the collector acknowledges it, as the SDK does.
 */
const load = (url: string, poll: string, clients: number): Load => {
  const state: Load = { acknowledged: [], statuses: new Map(), slowest: 0, unhelpful: [], stop: async () => {} };
  let stopping = false;
  /** After stop(), an event in flight is retried this much longer at most. */
  let giveUpAt = Infinity;
  const client = async () => {
    const anonymousId = anonymous();
    while (!stopping) {
      const options = OPTIONS.filter(() => Math.random() < 0.5);
      const vote = envelope('poll.vote', poll, { options: options.length ? options : ['a'] }, { anonymousId });
      for (;;) {
        const answer = await timed(`${url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(vote),
        });
        state.slowest = Math.max(state.slowest, answer.ms);
        const key = answer.status === 0 ? 'network' : answer.status;
        state.statuses.set(key, (state.statuses.get(key) ?? 0) + 1);
        if (answer.status === 200) {
          state.acknowledged.push(vote);
          break;
        }
        if (answer.status === 503) {
          const code = (JSON.parse(answer.body) as { code?: string }).code;
          if (code !== 'storage_unavailable' || !answer.headers.get('retry-after')) {
            state.unhelpful.push(answer.body);
          }
        }
        if (performance.now() > giveUpAt) return;
        // A client's pause before it tries again, as the SDK's backoff does.
        await sleep(100);
      }
      // A client's pace between votes.
      await sleep(20);
    }
  };
  const clientsDone = Promise.all(Array.from({ length: clients }, client));
  state.stop = async () => {
    stopping = true;
    giveUpAt = performance.now() + 15_000;
    await clientsDone;
  };
  return state;
};

/** Waits until the load has `more` votes acknowledged than it has now: the collector stores again. */
const progressed = async (votes: Load, more: number, withinMs = 15_000) => {
  const target = votes.acknowledged.length + more;
  const deadline = performance.now() + withinMs;
  while (votes.acknowledged.length < target) {
    if (performance.now() > deadline)
      throw new Error(`${votes.acknowledged.length} of ${target} votes acknowledged after ${withinMs} ms`);
    await sleep(20);
  }
};

/** Waits until `/health/ready` answers `status`, and says how long that took. */
const readiness = async (url: string, status: number, withinMs: number) => {
  const started = performance.now();
  for (;;) {
    const answer = await timed(`${url}/health/ready`);
    if (answer.status === status) return performance.now() - started;
    if (performance.now() - started > withinMs) {
      throw new Error(`/health/ready stayed ${answer.status} ${answer.body}, not ${status}, for ${withinMs} ms`);
    }
    await sleep(100);
  }
};

/** What the database holds for the poll, checked against the event log it keeps. */
const checkStored = async (
  query: (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>,
  poll: string,
  acknowledged: Envelope[],
) => {
  const ids = new Set(acknowledged.map((event) => event.id));
  const stored = await query('SELECT id, anonymous_id, at, data FROM events WHERE widget = $1', [poll]);
  const storedIds = stored.map((row) => String(row.id));
  // Exactly once: every acknowledged id is there, and no id twice.
  expect(new Set(storedIds).size).toBe(storedIds.length);
  expect(storedIds.filter((id) => ids.has(id)).length).toBe(ids.size);
  // Each person's vote is their newest event in the log (newest client time, then id).
  const newest = new Map<string, { at: string; id: string; options: string[] }>();
  for (const row of stored) {
    const subject = `a:${String(row.anonymous_id)}`;
    const candidate = {
      at: String(row.at),
      id: String(row.id),
      options: (JSON.parse(String(row.data)) as { options: string[] }).options,
    };
    const seen = newest.get(subject);
    if (!seen || seen.at < candidate.at || (seen.at === candidate.at && seen.id < candidate.id)) {
      newest.set(subject, candidate);
    }
  }
  const chosen = await query('SELECT subject, options FROM poll_votes WHERE poll = $1', [poll]);
  const bySubject = new Map<string, string[]>();
  for (const row of chosen) bySubject.set(String(row.subject), JSON.parse(String(row.options)) as string[]);
  for (const [subject, vote] of newest)
    expect((bySubject.get(subject) ?? []).sort(), subject).toEqual([...vote.options].sort());
  // The tallies a results read takes equal the votes they count.
  const tallies = await query('SELECT option, votes FROM poll_option_counts WHERE poll = $1 AND votes <> 0', [poll]);
  const counted: Record<string, number> = {};
  for (const vote of newest.values()) for (const option of vote.options) counted[option] = (counted[option] ?? 0) + 1;
  expect(Object.fromEntries(tallies.map((row) => [String(row.option), Number(row.votes)]))).toEqual(counted);
  return { events: stored.length, people: newest.size };
};

describe('the collector while PostgreSQL fails under it', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let admin: pg.Pool;
  beforeAll(async () => {
    cluster = await startCluster();
    admin = new pg.Pool({ connectionString: cluster.url, max: 2 });
    admin.on('error', () => undefined);
  });
  afterAll(async () => {
    await admin.end().catch(() => undefined);
    cluster.stop();
  });

  const databaseUrl = async () => {
    const name = `faults_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(cluster.url);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  };

  it('survives terminated backends, a restart, a stop and a freeze under load, and loses nothing', async () => {
    const { name, url: storage } = await databaseUrl();
    const collector = await startCollector(storage);
    const poll = 'weather-poll';
    const votes = load(collector.url, poll, 8);
    const seen: Record<string, unknown> = {};
    try {
      await progressed(votes, 20);

      // 1. Every backend of the collector's database is terminated (idle ones included).
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      await progressed(votes, 20);

      // 2. A restart, as an upgrade or a failover does.
      cluster.server.restart();
      await progressed(votes, 20);

      // 3. A stop: writes are refused with 503 and Retry-After, readiness says so, liveness does not.
      cluster.server.stop();
      seen.readyWhileStopped = await readiness(collector.url, 503, 5_000);
      const refused = await timed(`${collector.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope('poll.vote', poll, { options: ['a'] })),
      });
      expect([refused.status, JSON.parse(refused.body)]).toMatchObject([503, { code: 'storage_unavailable' }]);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await timed(`${collector.url}/health/live`)).status).toBe(200);
      // Time under test: the load keeps trying through an outage of a second and a half.
      await sleep(1_500);
      cluster.server.start();
      seen.readyAfterStart = await readiness(collector.url, 200, 10_000);
      await progressed(votes, 20);

      // 4. A freeze: every process of the server stops answering, connections stay open.
      cluster.server.freeze();
      try {
        const frozen = await timed(`${collector.url}/v1/polls/${poll}/results`);
        expect(frozen.status).toBe(503);
        expect(frozen.ms).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
        seen.readyWhileFrozen = await readiness(collector.url, 503, 5_000);
        expect((await timed(`${collector.url}/health/live`)).status).toBe(200);
        // Time under test: the load keeps trying through a freeze of a second.
        await sleep(1_000);
      } finally {
        cluster.server.thaw();
      }
      seen.readyAfterThaw = await readiness(collector.url, 200, 10_000);
      await progressed(votes, 20);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- the collector's output:\n${collector.output()}`, {
        cause: error,
      });
    } finally {
      await votes.stop();
    }

    expect(collector.child.exitCode, collector.output()).toBeNull();
    expect(votes.unhelpful).toEqual([]);
    expect(votes.slowest).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
    expect(votes.statuses.get(500) ?? 0).toBe(0);
    expect(votes.statuses.get(503) ?? 0).toBeGreaterThan(0);

    const check = new pg.Client({ connectionString: storage });
    await check.connect();
    try {
      const stored = await checkStored(
        async (text, values) => (await check.query(text, values)).rows,
        poll,
        votes.acknowledged,
      );
      console.log(
        `faults on postgres: ${votes.acknowledged.length} acknowledged, ${stored.events} stored for ${stored.people} people, ` +
          `statuses ${JSON.stringify(Object.fromEntries(votes.statuses))}, slowest request ${Math.round(votes.slowest)} ms, ` +
          `readiness ${JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, Math.round(Number(v))])))} ms`,
      );
    } finally {
      await check.end();
    }
  });

  it('starts while the database is down, answers 503, and is ready when it comes', async () => {
    const { url: storage } = await databaseUrl();
    cluster.server.stop();
    let collector: Collector;
    try {
      collector = await startCollector(storage);
      expect((await timed(`${collector.url}/health/live`)).status).toBe(200);
      expect((await timed(`${collector.url}/health/ready`)).status).toBe(503);
      const early = await timed(`${collector.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope('poll.vote', 'late-poll', { options: ['a'] })),
      });
      expect([early.status, (JSON.parse(early.body) as { code: string }).code]).toEqual([503, 'storage_unavailable']);
      expect(early.headers.get('retry-after')).toBeTruthy();
      // Time under test: a second more without its database, and the process is still up.
      await sleep(1_000);
      expect(collector.child.exitCode).toBeNull();
    } finally {
      cluster.server.start();
    }
    await readiness(collector.url, 200, 15_000);
    const vote = envelope('poll.vote', 'late-poll', { options: ['a'] });
    const accepted = await timed(`${collector.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(vote),
    });
    expect([accepted.status, JSON.parse(accepted.body)]).toMatchObject([200, { accepted: [vote.id] }]);
  });
});

describe('the collector while its SQLite file is locked by another process', () => {
  it('answers 503 with Retry-After while locked, then stores every acknowledged event once', async () => {
    const storage = await freshStorage('sqlite');
    const collector = await startCollector(storage);
    const poll = 'locked-poll';
    const votes = load(collector.url, poll, 4);
    await progressed(votes, 10);
    // Another process (a backup, a person with the sqlite3 shell) holds the write lock.
    const other = new BetterSqlite3(storage);
    other.pragma('busy_timeout = 5000');
    other.exec('BEGIN IMMEDIATE');
    // Time under test: the lock is held for two and a half seconds under load.
    await sleep(2_500);
    other.exec('ROLLBACK');
    other.close();
    await progressed(votes, 10);
    await votes.stop();

    expect(collector.child.exitCode, collector.output()).toBeNull();
    expect(votes.statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(votes.statuses.get(500) ?? 0).toBe(0);
    expect(votes.unhelpful).toEqual([]);
    const reader = new BetterSqlite3(storage, { readonly: true });
    try {
      const stored = await checkStored(
        (text, values) =>
          Promise.resolve(reader.prepare(text.replaceAll(/\$\d/g, '?')).all(...values) as Record<string, unknown>[]),
        poll,
        votes.acknowledged,
      );
      console.log(
        `faults on sqlite: ${votes.acknowledged.length} acknowledged, ${stored.events} stored for ${stored.people} people, ` +
          `statuses ${JSON.stringify(Object.fromEntries(votes.statuses))}`,
      );
    } finally {
      reader.close();
    }
  });
});
