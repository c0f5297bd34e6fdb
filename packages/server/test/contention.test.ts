/**
 * Many people at once, and many instances at once. On PostgreSQL: 200 people each vote for
 * several options of one poll and change their vote, 50 requests at a time, and two opposite
 * merges run together; nothing may answer 5xx, and the tallies must equal the votes. Two
 * collectors on one database behave as one: a rate limit of N a minute holds at N across both,
 * and a dashboard session made on one works on the other and survives a restart.
 */
import type { Envelope, EventsResponse, IdeaList, PollResults } from '@heard/protocol';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../src/serve.js';
import {
  ADMIN_TOKEN,
  anonymous,
  envelope,
  form,
  freshStorage,
  json,
  KINDS,
  startTestServer,
  testConfig,
  withClient,
  type TestServer,
} from './helpers.js';

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

/** Runs `tasks` with at most `concurrency` in flight. */
const pooled = async <T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> => {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
};

const OPTIONS = ['a', 'b', 'c', 'd', 'e', 'f'];
const someOptions = () => {
  const chosen = OPTIONS.filter(() => Math.random() < 0.5);
  return chosen.length ? chosen : ['a', 'f'];
};

describe.each(KINDS)('many people at once on %s', (kind) => {
  it('takes 200 people changing multi-option votes at concurrency 50 without an error; tallies equal the votes', async () => {
    const server = await startTestServer(kind);
    started.push(server);
    const people = Array.from({ length: 200 }, () => anonymous());
    const first = people.map((anonymousId) =>
      envelope('poll.vote', 'busy', { options: someOptions() }, { anonymousId, at: '2026-01-05T10:00:00.000Z' }),
    );
    const changed = people.map((anonymousId) =>
      envelope('poll.vote', 'busy', { options: someOptions() }, { anonymousId, at: '2026-01-05T10:05:00.000Z' }),
    );
    // First votes and changes interleaved, so that changes meet first votes of others.
    const sends = [...first, ...changed].map((vote) => async () => {
      const response = await server.post(vote);
      return { status: response.status, body: await json<EventsResponse>(response) };
    });
    const answers = await pooled(sends, 50);
    const statuses = answers.reduce<Record<number, number>>(
      (all, { status }) => ({ ...all, [status]: (all[status] ?? 0) + 1 }),
      {},
    );
    expect(statuses).toEqual({ 200: 400 });
    expect(answers.every(({ body }) => body.accepted.length === 1)).toBe(true);

    const expected: Record<string, number> = {};
    for (const vote of changed)
      for (const option of (vote as Extract<Envelope, { type: 'poll.vote' }>).data.options) {
        expected[option] = (expected[option] ?? 0) + 1;
      }
    const results = await json<PollResults>(await server.get('/v1/polls/busy/results'));
    expect(results.total).toBe(200);
    expect(Object.fromEntries(results.options.map((option) => [option.id, option.votes]))).toEqual(expected);
  });

  it('answers two opposite merges made at once, and no 5xx', async () => {
    const server = await startTestServer(kind);
    started.push(server);
    const ideas = ['first', 'second'].map((title) => envelope('idea.create', 'merges', { title, form: form() }));
    for (const idea of ideas) expect((await server.post(idea)).status).toBe(200);
    // Votes keep arriving on both ideas while the team merges them each into the other.
    const voters = Array.from({ length: 40 }, (_, i) =>
      envelope('idea.vote', 'merges', { idea: ideas[i % 2]!.id }, { anonymousId: anonymous() }),
    );
    const [there, back, ...votes] = await Promise.all([
      server.admin('POST', `/boards/merges/ideas/${ideas[0]!.id}/merge`, { into: ideas[1]!.id }),
      server.admin('POST', `/boards/merges/ideas/${ideas[1]!.id}/merge`, { into: ideas[0]!.id }),
      ...voters.map((vote) => server.post(vote)),
    ]);
    const merges = [there!.status, back!.status].sort();
    // One merge wins; the other finds its idea already merged away.
    expect(merges).toEqual([200, 404]);
    expect(votes.map((vote) => vote.status).filter((status) => status >= 500)).toEqual([]);
  });
});

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T;

/** Two collectors on one new PostgreSQL database. */
const twoCollectors = async (overrides: Parameters<typeof testConfig>[1] = {}) => {
  const config = testConfig(await freshStorage('postgres'), overrides);
  const both = [withClient(await startServer(config)), withClient(await startServer(config))] as const;
  started.push(...both);
  return both;
};

