/** The rules around the routes: CORS, rate limits, spam, the admin token, exports. */
import type { EventsResponse } from '@heard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, envelope, form, json, KINDS, startTestServer, type TestServer } from './helpers.js';

describe.each(KINDS)('rules on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  describe('CORS', () => {
    it('answers a preflight from an allowed origin, without credentials', async () => {
      const response = await fetch(`${server.url}/v1/events`, {
        method: 'OPTIONS',
        headers: { origin: 'http://allowed.example', 'access-control-request-method': 'POST' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('vary')).toMatch(/origin/i);
    });

    it('refuses a write and a read from an origin not on the list, and stores nothing', async () => {
      const before = await server.rows();
      const write = await server.post(envelope('nps.response', 'cors', { score: 9 }), {
        origin: 'https://evil.example',
        'content-type': 'text/plain',
      });
      expect(write.status).toBe(403);
      expect((await json(write)).code).toBe('origin_not_allowed');
      expect(write.headers.get('access-control-allow-origin')).toBeNull();
      const read = await server.get('/v1/polls/p/results', { origin: 'https://evil.example' });
      expect(read.status).toBe(403);
      expect(await server.rows()).toEqual(before);
    });

    it('lets an allowed origin write and read, and exposes Retry-After', async () => {
      const response = await server.post(envelope('nps.response', 'cors', { score: 9 }), {
        origin: 'http://allowed.example',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
      expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
    });
  });

  describe('spam', () => {
    it('refuses a filled honeypot and a too-fast form with 403 spam_suspected, storing nothing', async () => {
      const before = await server.rows();
      const honeypot = await server.post(
        envelope('idea.create', 'spam', { title: 'Cheap pills', form: { honeypot: 'http://spam', fillMs: 9_000 } }),
      );
      expect(honeypot.status).toBe(403);
      expect(await json(honeypot)).toMatchObject({
        code: 'spam_suspected',
        issues: [expect.objectContaining({ path: 'data.form.honeypot' })],
      });
      const fast = await server.post(
        envelope('beta.signup', 'spam', { email: 'bot@example.com', consent: true, code: 'bot-code', form: form(120) }),
      );
      expect(fast.status).toBe(403);
      expect(await json(fast)).toMatchObject({ issues: [expect.objectContaining({ path: 'data.form.fillMs' })] });
      expect(await server.rows()).toEqual(before);
    });

    it('lists spam among the rejected of a batch and keeps the rest', async () => {
      const good = envelope('idea.create', 'spam', { title: 'Real idea', form: form() });
      const bad = envelope('idea.create', 'spam', { title: 'Bot idea', form: form(5) });
      const answer = await json<EventsResponse>(await server.post({ events: [good, bad] }));
      expect(answer.accepted).toEqual([good.id]);
      expect(answer.rejected).toMatchObject([{ id: bad.id, code: 'spam_suspected' }]);
    });
  });

  describe('the admin API', () => {
    it('refuses a missing or wrong token with 401', async () => {
      const none = await server.get('/v1/admin/widgets');
      expect(none.status).toBe(401);
      expect((await json(none)).code).toBe('unauthorized');
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await server.get('/v1/admin/widgets', { authorization: `Bearer ${ADMIN_TOKEN}x` });
      expect(wrong.status).toBe(401);
      const ok = await server.get('/v1/admin/widgets', { authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(ok.status).toBe(200);
    });

    it('exports a widget as NDJSON and CSV, e-mail included for the team, formulas defused', async () => {
      const vote = envelope('poll.vote', 'exported', { options: ['a', 'b'], other: '=HYPERLINK("x")' });
      const signup = envelope('beta.signup', 'exported', {
        email: 'ana@example.com',
        consent: true,
        code: 'ana-code',
        fields: { role: 'PM, lead' },
        form: form(),
      });
      await server.post({ events: [vote, signup] });
      const ndjson = await server.admin('GET', '/widgets/exported/export?format=ndjson');
      expect(ndjson.headers.get('content-type')).toMatch(/ndjson/);
      const lines = (await ndjson.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line.id).sort()).toEqual([vote.id, signup.id].sort());
      expect(lines.find((line) => line.id === vote.id)).toMatchObject({
        type: 'poll.vote',
        data: vote.data,
        subject: vote.subject,
      });
      const csv = await server.admin('GET', '/widgets/exported/export?format=csv');
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="exported.csv"');
      const text = await csv.text();
      const [header, ...rows] = text.trim().split('\r\n');
      expect(header!.split(',')).toContain('email');
      expect(rows).toHaveLength(2);
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
      expect(text).toContain('a;b');
      expect(text).toContain('ana@example.com');
      expect(text).toContain('"{""role"":""PM, lead""}"');
      expect((await server.admin('GET', '/widgets/exported/export?format=xml')).status).toBe(400);
    });

    it('exports every row of a large widget, page after page', async () => {
      const events = [...Array(2_345).keys()].map((i) => envelope('nps.response', 'many', { score: i % 11 }));
      for (let i = 0; i < events.length; i += 50) await server.post({ events: events.slice(i, i + 50) });
      const lines = (await (await server.admin('GET', '/widgets/many/export')).text()).trim().split('\n');
      expect(lines).toHaveLength(2_345);
      expect(new Set(lines.map((line) => (JSON.parse(line) as { id: string }).id)).size).toBe(2_345);
    });

    it('refuses an admin body that is not JSON, or not what the route takes', async () => {
      const notJson = await fetch(`${server.url}/v1/admin/polls/p`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: '{',
      });
      expect(notJson.status).toBe(400);
      expect((await json(notJson)).code).toBe('invalid_json');
      const extra = await server.admin('PATCH', '/polls/p', { closed: true, reason: 'x' });
      expect(extra.status).toBe(400);
      expect((await json(extra)).code).toBe('invalid_body');
    });

    it('invites a beta sign-up, which its owner then sees', async () => {
      await server.post(
        envelope('beta.signup', 'invites', { email: 'bo@example.com', consent: true, code: 'bo-code-1', form: form() }),
      );
      const invited = await server.admin('PATCH', '/betas/invites/signups/bo-code-1', { status: 'invited' });
      expect(await json(invited)).toMatchObject({ status: 'invited', referralCode: 'bo-code-1' });
      expect(await json(await server.get('/v1/betas/invites/signups/bo-code-1'))).toMatchObject({ status: 'invited' });
      expect((await server.admin('PATCH', '/betas/invites/signups/nobody-1', { status: 'invited' })).status).toBe(404);
    });
  });
});

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { writesPerMinute: 5, readsPerMinute: 3 });
  });
  afterAll(() => server.close());

  it('answers 429 with Retry-After once a client has used its writes, and stores nothing more', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await server.post(envelope('nps.response', 'limited', { score: 5 }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await server.post(envelope('nps.response', 'limited', { score: 5 }));
    expect(refused.status).toBe(429);
    expect((await json(refused)).code).toBe('rate_limited');
    // Five a minute: one more every 12 seconds.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(12);
    expect((await server.rows()).events).toBe(5);
  });

  it('counts reads apart from writes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await server.get('/v1/polls/limited/results')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('refills over time', async () => {
    const { TokenBuckets } = await import('../src/http/rate-limit.js');
    const buckets = new TokenBuckets(60);
    for (let i = 0; i < 60; i++) expect(buckets.take('client', 0)).toBe(0);
    expect(buckets.take('client', 0)).toBe(1_000);
    expect(buckets.take('client', 500)).toBe(500);
    expect(buckets.take('client', 1_000)).toBe(0);
    expect(buckets.take('other', 1_000)).toBe(0);
  });
});
