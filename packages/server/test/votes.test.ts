/**
 * One vote per person, held by the database's unique keys under concurrency: parallel votes,
 * parallel retries, un-votes and changed votes, merges and status changes, on both databases.
 */
import { ERROR_CODES, type EventsResponse, type Idea, type IdeaList, type PollResults } from '@heard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, envelope, form, json, KINDS, startTestServer, type TestServer } from './helpers.js';

describe.each(KINDS)('votes on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  const results = async (poll: string, subject: string) =>
    json<PollResults>(await server.get(`/v1/polls/${poll}/results?subject=${subject}`));

  it('leaves one vote from 100 different votes by one person sent in parallel', async () => {
    const me = anonymous();
    const votes = [...Array(100).keys()].map((i) =>
      envelope('poll.vote', 'parallel', { options: [`option-${i % 7}`] }, { anonymousId: me }),
    );
    const answers = await Promise.all(votes.map((vote) => server.post(vote).then((r) => json<EventsResponse>(r))));
    expect(answers.flatMap((answer) => answer.accepted)).toHaveLength(100);
    const rows = await server.storage.db.selectFrom('poll_votes').selectAll().where('poll', '=', 'parallel').execute();
    expect(rows).toHaveLength(1);
    const options = JSON.parse(rows[0]!.options) as string[];
    expect(options).toHaveLength(1);
    const mine = await results('parallel', me);
    expect(mine.total).toBe(1);
    expect(mine.options).toEqual([{ id: options[0], votes: 1 }]);
  });

  it('takes votes that arrive together as one: each person’s newest counts once, a retry is a duplicate, and only the vote for a closed poll is refused', async () => {
    const [changer, twice, fresh] = [anonymous(), anonymous(), anonymous()];
    const earlier = envelope(
      'poll.vote',
      'together',
      { options: ['a'] },
      { anonymousId: changer, at: '2026-03-01T10:00:00Z' },
    );
    expect((await server.post(earlier)).status).toBe(200);
    expect((await server.post(envelope('poll.vote', 'together-closed', { options: ['a'] }))).status).toBe(200);
    expect((await server.admin('PATCH', '/polls/together-closed', { closed: true })).status).toBe(200);
    const closedVote = envelope('poll.vote', 'together-closed', { options: ['b'] });
    const batch = [
      envelope('poll.vote', 'together', { options: ['c', 'b'] }, { anonymousId: changer, at: '2026-03-01T11:00:00Z' }),
      // One person twice: the later vote counts, in whatever order the two came.
      envelope('poll.vote', 'together', { options: ['c'] }, { anonymousId: twice, at: '2026-03-01T12:00:00Z' }),
      envelope('poll.vote', 'together', { options: ['a'] }, { anonymousId: twice, at: '2026-03-01T11:30:00Z' }),
      envelope('poll.vote', 'together', { options: ['a'], other: 'Soon' }, { anonymousId: fresh }),
      closedVote,
      earlier,
    ];
    const answer = await json<EventsResponse>(await server.post({ events: batch }));
    expect(answer.accepted).toEqual(batch.slice(0, 4).map((vote) => vote.id));
    expect(answer.duplicates).toEqual([earlier.id]);
    expect(answer.rejected).toMatchObject([{ id: closedVote.id, index: 4, code: ERROR_CODES.closed }]);

    expect((await results('together', changer)).mine).toEqual({ options: ['b', 'c'] });
    expect((await results('together', twice)).mine).toEqual({ options: ['c'] });
    const mine = await results('together', fresh);
    expect(mine.mine).toEqual({ options: ['a'], other: 'Soon' });
    expect(mine).toMatchObject({
      total: 3,
      other: 1,
      options: [
        { id: 'c', votes: 2 },
        { id: 'a', votes: 1 },
        { id: 'b', votes: 1 },
      ],
    });
    const closed = await results('together-closed', anonymous());
    expect(closed).toMatchObject({ total: 1, closed: true, options: [{ id: 'a', votes: 1 }] });
  });

  it('stores an event once when 100 retries of its id arrive in parallel', async () => {
    const vote = envelope('poll.vote', 'retries', { options: ['a'] });
    const answers = await Promise.all(
      [...Array(100)].map(() => server.post(vote).then((r) => json<EventsResponse>(r))),
    );
    expect(answers.flatMap((answer) => answer.accepted)).toEqual([vote.id]);
    expect(answers.flatMap((answer) => answer.duplicates)).toHaveLength(99);
    const stored = await server.storage.db.selectFrom('events').select('id').where('widget', '=', 'retries').execute();
    expect(stored).toHaveLength(1);
    expect((await results('retries', vote.subject.anonymousId)).total).toBe(1);
  });

  it('keeps one idea vote from 100 parallel votes by one person', async () => {
    const idea = envelope('idea.create', 'crowd', { title: 'Offline mode', form: form() });
    await server.post(idea);
    const me = anonymous();
    await Promise.all(
      [...Array(100)].map(() => server.post(envelope('idea.vote', 'crowd', { idea: idea.id }, { anonymousId: me }))),
    );
    const list = await json<IdeaList>(await server.get(`/v1/boards/crowd/ideas?subject=${me}`));
    expect(list.ideas[0]).toMatchObject({ votes: 2, voted: true });
  });

  it('changes a vote, and a late retry of the older vote does not undo the change', async () => {
    const me = anonymous();
    const earlier = new Date(Date.now() - 60_000).toISOString();
    const first = envelope('poll.vote', 'change', { options: ['tea'] }, { anonymousId: me, at: earlier });
    const second = envelope('poll.vote', 'change', { options: ['coffee'], other: 'Mate' }, { anonymousId: me });
    await server.post(first);
    await server.post(second);
    expect((await results('change', me)).mine).toEqual({ options: ['coffee'], other: 'Mate' });
    // A vote made earlier but delivered later (another tab, offline) loses by its time.
    const lateButOlder = envelope('poll.vote', 'change', { options: ['water'] }, { anonymousId: me, at: earlier });
    await server.post(lateButOlder);
    const after = await results('change', me);
    expect(after.mine).toEqual({ options: ['coffee'], other: 'Mate' });
    expect(after).toMatchObject({ total: 1, other: 1, options: [{ id: 'coffee', votes: 1 }] });
  });

  it('un-votes an idea, and a late older vote does not bring the vote back', async () => {
    const idea = envelope('idea.create', 'unvote', { title: 'Bulk edit', form: form() });
    await server.post(idea);
    const me = anonymous();
    const before = new Date(Date.now() - 30_000).toISOString();
    await server.post(envelope('idea.vote', 'unvote', { idea: idea.id }, { anonymousId: me, at: before }));
    const voted = await json<IdeaList>(await server.get(`/v1/boards/unvote/ideas?subject=${me}`));
    expect(voted.ideas[0]).toMatchObject({ votes: 2, voted: true });
    await server.post(envelope('idea.unvote', 'unvote', { idea: idea.id }, { anonymousId: me }));
    await server.post(envelope('idea.vote', 'unvote', { idea: idea.id }, { anonymousId: me, at: before }));
    const unvoted = await json<IdeaList>(await server.get(`/v1/boards/unvote/ideas?subject=${me}`));
    expect(unvoted.ideas[0]).toMatchObject({ votes: 1, voted: false });
  });

  it('merges duplicate ideas: votes move, a person who voted for both counts once, later votes follow', async () => {
    const board = 'merging';
    const keep = envelope('idea.create', board, { title: 'Dark mode', form: form() });
    const dupe = envelope('idea.create', board, { title: 'Night theme', form: form() });
    const both = anonymous();
    const onlyDupe = anonymous();
    await server.post({
      events: [
        keep,
        dupe,
        envelope('idea.vote', board, { idea: keep.id }, { anonymousId: both }),
        envelope('idea.vote', board, { idea: dupe.id }, { anonymousId: both }),
        envelope('idea.vote', board, { idea: dupe.id }, { anonymousId: onlyDupe }),
      ],
    });
    // keep: author + both = 2; dupe: author + both + onlyDupe = 3; distinct people: 4 (two authors).
    const merged = await server.admin('POST', `/boards/${board}/ideas/${dupe.id}/merge`, { into: keep.id });
    expect(merged.status).toBe(200);
    expect(await json<Idea>(merged)).toMatchObject({ id: keep.id, votes: 4 });
    const list = await json<IdeaList>(await server.get(`/v1/boards/${board}/ideas?subject=${onlyDupe}`));
    expect(list.ideas.map((idea) => [idea.title, idea.votes, idea.voted])).toEqual([['Dark mode', 4, true]]);
    const late = anonymous();
    await server.post(envelope('idea.vote', board, { idea: dupe.id }, { anonymousId: late }));
    const after = await json<IdeaList>(await server.get(`/v1/boards/${board}/ideas?subject=${late}`));
    expect(after.ideas[0]).toMatchObject({ votes: 5, voted: true });
    expect((await server.admin('POST', `/boards/${board}/ideas/${dupe.id}/merge`, { into: keep.id })).status).toBe(404);
    expect((await server.admin('POST', `/boards/${board}/ideas/${keep.id}/merge`, { into: keep.id })).status).toBe(400);
    expect((await server.admin('POST', `/boards/${board}/ideas/${keep.id}/merge`, { into: 'nothing' })).status).toBe(
      404,
    );
  });

  it('shows a status change and its note to voters', async () => {
    const idea = envelope('idea.create', 'status', { title: 'Calendar sync', form: form() });
    await server.post(idea);
    const changed = await server.admin('PATCH', `/boards/status/ideas/${idea.id}`, {
      status: 'declined',
      note: 'Out of scope for now',
    });
    expect(changed.status).toBe(200);
    const seen = await json<IdeaList>(await server.get(`/v1/boards/status/ideas?subject=${idea.subject.anonymousId}`));
    expect(seen.ideas[0]).toMatchObject({
      status: 'declined',
      statusNote: 'Out of scope for now',
      statusChangedAt: expect.stringMatching(/^\d{4}-/),
      voted: true,
    });
    const bad = await server.admin('PATCH', `/boards/status/ideas/${idea.id}`, { status: 'done' });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({
      code: 'invalid_body',
      issues: [expect.objectContaining({ path: 'status' })],
    });
    expect((await server.admin('PATCH', '/boards/status/ideas/missing', { status: 'planned' })).status).toBe(404);
  });
});
