/**
 * Verified identity, on both databases: a user id counts only with the site's signature of
 * it. A forged one (no signature, a wrong one, one made with another secret) can neither read
 * nor change a signed user's answers; it counts as its browser. A signed user voting from two
 * browsers counts once; while the site rotates its secret, ids signed with either count.
 */
import type { IdeaList, PollResults } from '@heard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUser } from '../src/store/subject.js';
import {
  anonymous,
  envelope,
  form,
  IDENTITY_SECRET,
  json,
  KINDS,
  startTestServer,
  type TestServer,
} from './helpers.js';

const NEXT_SECRET = 'the-next-identity-secret-9876543210';
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

describe.each(KINDS)('signed user ids on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { identitySecrets: [IDENTITY_SECRET, NEXT_SECRET] });
  });
  afterAll(() => server.close());

  const results = async (poll: string, query: string) =>
    json<PollResults>(await server.get(`/v1/polls/${poll}/results?${query}`));

  it('counts a signed user once across browsers, and shows them their vote on any of them', async () => {
    const userSignature = signUser('user-1', IDENTITY_SECRET);
    const laptop = envelope(
      'poll.vote',
      'users',
      { options: ['x'] },
      { userId: 'user-1', userSignature, at: hourAgo() },
    );
    const phone = envelope('poll.vote', 'users', { options: ['y'] }, { userId: 'user-1', userSignature });
    expect((await server.post(laptop)).status).toBe(200);
    expect((await server.post(phone)).status).toBe(200);
    const mine = await results('users', `subject=${anonymous()}&user=user-1&userSignature=${userSignature}`);
    expect(mine).toMatchObject({ total: 1, mine: { options: ['y'] } });
  });

  it("neither reads nor changes a signed user's vote with a forged id", async () => {
    const userSignature = signUser('42', IDENTITY_SECRET);
    await server.post(
      envelope(
        'poll.vote',
        'private',
        { options: [], other: 'My secret answer' },
        { userId: '42', userSignature, at: hourAgo() },
      ),
    );
    const forgeries: Record<string, string>[] = [
      {},
      { userSignature: signUser('43', IDENTITY_SECRET) },
      { userSignature: signUser('42', 'someone-elses-secret-000000') },
      { userSignature: '0'.repeat(64) },
    ];
    for (const forged of forgeries) {
      const query = new URLSearchParams({ subject: anonymous(), user: '42', ...forged });
      const read = await results('private', query.toString());
      expect(read.mine, JSON.stringify(forged)).toBeNull();
      expect(JSON.stringify(read)).not.toContain('My secret answer');
      // A vote sent as user 42 without a valid signature is its browser's, not user 42's.
      const attacker = anonymous();
      const vote = envelope(
        'poll.vote',
        'private',
        { options: ['hijacked'] },
        { userId: '42', anonymousId: attacker, ...forged },
      );
      expect((await server.post(vote)).status).toBe(200);
      expect((await results('private', `subject=${attacker}`)).mine).toMatchObject({ options: ['hijacked'] });
    }
    const owner = await results('private', `user=42&userSignature=${userSignature}`);
    expect(owner.mine).toEqual({ options: [], other: 'My secret answer' });
    expect(owner.total).toBe(1 + forgeries.length);
    // The event log keeps only user ids the site signed.
    const stored = await server.storage.db
      .selectFrom('events')
      .select('user_id')
      .where('widget', '=', 'private')
      .execute();
    expect(stored.map((row) => row.user_id).sort()).toEqual(['42', null, null, null, null]);
  });

  it('takes ids signed with either secret while the site rotates, and they are the same person', async () => {
    const before = signUser('rotating-user', IDENTITY_SECRET);
    const after = signUser('rotating-user', NEXT_SECRET);
    await server.post(
      envelope(
        'poll.vote',
        'rotation',
        { options: ['old'] },
        { userId: 'rotating-user', userSignature: before, at: hourAgo() },
      ),
    );
    await server.post(
      envelope('poll.vote', 'rotation', { options: ['new'] }, { userId: 'rotating-user', userSignature: after }),
    );
    for (const userSignature of [before, after]) {
      expect(await results('rotation', `user=rotating-user&userSignature=${userSignature}`)).toMatchObject({
        total: 1,
        mine: { options: ['new'] },
      });
    }
  });

  it("neither reads nor moves a signed user's idea votes with a forged id", async () => {
    const idea = envelope('idea.create', 'ideas-of-users', { title: 'Dark mode', form: form() });
    await server.post(idea);
    const userSignature = signUser('7', IDENTITY_SECRET);
    await server.post(
      envelope('idea.vote', 'ideas-of-users', { idea: idea.id }, { userId: '7', userSignature, at: hourAgo() }),
    );
    await server.post(envelope('idea.unvote', 'ideas-of-users', { idea: idea.id }, { userId: '7' }));
    const list = async (query: string) =>
      (await json<IdeaList>(await server.get(`/v1/boards/ideas-of-users/ideas?${query}`))).ideas[0];
    expect(await list(`user=7&userSignature=${userSignature}`)).toMatchObject({ votes: 2, voted: true });
    expect(await list('user=7')).toMatchObject({ votes: 2, voted: false });
  });

  it('refuses a malformed signature as a bad field', async () => {
    const response = await server.post(
      envelope('poll.vote', 'users', { options: ['x'] }, { userId: 'u', userSignature: 'not-hex' }),
    );
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: 'subject.userSignature' })]),
    });
    expect((await server.get('/v1/polls/users/results?user=u&userSignature=nope')).status).toBe(400);
  });
});

describe('a collector without --identity-secret', () => {
  it('trusts no user id: every answer belongs to its browser', async () => {
    const server = await startTestServer('sqlite', { identitySecrets: [] });
    try {
      const userSignature = signUser('1', IDENTITY_SECRET);
      const first = anonymous();
      await server.post(
        envelope(
          'poll.vote',
          'open',
          { options: ['a'] },
          { userId: '1', userSignature, anonymousId: first, at: hourAgo() },
        ),
      );
      await server.post(envelope('poll.vote', 'open', { options: ['b'] }, { userId: '1', userSignature }));
      expect(
        await json<PollResults>(await server.get(`/v1/polls/open/results?user=1&userSignature=${userSignature}`)),
      ).toMatchObject({
        total: 2,
        mine: null,
      });
    } finally {
      await server.close();
    }
  });
});
