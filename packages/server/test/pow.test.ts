/** The optional proof of work: challenges, solving, verifying, and each proof spent once. */
import type { Challenge, EventsResponse } from '@heard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProof, issueChallenge, solveChallenge, zeroBits } from '../src/pow.js';
import { envelope, form, json, KINDS, startTestServer, type TestServer } from './helpers.js';

const POW = { difficulty: 12, secret: 'a-secret-of-the-collector' };

describe('proof-of-work challenges', () => {
  it('counts leading zero bits', () => {
    expect(zeroBits(new Uint8Array([0, 0, 0x0f, 0xff]))).toBe(20);
    expect(zeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(zeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('accepts a solved challenge and refuses forged, expired and unsolved ones', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const challenge = issueChallenge(POW, now);
    expect(challenge.difficulty).toBe(12);
    const proof = solveChallenge(challenge);
    expect(checkProof(proof, POW, now)).toBeNull();
    expect(checkProof(proof, { ...POW, secret: 'another-secret-entirely' }, now)).toMatch(/did not issue/);
    expect(checkProof(proof, POW, new Date(now.getTime() + 31 * 60_000))).toMatch(/expired/);
    expect(checkProof(proof, { ...POW, difficulty: 30 }, now)).toMatch(/does not solve/);
    const [expires, salt, signature] = challenge.challenge.split('.');
    expect(checkProof(`${Number(expires) + 1}.${salt}.${signature}.1`, POW, now)).toMatch(/did not issue/);
    expect(checkProof('1.2.3', POW, now)).toMatch(/malformed/);
  });
});

describe.each(KINDS)('the proof of work on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { powDifficulty: 10, secret: POW.secret });
  });
  afterAll(() => server.close());

  const proof = async () => solveChallenge(await json<Challenge>(await server.get('/v1/challenge')));

  it('asks for a proof on new ideas and sign-ups, and takes one that solves its challenge', async () => {
    const without = await server.post(envelope('idea.create', 'pow', { title: 'No proof', form: form() }));
    expect(without.status).toBe(403);
    expect(await json(without)).toMatchObject({
      code: 'spam_suspected',
      issues: [expect.objectContaining({ path: 'data.form.proof' })],
    });
    const idea = envelope('idea.create', 'pow', { title: 'With proof', form: { ...form(), proof: await proof() } });
    expect((await server.post(idea)).status).toBe(200);
    const signup = envelope('beta.signup', 'pow', {
      email: 'p@example.com',
      consent: true,
      code: 'pow-code-1',
      form: { ...form(), proof: await proof() },
    });
    expect((await server.post(signup)).status).toBe(200);
    // Votes and answers need none.
    expect((await server.post(envelope('poll.vote', 'pow', { options: ['a'] }))).status).toBe(200);
  });

  it('spends each proof once, while a retry of the same event is still a duplicate', async () => {
    const spent = await proof();
    const first = envelope('idea.create', 'pow', { title: 'First post', form: { ...form(), proof: spent } });
    expect((await json<EventsResponse>(await server.post(first))).accepted).toEqual([first.id]);
    expect((await json<EventsResponse>(await server.post(first))).duplicates).toEqual([first.id]);
    const second = envelope('idea.create', 'pow', { title: 'Second post', form: { ...form(), proof: spent } });
    const refused = await server.post(second);
    expect(refused.status).toBe(403);
    expect((await json(refused)).message).toMatch(/spent/);
    const titles = await server.storage.db.selectFrom('ideas').select('title').where('board', '=', 'pow').execute();
    expect(titles.map((row) => row.title).sort()).toEqual(['First post', 'With proof']);
  });
});

describe('a collector without proof of work', () => {
  it('answers GET /v1/challenge with 204 No Content (no error for the host page), and takes posts without a proof', async () => {
    const server = await startTestServer('sqlite');
    try {
      const response = await server.get('/v1/challenge');
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
      expect(response.headers.get('content-type')).toBeNull();
      const idea = await server.post(envelope('idea.create', 'no-pow', { title: 'No proof asked', form: form() }));
      expect(idea.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
