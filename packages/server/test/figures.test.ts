/**
 * Every figure the dashboard shows, checked against a count over the event log, on both
 * databases: seeded data with changed votes, "Other" answers (alone and beside an option),
 * ties, un-votes, a merge of ideas, repeated sign-ups of one address and referrals. The log
 * is read back through the admin export, as a team would audit it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS, anonymous, envelope, form, json, startTestServer, type TestServer } from './helpers.js';

/** A small deterministic generator, so a failure replays the same data. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

interface Logged {
  id: string;
  type: string;
  at: string;
  subject: { anonymousId: string };
  data: Record<string, unknown>;
}

describe.each(KINDS)('figures against the event log on %s', (kind) => {
  let server: TestServer;
  const next = random(19);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const log = async (widget: string): Promise<Logged[]> => {
    const text = await (await server.admin('GET', `/widgets/${widget}/export?format=ndjson`)).text();
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Logged);
  };
  const post = async (body: unknown) => expect((await server.post(body)).status).toBe(200);

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('a poll: voters, each option and "Other" are the latest vote of each person in the log', async () => {
    const people = Array.from({ length: 41 }, () => anonymous());
    const start = Date.parse('2026-11-02T09:00:00Z');
    let minute = 0;
    const vote = (person: string, data: { options: string[]; other?: string }) =>
      post(
        envelope('poll.vote', 'figures-poll', data, {
          anonymousId: person,
          at: new Date(start + minute++ * 60_000).toISOString(),
        }),
      );
    for (const person of people) {
      const roll = next();
      if (roll < 0.1) await vote(person, { options: [], other: 'Yuzu' });
      else if (roll < 0.2) await vote(person, { options: [pick(['forest', 'ocean'])], other: 'Both, really' });
      else await vote(person, { options: [pick(['forest', 'ocean', 'desert'])] });
    }
    // A third change their vote; the newer one counts.
    for (const person of people.slice(0, 14)) await vote(person, { options: ['desert'] });

    const latest = new Map<string, Logged>();
    for (const event of await log('figures-poll'))
      if (!latest.has(event.subject.anonymousId) || latest.get(event.subject.anonymousId)!.at <= event.at)
        latest.set(event.subject.anonymousId, event);
    const votes = [...latest.values()].map((event) => event.data as { options: string[]; other?: string });
    const summary = await json<{
      voters: number;
      otherVotes: number;
      options: { id: string; votes: number }[];
      trend: { votes: number }[];
    }>(await server.admin('GET', '/polls/figures-poll/summary'));
    expect(summary.voters).toBe(41);
    expect(summary.voters).toBe(latest.size);
    for (const option of ['forest', 'ocean', 'desert'])
      expect(summary.options.find((row) => row.id === option)?.votes ?? 0, option).toBe(
        votes.filter((data) => data.options.includes(option)).length,
      );
    // Everyone is somewhere: a person who only wrote an "Other" answer is counted under it.
    expect(summary.otherVotes).toBe(votes.filter((data) => data.other).length);
    expect(summary.otherVotes).toBeGreaterThan(0);
    // The trend counts every vote cast, changes included.
    expect(summary.trend.reduce((sum, row) => sum + row.votes, 0)).toBe(41 + 14);
  });

  it('a poll’s public results: voters, options and "Other" are the log’s, for votes sent all at once', async () => {
    const people = Array.from({ length: 60 }, () => anonymous());
    const start = Date.parse('2026-11-03T09:00:00Z');
    const vote = (person: string, minute: number, data: { options: string[]; other?: string }) =>
      envelope('poll.vote', 'figures-results', data, {
        anonymousId: person,
        at: new Date(start + minute * 60_000).toISOString(),
      });
    const first = people.map((person, index) => {
      const roll = next();
      if (roll < 0.15) return vote(person, index, { options: [], other: 'Yuzu' });
      if (roll < 0.3) return vote(person, index, { options: [pick(['forest', 'ocean'])], other: 'Both' });
      return vote(person, index, { options: [pick(['forest', 'ocean', 'desert'])] });
    });
    // Sent together, so they share transactions; then a third change their vote (an "Other"
    // answer dropped, an option moved), each change sent beside a late, older retry of a vote
    // that must not count, and beside a duplicate of itself.
    await Promise.all(first.map(post));
    const changes = people.slice(0, 20).map((person, index) => vote(person, 100 + index, { options: ['desert'] }));
    const stale = people.slice(20, 30).map((person) => vote(person, -10, { options: ['ocean'], other: 'Late' }));
    await Promise.all([...changes, ...changes, ...stale].map(post));

    const latest = new Map<string, Logged>();
    for (const event of await log('figures-results'))
      if (!latest.has(event.subject.anonymousId) || latest.get(event.subject.anonymousId)!.at < event.at)
        latest.set(event.subject.anonymousId, event);
    const votes = [...latest.values()].map((event) => event.data as { options: string[]; other?: string });
    const results = await json<{ total: number; other: number; options: { id: string; votes: number }[] }>(
      await server.get('/v1/polls/figures-results/results'),
    );
    expect(results.total).toBe(60);
    expect(results.total).toBe(latest.size);
    expect(results.other).toBe(votes.filter((data) => data.other).length);
    for (const option of ['forest', 'ocean', 'desert'])
      expect(results.options.find((row) => row.id === option)?.votes ?? 0, option).toBe(
        votes.filter((data) => data.options.includes(option)).length,
      );
  });

  it('an NPS survey: answers, categories, score and distribution are the log’s', async () => {
    for (let i = 0; i < 57; i++)
      await post(
        envelope('nps.response', 'figures-nps', {
          score: Math.floor(next() * 11),
          ...(i % 5 ? {} : { comment: 'Hm' }),
        }),
      );
    const scores = (await log('figures-nps')).map((event) => Number(event.data.score));
    const summary = await json<{
      responses: number;
      promoters: number;
      passives: number;
      detractors: number;
      score: number;
      distribution: number[];
    }>(await server.admin('GET', '/nps/figures-nps/summary'));
    const count = (test: (score: number) => boolean) => scores.filter(test).length;
    expect(summary.responses).toBe(scores.length);
    expect([summary.promoters, summary.passives, summary.detractors]).toEqual([
      count((s) => s >= 9),
      count((s) => s === 7 || s === 8),
      count((s) => s <= 6),
    ]);
    expect(summary.distribution).toEqual(Array.from({ length: 11 }, (_, s) => count((score) => score === s)));
    expect(summary.score).toBeCloseTo(((count((s) => s >= 9) - count((s) => s <= 6)) / scores.length) * 100, 0);
  });

  it('a board: each idea’s votes are the people whose latest vote or un-vote was a vote, a merge moving them', async () => {
    const ideas = ['Dark mode', 'Offline mode', 'Export to CSV', 'Dark theme'].map((title) =>
      envelope('idea.create', 'figures-board', { title, form: form() }),
    );
    for (const idea of ideas) await post(idea);
    const people = Array.from({ length: 30 }, () => anonymous());
    for (const person of people)
      for (const idea of ideas)
        if (next() < 0.5)
          await post(
            envelope(
              next() < 0.8 ? 'idea.vote' : 'idea.unvote',
              'figures-board',
              { idea: idea.id },
              { anonymousId: person },
            ),
          );
    // "Dark theme" is "Dark mode" by another name: its votes move over, each person once.
    const [darkMode, , , darkTheme] = ideas;
    expect(
      (await server.admin('POST', `/boards/figures-board/ideas/${darkTheme!.id}/merge`, { into: darkMode!.id })).status,
    ).toBe(200);

    const voted = new Map<string, Set<string>>();
    const latest = new Map<string, Logged>();
    for (const event of await log('figures-board')) {
      if (event.type === 'idea.create') {
        latest.set(`${event.id}|${event.subject.anonymousId}`, { ...event, type: 'idea.vote' });
        continue;
      }
      const key = `${String(event.data.idea)}|${event.subject.anonymousId}`;
      if (!latest.has(key) || latest.get(key)!.at <= event.at) latest.set(key, event);
    }
    for (const [key, event] of latest) {
      if (event.type !== 'idea.vote') continue;
      const [idea, person] = key.split('|') as [string, string];
      const into = idea === darkTheme!.id ? darkMode!.id : idea;
      voted.set(into, (voted.get(into) ?? new Set()).add(person));
    }
    const summary = await json<{ statuses: Record<string, number>; ideas: { id: string; votes: number }[] }>(
      await server.admin('GET', '/boards/figures-board/summary'),
    );
    expect(summary.ideas.map((idea) => idea.id).sort()).toEqual(
      ideas
        .slice(0, 3)
        .map((idea) => idea.id)
        .sort(),
    );
    for (const idea of summary.ideas) expect(idea.votes, idea.id).toBe(voted.get(idea.id)?.size ?? 0);
    expect(summary.statuses).toEqual({ open: 3 });
  });

  it('a beta: sign-ups are the addresses in the log, each once; referrals the sign-ups naming a member’s code', async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `person${i}@example.com`);
    const codes: string[] = [];
    for (const [i, email] of emails.entries()) {
      const code = `fig-code-${i}`;
      const referredBy = i > 2 && next() < 0.6 ? pick(codes) : undefined;
      await post(
        envelope('beta.signup', 'figures-beta', {
          email,
          consent: true,
          code,
          form: form(),
          ...(referredBy ? { referredBy } : {}),
        }),
      );
      codes.push(code);
    }
    // Two addresses sign up again (another browser, other case): no new member.
    await post(
      envelope('beta.signup', 'figures-beta', {
        email: 'PERSON3@example.com',
        consent: true,
        code: 'fig-again-3',
        form: form(),
      }),
    );
    await post(
      envelope('beta.signup', 'figures-beta', {
        email: 'person5@example.com',
        consent: true,
        code: 'fig-again-5',
        form: form(),
      }),
    );

    const events = await log('figures-beta');
    const addresses = new Set(events.map((event) => String(event.data.email).toLowerCase()));
    const summary = await json<{ signups: number; invited: number; referrers: { code: string; referrals: number }[] }>(
      await server.admin('GET', '/betas/figures-beta/summary'),
    );
    expect(summary.signups).toBe(addresses.size);
    expect(summary.invited).toBe(0);
    const firstOf = new Map<string, string>();
    for (const event of events) {
      const email = String(event.data.email).toLowerCase();
      if (!firstOf.has(email)) firstOf.set(email, String(event.data.code));
    }
    const members = new Set(firstOf.values());
    const referrals = new Map<string, number>();
    for (const event of events) {
      const by = event.data.referredBy as string | undefined;
      if (!by || firstOf.get(String(event.data.email).toLowerCase()) !== String(event.data.code)) continue;
      if (members.has(by)) referrals.set(by, (referrals.get(by) ?? 0) + 1);
    }
    expect(Object.fromEntries(summary.referrers.map((row) => [row.code, row.referrals]))).toEqual(
      Object.fromEntries(referrals),
    );
  });
});