/** Each batch to one collector then the other, 16 at once: the status of each answer. */
const alternating = (one: TestServer, two: TestServer, batches: unknown[][]) =>
  pooled(
    batches.map((events, index) => async () => (await (index % 2 ? two : one).post({ events })).status),
    16,
  );

describe('two collectors on one PostgreSQL', () => {
  it('keep each person’s latest vote, and tallies equal to the votes, when the same people vote and change at once on both', async () => {
    const [one, two] = await twoCollectors();
    const people = Array.from({ length: 30 }, () => anonymous());
    // Five votes from each person, minutes apart, all sent at once in shuffled order to either
    // collector: first votes race each other, and changes wait on each other's locks.
    const votes = people.flatMap((anonymousId) =>
      Array.from({ length: 5 }, (_, minute) =>
        envelope(
          'poll.vote',
          'raced',
          { options: someOptions() },
          { anonymousId, at: `2026-01-05T10:0${minute}:00.000Z` },
        ),
      ),
    );
    const shuffled = [...votes].sort(() => Math.random() - 0.5);
    const answers = await pooled(
      shuffled.map((vote, index) => async () => (await (index % 2 ? two : one).post(vote)).status),
      50,
    );
    expect(answers.every((status) => status === 200)).toBe(true);

    const latest = new Map<string, string[]>();
    for (const vote of votes as Extract<Envelope, { type: 'poll.vote' }>[]) {
      if (vote.at.startsWith('2026-01-05T10:04'))
        latest.set(`a:${vote.subject.anonymousId}`, [...vote.data.options].sort());
    }
    const { rows } = await sql<{ subject: string; options: string }>`
      SELECT subject, options FROM poll_votes WHERE poll = 'raced'`.execute(one.storage.db);
    const stored = new Map<string, string[]>();
    for (const { subject, options } of rows) stored.set(subject, JSON.parse(options) as string[]);
    expect(stored).toEqual(latest);
    const expected: Record<string, number> = {};
    for (const options of latest.values()) for (const option of options) expected[option] = (expected[option] ?? 0) + 1;
    const results = await json<PollResults>(await one.get('/v1/polls/raced/results'));
    expect(results.total).toBe(people.length);
    expect(Object.fromEntries(results.options.map((option) => [option.id, option.votes]))).toEqual(expected);
  });

  it('take batches from the same people on both at once, with retries among them, without a deadlock or a 503', async () => {
    const [one, two] = await twoCollectors();
    const people = Array.from({ length: 40 }, () => anonymous());
    // Whole seconds in a five-minute window: many votes tie on their time, and the id decides.
    const vote = () =>
      envelope(
        'poll.vote',
        pick(['shared-1', 'shared-2']),
        { options: someOptions() },
        {
          anonymousId: pick(people),
          at: new Date(Date.UTC(2026, 0, 5, 10, 0, Math.floor(Math.random() * 300))).toISOString(),
        },
      );
    const first = Array.from({ length: 30 }, vote);
    expect((await one.post({ events: first })).status).toBe(200);
    const batches = Array.from({ length: 40 }, () => {
      const events = Array.from({ length: 30 }, vote);
      // A retry beside its first send, and one of a vote stored before.
      if (Math.random() < 0.3) events.push(events[0]!);
      if (Math.random() < 0.3) events.push(pick(first));
      return events;
    });
    const statuses = await alternating(one, two, batches);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const latest = new Map<string, { at: string; id: string; options: string[] }>();
    for (const { widget, id, at, subject, data } of [first, ...batches].flat() as Extract<
      Envelope,
      { type: 'poll.vote' }
    >[]) {
      const key = `${widget} a:${subject.anonymousId}`;
      const seen = latest.get(key);
      if (!seen || seen.at < at || (seen.at === at && seen.id < id))
        latest.set(key, { at, id, options: [...data.options].sort() });
    }
    const { rows } = await sql<{ poll: string; subject: string; options: string }>`
      SELECT poll, subject, options FROM poll_votes WHERE poll LIKE 'shared-%'`.execute(one.storage.db);
    expect(new Map(rows.map((row) => [`${row.poll} ${row.subject}`, JSON.parse(row.options) as string[]]))).toEqual(
      new Map([...latest].map(([key, { options }]) => [key, options])),
    );
    for (const poll of ['shared-1', 'shared-2']) {
      const expected: Record<string, number> = {};
      for (const [key, { options }] of latest)
        if (key.startsWith(`${poll} `)) for (const option of options) expected[option] = (expected[option] ?? 0) + 1;
      const results = await json<PollResults>(await two.get(`/v1/polls/${poll}/results`));
      expect(Object.fromEntries(results.options.map((option) => [option.id, option.votes]))).toEqual(expected);
    }
  });

  it('take idea votes and un-votes from the same people on both at once without a deadlock; each person’s newest counts', async () => {
    const [one, two] = await twoCollectors();
    const ideas = Array.from({ length: 5 }, (_, i) =>
      envelope('idea.create', 'shared', { title: `Idea ${i + 1}`, form: form() }),
    );
    expect((await one.post({ events: ideas })).status).toBe(200);
    const people = Array.from({ length: 40 }, () => anonymous());
    const batches = Array.from({ length: 40 }, () =>
      Array.from({ length: 30 }, () =>
        envelope(
          Math.random() < 0.7 ? 'idea.vote' : 'idea.unvote',
          'shared',
          { idea: pick(ideas).id },
          {
            anonymousId: pick(people),
            at: new Date(Date.UTC(2026, 0, 5, 10, 0, 0, Math.floor(Math.random() * 300_000))).toISOString(),
          },
        ),
      ),
    );
    const statuses = await alternating(one, two, batches);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const newest = new Map<string, { at: string; voted: boolean }>();
    for (const { type, at, subject, data } of batches.flat() as Extract<
      Envelope,
      { type: 'idea.vote' | 'idea.unvote' }
    >[]) {
      const key = `${data.idea} ${subject.anonymousId}`;
      const seen = newest.get(key);
      if (!seen || seen.at < at) newest.set(key, { at, voted: type === 'idea.vote' });
    }
    const list = await json<IdeaList>(await two.get('/v1/boards/shared/ideas?limit=100'));
    for (const idea of ideas) {
      const voters = [...newest].filter(([key, { voted }]) => voted && key.startsWith(`${idea.id} `)).length;
      // The author's own vote comes with the idea.
      expect(list.ideas.find((listed) => listed.id === idea.id)?.votes, idea.id).toBe(voters + 1);
    }
  });

  it('take votes carrying their polls’ definitions on both at once without a deadlock, and keep each version once', async () => {
    const [one, two] = await twoCollectors();
    const polls = ['defined-1', 'defined-2', 'defined-3', 'defined-4'];
    // Each poll as two versions of its page showed it: the question edited once.
    const definition = (poll: string, version: number) => ({
      question: `${poll}, version ${version}?`,
      options: OPTIONS.map((id) => ({ id, label: id.toUpperCase() })),
      multiple: true,
      allowOther: false,
    });
    const batches = Array.from({ length: 40 }, () =>
      Array.from({ length: 30 }, () => {
        const poll = pick(polls);
        return {
          ...envelope('poll.vote', poll, { options: someOptions() }),
          definition: definition(poll, pick([1, 2])),
        };
      }),
    );
    const statuses = await alternating(one, two, batches);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM widget_definitions WHERE widget LIKE 'defined-%'`.execute(one.storage.db);
    expect(rows[0]?.n).toBe(polls.length * 2);
  });

  it('hold a rate limit of N a minute at N across both', async () => {
    const [one, two] = await twoCollectors({ writesPerMinute: 6 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const server = i % 2 ? two : one;
      statuses.push((await server.post(envelope('nps.response', 'limited', { score: 9 }))).status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
  });

  it('share dashboard sessions, which survive a restart', async () => {
    const storage = await freshStorage('postgres');
    const one = withClient(await startServer(testConfig(storage)));
    let two = withClient(await startServer(testConfig(storage)));
    started.push(one);
    const signIn = await fetch(`${one.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf } = await json<{ csrf: string }>(signIn);
    expect((await fetch(`${two.url}/v1/admin/widgets`, { headers: { cookie } })).status).toBe(200);
    await two.close();
    two = withClient(await startServer(testConfig(storage)));
    started.push(two);
    expect((await fetch(`${two.url}/dashboard/session`, { headers: { cookie } })).status).toBe(200);
    const write = await fetch(`${two.url}/v1/admin/polls/shared-poll`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json', 'x-heard-csrf': csrf },
      body: JSON.stringify({ closed: true }),
    });
    expect(write.status).toBe(200);
    // Signed out on one, signed out on both.
    const out = await fetch(`${two.url}/dashboard/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-heard-csrf': csrf },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${one.url}/v1/admin/widgets`, { headers: { cookie } })).status).toBe(401);
  });
});
