/** The admin log: each change the team makes is written with it, in the same transaction, and read back newest first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, KINDS, envelope, form, json, startTestServer, type TestServer } from './helpers.js';

type Log = { entries: { via: string; action: string; target: string | null; detail: unknown }[]; next: number | null };

describe.each(KINDS)('the admin log on %s', (kind) => {
  let server: TestServer;
  const log = async (widget: string, query = '') =>
    json<Log>(await server.admin('GET', `/widgets/${widget}/log${query}`));
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('records status changes and merges with the titles of the time, and nothing for a refused change', async () => {
    const dark = envelope('idea.create', 'board-log', { title: 'Dark mode', form: form() });
    const night = envelope('idea.create', 'board-log', { title: 'Night theme', form: form() });
    await server.post({ events: [dark, night] });
    const before = (await server.rows()).admin_log;
    expect((await server.admin('PATCH', '/boards/board-log/ideas/no-such-idea', { status: 'planned' })).status).toBe(
      404,
    );
    expect((await server.admin('POST', `/boards/board-log/ideas/${night.id}/merge`, { into: 'nope' })).status).toBe(
      404,
    );
    expect((await server.rows()).admin_log).toBe(before);

    await server.admin('PATCH', `/boards/board-log/ideas/${dark.id}`, {
      status: 'declined',
      note: 'Follows the system',
    });
    await server.admin('POST', `/boards/board-log/ideas/${night.id}/merge`, { into: dark.id });
    expect((await log('board-log')).entries).toEqual([
      {
        at: expect.any(String),
        via: 'api',
        action: 'idea.merge',
        target: night.id,
        detail: { from: 'Night theme', into: 'Dark mode' },
      },
      {
        at: expect.any(String),
        via: 'api',
        action: 'idea.status',
        target: dark.id,
        detail: { title: 'Dark mode', status: 'declined', note: 'Follows the system' },
      },
    ]);
    const first = await log('board-log', '?limit=1');
    expect([first.entries.map((entry) => entry.action), first.next]).toEqual([['idea.merge'], 1]);
  });

  it('says whether a change came from a dashboard session or the API token', async () => {
    const signIn = await fetch(`${server.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const { csrf } = await json<{ csrf: string }>(signIn);
    await fetch(`${server.url}/v1/admin/polls/poll-log`, {
      method: 'PATCH',
      headers: { cookie, 'x-heard-csrf': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ closed: true }),
    });
    await server.admin('PATCH', '/polls/poll-log', { closed: false });
    expect(
      (await log('poll-log')).entries.map(({ via, action, target, detail }) => [via, action, target, detail]),
    ).toEqual([
      ['api', 'poll.closed', null, { closed: false }],
      ['dashboard', 'poll.closed', null, { closed: true }],
    ]);
  });

  it('records invitations with the address invited', async () => {
    await server.post(
      envelope('beta.signup', 'beta-log', { email: 'Ada@Example.com', consent: true, code: 'log-ada', form: form() }),
    );
    await server.admin('PATCH', '/betas/beta-log/signups/log-ada', { status: 'invited' });
    expect((await server.admin('PATCH', '/betas/beta-log/signups/log-nobody', { status: 'invited' })).status).toBe(404);
    expect((await log('beta-log')).entries).toMatchObject([
      { action: 'signup.status', target: 'log-ada', detail: { email: 'Ada@Example.com', status: 'invited' } },
    ]);
    expect((await server.get('/v1/admin/widgets/beta-log/log')).status).toBe(401);
  });
});
