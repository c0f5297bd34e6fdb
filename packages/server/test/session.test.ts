/** Signing in to the dashboard: the session cookie, CSRF on writes, signing out, and the page's headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from '../src/http/dashboard.js';
import { ADMIN_TOKEN, KINDS, envelope, json, startTestServer, type TestServer } from './helpers.js';

const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

describe.each(KINDS)('dashboard sessions on %s', (kind) => {
  let server: TestServer;
  const signIn = (token: string) =>
    fetch(`${server.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('trades the admin token for an HttpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const refused = await signIn('not-the-admin-token');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await json(refused)).toMatchObject({ code: 'unauthorized', issues: [{ path: 'token' }] });

    const answer = await signIn(ADMIN_TOKEN);
    expect(answer.status).toBe(200);
    const setCookie = answer.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^heard_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    const { csrf } = await json<{ csrf: string }>(answer);
    const cookie = cookieOf(answer);

    const current = await fetch(`${server.url}/dashboard/session`, { headers: { cookie } });
    expect(await json(current)).toMatchObject({ csrf });
    expect((await fetch(`${server.url}/dashboard/session`)).status).toBe(401);

    // Reads with the cookie alone; writes need the CSRF header as well.
    const widgets = await fetch(`${server.url}/v1/admin/widgets`, { headers: { cookie } });
    expect(widgets.status).toBe(200);
    const close = (headers: Record<string, string>) =>
      fetch(`${server.url}/v1/admin/polls/poll-1`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ closed: true }),
      });
    const forged = await close({});
    expect(forged.status).toBe(403);
    expect(await json(forged)).toMatchObject({ code: 'forbidden' });
    expect((await close({ 'x-heard-csrf': 'wrong' })).status).toBe(403);
    expect((await server.post(envelope('poll.vote', 'poll-1', { options: ['a'] }))).status).toBe(200);
    expect((await close({ 'x-heard-csrf': csrf })).status).toBe(200);
    expect((await server.post(envelope('poll.vote', 'poll-1', { options: ['a'] }))).status).toBe(409);

    // Signing out is a session write too: without the CSRF header another site could end it.
    const forgedOut = await fetch(`${server.url}/dashboard/session`, { method: 'DELETE', headers: { cookie } });
    expect(forgedOut.status).toBe(403);
    expect((await fetch(`${server.url}/v1/admin/widgets`, { headers: { cookie } })).status).toBe(200);

    // Signing out ends the session on the server, not only in the browser.
    const out = await fetch(`${server.url}/dashboard/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-heard-csrf': csrf },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^heard_session=; Max-Age=0; Path=\//);
    expect((await fetch(`${server.url}/v1/admin/widgets`, { headers: { cookie } })).status).toBe(401);
  });

  it('refuses malformed sign-ins with the failing field, and slows down guessing', async () => {
    const malformed = await fetch(`${server.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: ADMIN_TOKEN }),
    });
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toMatchObject({ code: 'invalid_body' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(`guess-${i}`)).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    const limited = await signIn(ADMIN_TOKEN);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('knows its own origin from --public-url, never from Host, and behind TLS marks the cookie Secure', async () => {
    const proxied = await startTestServer(kind, { trustProxy: true, publicUrl: 'https://feedback.example' });
    try {
      const answer = await fetch(`${proxied.url}/dashboard/session`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'https://feedback.example',
          'x-forwarded-proto': 'https',
        },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('set-cookie')).toMatch(/; Secure/);
      // A page on a name that resolves here (DNS rebinding) sends a Host matching its Origin:
      // that origin is still someone else's.
      const rebound = await fetch(`${proxied.url}/dashboard/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://rebound.example', host: 'rebound.example' },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
      expect(rebound.status).toBe(403);
      const own = new URL(proxied.url).host;
      const byHost = await fetch(`${proxied.url}/dashboard/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: `https://${own}`, 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
      expect(byHost.status).toBe(403);
    } finally {
      await proxied.close();
    }
  });

  it('serves the page under a strict CSP, its hashed assets for a year, and nothing else', async () => {
    const redirect = await fetch(`${server.url}/dashboard`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([308, '/dashboard/']);
    const page = await fetch(`${server.url}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /<script type="module" crossorigin src="\.\/(assets\/[\w.-]+\.js)">/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}/dashboard/${script}`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/dashboard/../package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/dashboard/assets/nothing.js`)).status).toBe(404);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain('unsafe');
  });
});
