/**
 * Group commit, from the outside, on both databases: envelopes sent at once share
 * transactions (on PostgreSQL, counted by the transaction ids they use), each is answered only
 * once it is committed (a read right after its answer sees it), and a refused envelope in a
 * group leaves nothing behind and takes no other with it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS, anonymous, envelope, json, startTestServer, type TestServer } from './helpers.js';

describe.each(KINDS)('group commit on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  /** PostgreSQL's next transaction id (asking takes one). */
  const nextTransactionId = async () =>
    Number((await sql<{ id: string }>`SELECT txid_current() AS id`.execute(server.storage.db)).rows[0]!.id);

  it('answers each of 100 votes sent at once after the commit that holds it, in fewer transactions', async () => {
    const before = kind === 'postgres' ? await nextTransactionId() : 0;
    const people = Array.from({ length: 100 }, () => anonymous());
    const seen = await Promise.all(
      people.map(async (person) => {
        const response = await server.post(
          envelope('poll.vote', 'grouped', { options: ['a'] }, { anonymousId: person }),
        );
        expect(response.status).toBe(200);
        // Asked the moment the answer came: the vote is committed, so any connection sees it.
        const results = await json<{ mine: { options: string[] } | null }>(
          await server.get(`/v1/polls/grouped/results?subject=${person}`),
        );
        return results.mine?.options;
      }),
    );
    expect(seen.filter((options) => options?.[0] === 'a')).toHaveLength(100);
    const results = await json<{ total: number }>(await server.get('/v1/polls/grouped/results'));
    expect(results.total).toBe(100);
    if (kind === 'postgres') {
      // One transaction per envelope would take 100 ids (and the reads none).
      const used = (await nextTransactionId()) - before - 1;
      expect(used).toBeGreaterThan(0);
      expect(used).toBeLessThan(60);
    }
  });

  it('stores none of the envelopes a group refuses, and every other one', async () => {
    expect((await server.admin('PATCH', '/polls/grouped-closed', { closed: true })).status).toBeLessThan(300);
    const valid = Array.from({ length: 40 }, () =>
      envelope('poll.vote', 'grouped-open', { options: ['b'] }, { anonymousId: anonymous() }),
    );
    const closed = Array.from({ length: 5 }, () =>
      envelope('poll.vote', 'grouped-closed', { options: ['b'] }, { anonymousId: anonymous() }),
    );
    const unknown = Array.from({ length: 5 }, () =>
      envelope('idea.vote', 'grouped-board', { idea: '00000000-0000-4000-8000-000000000000' }),
    );
    const answers = await Promise.all([...valid, ...closed, ...unknown].map((body) => server.post(body)));
    expect(answers.slice(0, 40).map((answer) => answer.status)).toEqual(Array(40).fill(200));
    expect(answers.slice(40, 45).map((answer) => answer.status)).toEqual(Array(5).fill(409));
    expect(answers.slice(45).map((answer) => answer.status)).toEqual(Array(5).fill(404));
    const stored = async (widget: string) =>
      Number(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM events WHERE widget = ${widget}`.execute(server.storage.db))
          .rows[0]!.n,
      );
    expect(await stored('grouped-open')).toBe(40);
    expect(await stored('grouped-closed')).toBe(0);
    expect(await stored('grouped-board')).toBe(0);
    expect((await json<{ total: number }>(await server.get('/v1/polls/grouped-closed/results'))).total).toBe(0);
  });
});
