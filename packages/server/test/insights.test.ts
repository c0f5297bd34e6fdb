/** The team's figures, computed by each database from known data: NPS, poll results and trends, betas. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byPeriod, npsScore, periodStart } from '../src/store/insights.js';
import { anonymous, envelope, form, json, KINDS, startTestServer, type TestServer } from './helpers.js';

describe('the NPS score', () => {
  it('is promoters % minus detractors %, with a 95 % margin that narrows as answers grow', () => {
    // 5 promoters, 3 passives, 2 detractors: 50 % − 20 % = 30.
    expect(npsScore(5, 2, 10).score).toBe(30);
    const few = npsScore(5, 2, 10).margin!;
    const many = npsScore(500, 200, 1000).margin!;
    // Variance p + d − (p − d)² = 0.7 − 0.09 = 0.61; 1.96 × √(0.61 / 10) = 0.484 → 48.4 points.
    expect(few).toBe(48.4);
    expect(many).toBe(4.8);
    expect(npsScore(0, 0, 0)).toEqual({ score: null, margin: null });
  });
});

describe('periods', () => {
  it('start on the Monday (UTC) of the week, or the first of the month', () => {
    expect(periodStart('2026-10-11', 'week')).toBe('2026-10-05'); // a Sunday
    expect(periodStart('2026-10-12', 'week')).toBe('2026-10-12'); // a Monday
    expect(periodStart('2026-01-01', 'week')).toBe('2025-12-29'); // across a year
    expect(periodStart('2026-03-31', 'month')).toBe('2026-03-01');
  });

  it('add up days into periods, oldest first', () => {
    const days = [
      { day: '2026-10-13', votes: 2 },
      { day: '2026-10-04', votes: 1 },
      { day: '2026-10-12', votes: 3 },
    ];
    expect(byPeriod(days, ['votes'], 'week')).toEqual([
      { period: '2026-09-28', votes: 1 },
      { period: '2026-10-12', votes: 5 },
    ]);
    expect(byPeriod(days, ['votes'], 'month')).toEqual([{ period: '2026-10-01', votes: 6 }]);
  });
});

describe.each(KINDS)('summaries on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    // Two weeks of NPS answers: week of Mon 2026-10-05 and week of Mon 2026-10-12.
    const week1 = [10, 9, 9, 7, 3]; // 3 promoters, 1 passive, 1 detractor: NPS 40
    const week2 = [10, 6, 5, 8, 0]; // 1 promoter, 1 passive, 3 detractors: NPS −40
    await server.post({
      events: [
        ...week1.map((score, i) =>
          envelope('nps.response', 'nps-q4', { score }, { at: `2026-10-0${5 + i}T12:00:00Z` }),
        ),
        ...week2.map((score, i) =>
          envelope('nps.response', 'nps-q4', { score }, { at: `2026-10-1${2 + i}T08:30:00+02:00` }),
        ),
        envelope('nps.response', 'other-survey', { score: 0 }),
      ],
    });
    // A poll: 4 people, one changes their vote, one answers "other"; votes in October and November.
    const changer = anonymous();
    await server.post({
      events: [
        envelope('poll.vote', 'poll-q4', { options: ['a'] }, { at: '2026-10-20T10:00:00Z' }),
        envelope('poll.vote', 'poll-q4', { options: ['a', 'b'] }, { at: '2026-10-21T10:00:00Z' }),
        envelope('poll.vote', 'poll-q4', { options: ['b'] }, { anonymousId: changer, at: '2026-10-22T10:00:00Z' }),
        envelope(
          'poll.vote',
          'poll-q4',
          { options: ['c'], other: 'Something else' },
          { anonymousId: changer, at: '2026-11-02T10:00:00Z' },
        ),
        envelope('poll.vote', 'poll-q4', { options: [], other: 'Nothing of these' }, { at: '2026-11-03T10:00:00Z' }),
      ],
    });
    // A beta: three sign-ups, two through the first person's link.
    const signup = (email: string, code: string, referredBy?: string) =>
      envelope('beta.signup', 'beta-q4', {
        email,
        consent: true,
        code,
        form: form(),
        ...(referredBy ? { referredBy } : {}),
      });
    await server.post(signup('a@example.com', 'code-a-1'));
    await server.post({
      events: [signup('b@example.com', 'code-b-1', 'code-a-1'), signup('c@example.com', 'code-c-1', 'code-a-1')],
    });
    await server.admin('PATCH', '/betas/beta-q4/signups/code-b-1', { status: 'invited' });
  });
  afterAll(() => server.close());

  it('computes NPS, its distribution and its weekly and monthly trend', async () => {
    const summary = await json(await server.admin('GET', '/nps/nps-q4/summary'));
    expect(summary).toMatchObject({
      survey: 'nps-q4',
      responses: 10,
      promoters: 4,
      passives: 2,
      detractors: 4,
      score: 0,
      distribution: [1, 0, 0, 1, 0, 1, 1, 1, 1, 2, 2],
      trend: [
        // 3 promoters, 1 detractor of 5: variance 0.8 − 0.16 = 0.64; 1.96 × √(0.64 / 5) → 70.1.
        { period: '2026-10-05', responses: 5, score: 40, margin: 70.1 },
        { period: '2026-10-12', responses: 5, score: -40, margin: 70.1 },
      ],
    });
    expect(summary.margin).toBeGreaterThan(40);
    const monthly = await json(await server.admin('GET', '/nps/nps-q4/summary?by=month'));
    expect(monthly.trend).toEqual([{ period: '2026-10-01', responses: 10, score: 0, margin: 55.4 }]);
    const secondWeek = await json(
      await server.admin('GET', `/nps/nps-q4/summary?from=${encodeURIComponent('2026-10-12T00:00:00Z')}`),
    );
    expect(secondWeek).toMatchObject({ responses: 5, score: -40 });
  });

  it('counts a poll by its current votes, with votes over time and the "other" answers', async () => {
    const summary = await json(await server.admin('GET', '/polls/poll-q4/summary?by=month'));
    expect(summary).toMatchObject({
      poll: 'poll-q4',
      voters: 4,
      options: [
        { id: 'a', votes: 2, percent: 50 },
        { id: 'b', votes: 1, percent: 25 },
        { id: 'c', votes: 1, percent: 25 },
      ],
      trend: [
        { period: '2026-10-01', votes: 3 },
        { period: '2026-11-01', votes: 2 },
      ],
      other: [
        { text: 'Nothing of these', at: '2026-11-03T10:00:00.000Z' },
        { text: 'Something else', at: '2026-11-02T10:00:00.000Z' },
      ],
      closed: false,
    });
  });

  it('counts the options of the current votes cast in a range, each of a vote with several', async () => {
    const range = (query: string) => server.admin('GET', `/polls/poll-q4/summary?${query}`).then((r) => json(r));
    // Before November: the two October votes that are still current; the changer's is not.
    expect(await range(`to=${encodeURIComponent('2026-11-01T00:00:00Z')}`)).toMatchObject({
      voters: 2,
      options: [
        { id: 'a', votes: 2, percent: 100 },
        { id: 'b', votes: 1, percent: 50 },
      ],
    });
    // From November: the changed vote (c) and one with only an "other" answer.
    expect(await range(`from=${encodeURIComponent('2026-11-01T00:00:00Z')}`)).toMatchObject({
      voters: 2,
      options: [{ id: 'c', votes: 1, percent: 50 }],
    });
  });

  it('sums up a beta: sign-ups, invitations, referrers', async () => {
    const summary = await json<{ trend: { signups: number }[] }>(
      await server.admin('GET', '/betas/beta-q4/summary?by=month'),
    );
    expect(summary).toMatchObject({
      program: 'beta-q4',
      signups: 3,
      invited: 1,
      referrers: [{ code: 'code-a-1', referrals: 2 }],
    });
    expect(summary.trend).toHaveLength(1);
    expect(summary.trend[0]!.signups).toBe(3);
  });

  it("ranks a board's ideas by votes in the range, with the last week's votes and the count by status", async () => {
    const old = '2026-09-01T10:00:00Z';
    const loved = envelope('idea.create', 'board-q4', { title: 'Loved long ago', form: form() }, { at: old });
    const fresh = envelope('idea.create', 'board-q4', { title: 'Fresh', form: form() });
    await server.post({
      events: [
        loved,
        fresh,
        ...[1, 2, 3].map(() => envelope('idea.vote', 'board-q4', { idea: loved.id }, { at: old })),
        envelope('idea.vote', 'board-q4', { idea: fresh.id }),
      ],
    });
    await server.admin('PATCH', `/boards/board-q4/ideas/${loved.id}`, { status: 'planned', note: 'Next quarter' });
    const all = await json<{
      statuses: unknown;
      ideas: { title: string; votes: number; recent: number; statusNote: string | null }[];
    }>(await server.admin('GET', '/boards/board-q4/summary'));
    expect(all.statuses).toEqual({ open: 1, planned: 1 });
    expect(all.ideas.map(({ title, votes, recent, statusNote }) => [title, votes, recent, statusNote])).toEqual([
      ['Loved long ago', 4, 0, 'Next quarter'],
      ['Fresh', 2, 2, null],
    ]);
    const october = await json<{ ideas: { title: string; votes: number }[] }>(
      await server.admin('GET', `/boards/board-q4/summary?from=${encodeURIComponent('2026-10-01T00:00:00Z')}`),
    );
    expect(october.ideas.map(({ title, votes }) => [title, votes])).toEqual([
      ['Fresh', 2],
      ['Loved long ago', 0],
    ]);
  });

  it('pages the comments newest first, by category, matching typed text literally and in any case', async () => {
    const said: [number, string | undefined][] = [
      [10, 'Love the 50% discount'],
      [9, 'Great'],
      [8, 'fine_ish'],
      [3, 'Too SLOW'],
      [2, undefined],
      [0, 'slow and buggy'],
    ];
    await server.post({
      events: said.map(([score, comment], i) =>
        envelope('nps.response', 'nps-talk', comment === undefined ? { score } : { score, comment }, {
          at: `2026-10-0${i + 1}T12:00:00Z`,
        }),
      ),
    });
    type Page = { comments: { comment: string; category: string; score: number }[]; next: number | null };
    const comments = async (query: string) => json<Page>(await server.admin('GET', `/nps/nps-talk/comments?${query}`));
    const texts = (page: Page) => page.comments.map((c) => c.comment);
    expect(texts(await comments(''))).toEqual([
      'slow and buggy',
      'Too SLOW',
      'fine_ish',
      'Great',
      'Love the 50% discount',
    ]);
    expect((await comments('category=detractor')).comments).toEqual([
      { score: 0, category: 'detractor', comment: 'slow and buggy', at: '2026-10-06T12:00:00.000Z' },
      { score: 3, category: 'detractor', comment: 'Too SLOW', at: '2026-10-04T12:00:00.000Z' },
    ]);
    expect(texts(await comments('q=slow'))).toEqual(['slow and buggy', 'Too SLOW']);
    expect(texts(await comments('q=slow&category=passive'))).toEqual([]);
    expect(texts(await comments(`q=${encodeURIComponent('%')}`))).toEqual(['Love the 50% discount']);
    expect(texts(await comments('q=_'))).toEqual(['fine_ish']);
    expect(
      texts(
        await comments(
          `from=${encodeURIComponent('2026-10-03T00:00:00Z')}&to=${encodeURIComponent('2026-10-05T00:00:00Z')}`,
        ),
      ),
    ).toEqual(['Too SLOW', 'fine_ish']);
    const first = await comments('limit=2');
    expect([texts(first), first.next]).toEqual([['slow and buggy', 'Too SLOW'], 2]);
    const last = await comments('limit=2&offset=4');
    expect([texts(last), last.next]).toEqual([['Love the 50% discount'], null]);
    expect((await server.admin('GET', '/nps/nps-talk/comments?category=fan')).status).toBe(400);
    expect((await server.admin('GET', '/nps/nps-talk/comments?limit=0')).status).toBe(400);
  });

  it('lists the beta queue at the places its members are told: by arrival, moved up by referrals, one member a place', async () => {
    const signup = (email: string, code: string, referredBy?: string) =>
      server.post(
        envelope('beta.signup', 'beta-queue', {
          email,
          consent: true,
          code,
          form: form(),
          ...(referredBy ? { referredBy } : {}),
        }),
      );
    for (const [email, code, referredBy] of [
      ['a@example.com', 'queue-a'],
      ['b@example.com', 'queue-b'],
      ['c@example.com', 'queue-c'],
      ['d@example.com', 'queue-d', 'queue-c'],
      ['e@example.com', 'queue-e', 'queue-c'],
      // The same address again, from another browser: a place of its own, as any sign-up's.
      ['B@example.com', 'queue-b-again'],
      ['f@example.com', 'queue-f', 'queue-b'],
    ] as const) {
      expect((await signup(email, code, referredBy)).status).toBe(200);
    }
    type Queue = {
      signups: { email: string; code: string; position: number; referrals: number }[];
      next: number | null;
    };
    const page = async (query: string) => json<Queue>(await server.admin('GET', `/betas/beta-queue/signups?${query}`));
    const all = await page('');
    expect(all.signups.map((s) => [s.email, s.position, s.referrals])).toEqual([
      ['c@example.com', 1, 2],
      // One referral moves b (second in) one place up, ahead of a.
      ['b@example.com', 2, 1],
      ['a@example.com', 3, 0],
      ['d@example.com', 4, 0],
      ['e@example.com', 5, 0],
      ['f@example.com', 7, 0],
    ]);
    // The queue agrees with what each member is told, and no two share a place.
    for (const row of all.signups) {
      const told = await json<{ position: number; total: number }>(
        await server.get(`/v1/betas/beta-queue/signups/${row.code}`),
      );
      expect([row.code, told.position, told.total]).toEqual([row.code, row.position, 7]);
    }
    const alias = await json<{ position: number }>(await server.get('/v1/betas/beta-queue/signups/queue-b-again'));
    expect(alias.position).toBe(6);
    const first = await page('limit=2');
    expect([first.signups.map((s) => s.email), first.next]).toEqual([['c@example.com', 'b@example.com'], 2]);
    const last = await page('limit=2&offset=4');
    expect([last.signups.map((s) => s.email), last.next]).toEqual([['e@example.com', 'f@example.com'], null]);
  });

  it('refuses bad ranges and periods, and asks for the token', async () => {
    expect((await server.admin('GET', '/nps/nps-q4/summary?by=day')).status).toBe(400);
    expect((await server.admin('GET', '/nps/nps-q4/summary?from=yesterday')).status).toBe(400);
    expect((await server.get('/v1/admin/nps/nps-q4/summary')).status).toBe(401);
  });
});
