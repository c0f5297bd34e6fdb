/** Every route of the protocol, happy paths and errors, on both databases over real HTTP. */
import type { BetaStatus, EventsResponse, IdeaList, PollResults, SimilarIdeas } from '@heard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, envelope, form, json, KINDS, startTestServer, type TestServer } from './helpers.js';

describe.each(KINDS)('the collector on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  describe('POST /v1/events', () => {
    it('accepts one envelope, then answers a retry of its id as a duplicate', async () => {
      const vote = envelope('poll.vote', 'p-retry', { options: ['a'] });
      const first = await json<EventsResponse>(await server.post(vote));
      const again = await json<EventsResponse>(await server.post(vote, { 'content-type': 'text/plain;charset=UTF-8' }));
      expect(first).toEqual({ accepted: [vote.id], duplicates: [], rejected: [] });
      expect(again).toEqual({ accepted: [], duplicates: [vote.id], rejected: [] });
    });

    it('judges each envelope of a batch alone and in order', async () => {
      const idea = envelope('idea.create', 'b-batch', { title: 'Keyboard shortcuts', form: form() });
      const vote = envelope('idea.vote', 'b-batch', { idea: idea.id });
      const bad = { ...envelope('nps.response', 'n-batch', { score: 3 }), data: { score: 11 } };
      const response = await server.post({ events: [idea, bad, vote] });
      expect(response.status).toBe(200);
      const answer = await json<EventsResponse>(response);
      expect(answer.accepted).toEqual([idea.id, vote.id]);
      expect(answer.rejected).toEqual([
        {
          id: bad.id,
          index: 1,
          code: 'invalid_body',
          message: expect.any(String),
          issues: [expect.objectContaining({ path: 'data.score', code: 'too_big' })],
        },
      ]);
      expect(await server.rows()).toMatchObject({ nps_responses: 0 });
    });

    it('refuses a lone bad envelope with 400 and the failing field, and stores nothing', async () => {
      const before = await server.rows();
      const bad = { ...envelope('poll.vote', 'p-bad', { options: ['a'] }), extra: true };
      const response = await server.post(bad);
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({
        code: 'invalid_body',
        issues: [expect.objectContaining({ code: 'unrecognized_keys' })],
      });
      expect(await server.rows()).toEqual(before);
    });

    it('answers bad requests with stable codes', async () => {
      const cases: [RequestInit, number, string][] = [
        [{ body: '{not json', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
        [{ body: '{}', headers: { 'content-type': 'application/xml' } }, 415, 'unsupported_media_type'],
        // Bytes, so that fetch adds no content type of its own.
        [{ body: new TextEncoder().encode('{}'), headers: {} }, 415, 'unsupported_media_type'],
        [
          { body: JSON.stringify({ events: [] }), headers: { 'content-type': 'application/json' } },
          400,
          'invalid_body',
        ],
        [
          { body: JSON.stringify({ events: {} }), headers: { 'content-type': 'application/json' } },
          400,
          'invalid_body',
        ],
        [
          { body: JSON.stringify({ events: [1], more: 1 }), headers: { 'content-type': 'application/json' } },
          400,
          'invalid_body',
        ],
        [{ body: 'x'.repeat(262_145), headers: { 'content-type': 'application/json' } }, 413, 'payload_too_large'],
      ];
      for (const [init, status, code] of cases) {
        const response = await fetch(`${server.url}/v1/events`, { method: 'POST', ...init });
        expect(response.status, `${code}: ${String(init.body).slice(0, 40)}`).toBe(status);
        expect((await json(response)).code).toBe(code);
      }
    });

    it('names what breaks a batch’s frame, by the protocol’s batch rules, and judges none of it', async () => {
      const before = await server.rows();
      const one = envelope('nps.response', 'n-frame', { score: 9 });
      const cases: [unknown, { path: string; code: string; message?: string }][] = [
        [{ events: [] }, { path: 'events', code: 'too_small', message: 'A batch holds 1 to 50 events' }],
        [
          { events: Array.from({ length: 51 }, () => one) },
          { path: 'events', code: 'too_big', message: 'A batch holds 1 to 50 events' },
        ],
        [{ events: one }, { path: 'events', code: 'invalid_type' }],
        [
          { events: [one], more: 1 },
          { path: '', code: 'unrecognized_keys' },
        ],
      ];
      for (const [body, issue] of cases) {
        const response = await server.post(body);
        expect(response.status).toBe(400);
        expect(await json(response)).toMatchObject({ code: 'invalid_body', issues: [expect.objectContaining(issue)] });
      }
      expect(await server.rows()).toEqual(before);
    });

    it('refuses an envelope over 16 KB inside a batch', async () => {
      // Within every length limit, but three bytes a character: over the byte cap.
      const big = envelope('nps.response', 'n-big', { score: 5, comment: '\u0800'.repeat(2_000) });
      const traits = Object.fromEntries([...Array(20).keys()].map((k) => [`t${k}`, '\u0800'.repeat(256)]));
      const huge = { ...big, subject: { ...big.subject, traits } };
      const fine = envelope('nps.response', 'n-big', { score: 9 });
      const answer = await json<EventsResponse>(await server.post({ events: [huge, fine] }));
      expect(answer.accepted).toEqual([fine.id]);
      expect(answer.rejected[0]).toMatchObject({ index: 0, code: 'payload_too_large' });
    });

    it('answers its own address with what lives there, not a 404', async () => {
      const root = await server.get('/');
      expect(root.status).toBe(200);
      const links = await json<Record<string, string>>(root);
      expect(links).toMatchObject({ events: '/v1/events', dashboard: '/dashboard/', health: '/health/live' });
      expect((await server.get(links.health!)).status).toBe(200);
    });

    it('answers unknown routes 404 and wrong methods 405, in JSON', async () => {
      const missing = await server.get('/v1/nothing');
      expect(missing.status).toBe(404);
      expect((await json(missing)).code).toBe('not_found');
      const wrong = await fetch(`${server.url}/v1/events`, { method: 'PUT' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toContain('POST');
      expect((await json(wrong)).code).toBe('method_not_allowed');
    });
  });

  describe('GET /v1/polls/{poll}/results', () => {
    it('can be revalidated: an ETag, 304 while nothing changed, a new answer once it has, never no-store', async () => {
      const origin = { origin: 'http://allowed.example' };
      const first = await server.get('/v1/polls/cached/results', origin);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      const tag = first.headers.get('etag');
      expect(tag).toMatch(/^(W\/)?"[^"]+"$/);
      const same = await server.get('/v1/polls/cached/results', { ...origin, 'if-none-match': tag! });
      expect(same.status).toBe(304);
      // A cross-origin page may still read what its cache holds.
      expect(same.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
      expect(same.headers.get('etag')).toBe(tag);
      await server.post(envelope('poll.vote', 'cached', { options: ['mango'] }));
      const changed = await server.get('/v1/polls/cached/results', { ...origin, 'if-none-match': tag! });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(tag);
      expect((await json<{ total: number }>(changed)).total).toBe(1);
      // What names nobody else's data is never stored by a shared cache; the admin API never at all.
      expect((await server.get('/v1/admin/widgets')).headers.get('cache-control')).toBe('no-store');
    });

    it('counts one vote per person, with their own vote and "other" answers', async () => {
      const me = anonymous();
      await server.post({
        events: [
          envelope('poll.vote', 'flavours', { options: ['mango', 'lime'] }),
          envelope('poll.vote', 'flavours', { options: ['mango'] }),
          envelope('poll.vote', 'flavours', { options: [], other: 'Yuzu' }, { anonymousId: me }),
        ],
      });
      const results = await json<PollResults>(await server.get(`/v1/polls/flavours/results?subject=${me}`));
      expect(results).toEqual({
        poll: 'flavours',
        total: 3,
        options: [
          { id: 'mango', votes: 2 },
          { id: 'lime', votes: 1 },
        ],
        other: 1,
        mine: { options: [], other: 'Yuzu' },
        closed: false,
      });
      const anonymousRead = await json<PollResults>(await server.get('/v1/polls/flavours/results'));
      expect(anonymousRead.mine).toBeNull();
    });

    it('answers an empty poll with zeros, and bad parameters with 400', async () => {
      expect(await json(await server.get('/v1/polls/nobody-voted/results'))).toMatchObject({
        total: 0,
        options: [],
        mine: null,
      });
      const bad = await server.get('/v1/polls/flavours/results?subject=short');
      expect(bad.status).toBe(400);
      expect(await json(bad)).toMatchObject({
        code: 'invalid_parameter',
        issues: expect.arrayContaining([expect.objectContaining({ path: 'subject' })]),
      });
    });

    it('refuses votes on a closed poll with 409 closed, and says it is closed', async () => {
      expect((await server.admin('PATCH', '/polls/closing', { closed: true })).status).toBe(200);
      const response = await server.post(envelope('poll.vote', 'closing', { options: ['a'] }));
      expect(response.status).toBe(409);
      expect((await json(response)).code).toBe('closed');
      expect(await json(await server.get('/v1/polls/closing/results'))).toMatchObject({ total: 0, closed: true });
      await server.admin('PATCH', '/polls/closing', { closed: false });
      expect((await server.post(envelope('poll.vote', 'closing', { options: ['a'] }))).status).toBe(200);
    });
  });

  describe('GET /v1/boards/{board}/ideas', () => {
    it("sorts by top, new and trending, pages, filters by status, and marks the asker's votes", async () => {
      const me = anonymous();
      const long = new Date(Date.now() - 30 * 86_400_000).toISOString();
      const old = envelope('idea.create', 'sorting', { title: 'Old and loved', form: form() }, { at: long });
      const fresh = envelope('idea.create', 'sorting', { title: 'Fresh and hot', form: form() });
      const quiet = envelope(
        'idea.create',
        'sorting',
        { title: 'Quiet one', form: form() },
        { at: new Date(Date.now() - 86_400_000).toISOString() },
      );
      await server.post({ events: [old, fresh, quiet] });
      // Old: 4 votes, long ago. Fresh: 2 votes, today (one of them mine).
      for (let i = 0; i < 3; i++) await server.post(envelope('idea.vote', 'sorting', { idea: old.id }, { at: long }));
      await server.post(envelope('idea.vote', 'sorting', { idea: fresh.id }, { anonymousId: me }));
      const list = (sort: string, extra = '') =>
        server.get(`/v1/boards/sorting/ideas?sort=${sort}&subject=${me}${extra}`).then((r) => json<IdeaList>(r));
      expect((await list('top')).ideas.map((idea) => [idea.title, idea.votes, idea.voted])).toEqual([
        ['Old and loved', 4, false],
        ['Fresh and hot', 2, true],
        ['Quiet one', 1, false],
      ]);
      expect((await list('new')).ideas.map((idea) => idea.title)).toEqual([
        'Fresh and hot',
        'Quiet one',
        'Old and loved',
      ]);
      expect((await list('trending')).ideas.map((idea) => idea.title)).toEqual([
        'Fresh and hot',
        'Quiet one',
        'Old and loved',
      ]);
      const first = await list('top', '&limit=2');
      expect(first.ideas).toHaveLength(2);
      expect(first.nextCursor).toBe('2');
      const second = await list('top', `&limit=2&cursor=${first.nextCursor}`);
      expect(second.ideas.map((idea) => idea.title)).toEqual(['Quiet one']);
      expect(second.nextCursor).toBeNull();
      await server.admin('PATCH', `/boards/sorting/ideas/${quiet.id}`, { status: 'planned' });
      expect((await list('top', '&status=planned')).ideas.map((idea) => idea.title)).toEqual(['Quiet one']);
    });

    it('refuses bad sort, status, cursor and limit', async () => {
      for (const query of ['sort=best', 'status=done', 'cursor=-1', 'limit=0', 'limit=101', 'user=']) {
        const response = await server.get(`/v1/boards/sorting/ideas?${query}`);
        expect(response.status, query).toBe(400);
        expect((await json(response)).code).toBe('invalid_parameter');
      }
    });

    it('refuses a vote for an idea that does not exist, with 404', async () => {
      const response = await server.post(envelope('idea.vote', 'sorting', { idea: 'no-such-idea' }));
      expect(response.status).toBe(404);
      expect(await json(response)).toMatchObject({
        code: 'not_found',
        issues: [expect.objectContaining({ path: 'data.idea' })],
      });
    });
  });

  describe('GET /v1/boards/{board}/ideas/similar', () => {
    it('finds likely duplicates by full-text search, best first, on this board only', async () => {
      const titles = ['Dark mode for the dashboard', 'Export to CSV', 'A darker theme at night', 'Keyboard shortcuts'];
      await server.post({ events: titles.map((title) => envelope('idea.create', 'search', { title, form: form() })) });
      await server.post(envelope('idea.create', 'elsewhere', { title: 'Dark mode everywhere', form: form() }));
      const similar = async (q: string) =>
        (
          await json<SimilarIdeas>(await server.get(`/v1/boards/search/ideas/similar?q=${encodeURIComponent(q)}`))
        ).ideas.map((idea) => idea.title);
      expect(await similar('dark mode')).toEqual(['Dark mode for the dashboard', 'A darker theme at night']);
      expect(await similar('csv exports')).toEqual(['Export to CSV']);
      expect(await similar('"); DROP TABLE ideas; --')).toEqual([]);
      expect(await similar('')).toEqual([]);
      expect((await server.get(`/v1/boards/search/ideas/similar?q=${'x'.repeat(201)}`)).status).toBe(400);
    });
  });

  describe('GET /v1/betas/{program}/signups/{code}', () => {
    it('gives the place in the queue, moved up by referrals, and the first sign-up for a repeated address', async () => {
      const signup = (email: string, code: string, referredBy?: string) =>
        envelope('beta.signup', 'beta', {
          email,
          consent: true,
          code,
          form: form(),
          ...(referredBy ? { referredBy } : {}),
        });
      await server.post(signup('first@example.com', 'first-code'));
      await server.post(signup('second@example.com', 'second-code'));
      await server.post(signup('third@example.com', 'third-code'));
      const status = async (code: string) => json<BetaStatus>(await server.get(`/v1/betas/beta/signups/${code}`));
      expect(await status('third-code')).toEqual({
        program: 'beta',
        position: 3,
        total: 3,
        referralCode: 'third-code',
        referrals: 0,
        status: 'waiting',
      });
      await server.post(signup('friend@example.com', 'friend-code', 'third-code'));
      expect(await status('third-code')).toMatchObject({ position: 2, total: 4, referrals: 1 });
      // The same address again, with a new code made by another browser: one sign-up for the
      // team, but a place in line like any new sign-up's, so nobody learns the address was there.
      await server.post(signup('THIRD@example.com', 'third-again'));
      expect(await status('third-again')).toEqual({
        program: 'beta',
        position: 5,
        total: 5,
        referralCode: 'third-again',
        referrals: 0,
        status: 'waiting',
      });
      expect(await status('third-code')).toMatchObject({ referralCode: 'third-code', position: 2, total: 5 });
      // What a referral through the second code credits is still the member's.
      await server.post(signup('pal@example.com', 'pal-code', 'third-again'));
      expect(await status('third-code')).toMatchObject({ referrals: 2, position: 1, total: 6 });
      expect((await server.get('/v1/betas/beta/signups/unknown-code')).status).toBe(404);
      expect((await server.get('/v1/betas/beta/signups/bad')).status).toBe(400);
    });

    it('never shows an e-mail address on a public route', async () => {
      const body = await (await server.get('/v1/betas/beta/signups/first-code')).text();
      expect(body).not.toContain('@');
    });

    it('refuses a referral code already taken by another address', async () => {
      const response = await server.post(
        envelope('beta.signup', 'beta', {
          email: 'thief@example.com',
          consent: true,
          code: 'first-code',
          form: form(),
        }),
      );
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({
        code: 'invalid_body',
        issues: [expect.objectContaining({ path: 'data.code' })],
      });
    });
  });
});
