/**
 * The collector as a process: the CLI's output and its refusal of bad flags, a clean stop on
 * SIGTERM that lets requests in flight finish, and SIGKILL in the middle of writes: after a
 * restart no event is half-stored, and replaying every event stores each exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import type { Envelope, EventsResponse } from '@heard/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  anonymous,
  BIN,
  envelope,
  form,
  freshStorage,
  killSpawned,
  KINDS,
  spawnCollector,
  type Kind,
} from './helpers.js';

afterEach(killSpawned);

/** Resolves when the process has exited, even if it already has. */
const exited = (child: ChildProcess): Promise<unknown> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit');

const start = spawnCollector;

const post = (url: string, events: Envelope[]) =>
  fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  }).then((response) => response.json() as Promise<EventsResponse>);

const sigtermEvent = () => ({ ...envelope('nps.response', 'sigterm', { score: 8 }), id: crypto.randomUUID() });

/**
 * A POST to /v1/events whose head the server has read (it answered 100 Continue) and whose
 * body waits for `finish()`.
 */
const held = async (url: string, body: string) => {
  const outgoing = request(`${url}/v1/events`, {
    method: 'POST',
    // Its own connection, closed after the answer, so the server has no idle one to wait for.
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    outgoing.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text }));
    });
    outgoing.on('error', reject);
  });
  outgoing.flushHeaders();
  await once(outgoing, 'continue');
  return { answer, finish: () => outgoing.end(body) };
};

describe('the heard-server command', () => {
  it('prints where it listens and which storage it uses', async () => {
    const storage = await freshStorage('sqlite');
    const { output } = await start(['--storage', storage, '--origins', 'https://a.example,https://b.example']);
    expect(output()).toContain(`storage: SQLite ${storage}`);
    expect(output()).toContain('origins: https://a.example, https://b.example');
    expect(output()).toContain('admin API: on');
  });

  it('refuses bad flags with a clear message and exit code 2', async () => {
    for (const [args, message] of [
      [['--port', 'eighty'], '--port must be a whole number'],
      [['--origins', 'example.com'], '"example.com" is not an origin'],
      [['--admin-token', 'short'], '--admin-token must be at least 16 characters'],
      [['--colour'], "Unknown option '--colour'"],
    ] as const) {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk));
      const [code] = (await once(child, 'exit')) as [number];
      expect(code, args.join(' ')).toBe(2);
      expect(output).toContain(message);
    }
  });

  it('on SIGTERM finishes the requests in flight, then exits 0', async () => {
    const { child, url, output } = await start(['--storage', await freshStorage('sqlite')]);
    // In flight for sure: the server has read each request's head and asked for its body,
    // which is held back until the server has taken the signal.
    const inFlight = await Promise.all(
      [...Array(5)].map(() => held(url, JSON.stringify({ events: [...Array(50)].map(() => sigtermEvent()) }))),
    );
    child.kill('SIGTERM');
    await vi.waitFor(() => expect(output()).toContain('SIGTERM, finishing requests in flight'));
    for (const request of inFlight) request.finish();
    const answers = await Promise.all(inFlight.map((request) => request.answer));
    await exited(child);
    expect(child.exitCode).toBe(0);
    for (const answer of answers) {
      expect(answer.status, answer.body).toBe(200);
      expect((JSON.parse(answer.body) as EventsResponse).accepted).toHaveLength(50);
    }
  });
});

/** A mix of every kind of write, several per person, ideas voted for in the same batch. */
const workload = (batches: number): Envelope[][] =>
  [...Array(batches).keys()].map((b) => {
    const person = anonymous();
    const idea = envelope(
      'idea.create',
      'crash-board',
      { title: `Idea number ${b}`, form: form() },
      { anonymousId: person },
    );
    return [
      envelope('poll.vote', 'crash-poll', { options: [`o${b % 5}`] }, { anonymousId: person }),
      envelope('poll.vote', 'crash-poll', { options: [`o${(b + 1) % 5}`, 'x'] }, { anonymousId: person }),
      envelope('nps.response', 'crash-nps', { score: b % 11, comment: 'ok' }, { anonymousId: person }),
      idea,
      envelope('idea.vote', 'crash-board', { idea: idea.id }, { anonymousId: anonymous() }),
      envelope('beta.signup', 'crash-beta', {
        email: `p${b}@example.com`,
        consent: true,
        code: `code-${b}-x`,
        form: form(),
      }),
    ];
  });

describe.each(KINDS)('SIGKILL in the middle of writes on %s', (kind: Kind) => {
  it('leaves no partial data, and a replay stores every event exactly once', async () => {
    const storage = await freshStorage(kind);
    const first = await start(['--storage', storage]);
    const batches = workload(400);
    let next = 0;
    let answered = 0;
    // Eight clients writing as fast as they can, until the process dies under them.
    const client = async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        try {
          await post(first.url, batch);
          answered++;
        } catch {
          return;
        }
      }
    };
    let finished = 0;
    const clients = [...Array(8)].map(() => client().finally(() => finished++));
    while (answered < 60 && finished < clients.length) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(answered, first.output()).toBeGreaterThanOrEqual(60);
    first.child.kill('SIGKILL');
    await Promise.all(clients);
    await exited(first.child);
    expect(next).toBeLessThan(batches.length);

    const second = await start(['--storage', storage]);
    const { openStorage } = await import('../src/db/connect.js');
    const db = await openStorage(storage);
    try {
      const count = async (sql: string) => {
        const { sql: raw } = await import('kysely');
        const { rows } = await raw.raw<{ n: number }>(sql).execute(db.db);
        return Number(rows[0]!.n);
      };
      const storedBefore = await count('SELECT count(*) AS n FROM events');
      expect(storedBefore).toBeGreaterThan(0);
      // Every stored event has what it changes, and nothing changed without its event.
      expect(await count("SELECT count(*) AS n FROM events WHERE type = 'idea.create'")).toBe(
        await count('SELECT count(*) AS n FROM ideas'),
      );
      expect(await count("SELECT count(*) AS n FROM events WHERE type = 'nps.response'")).toBe(
        await count('SELECT count(*) AS n FROM nps_responses'),
      );
      expect(await count("SELECT count(*) AS n FROM events WHERE type = 'beta.signup'")).toBe(
        await count('SELECT count(*) AS n FROM beta_signups'),
      );
      expect(
        await count(
          'SELECT count(*) AS n FROM poll_votes v LEFT JOIN events e ON e.id = v.event_id WHERE e.id IS NULL',
        ),
      ).toBe(0);
      expect(await count("SELECT count(*) AS n FROM poll_votes v WHERE v.options = '[]'")).toBe(0);
      // The tallies agree with the votes they count.
      const each =
        db.dialect === 'sqlite' ? 'json_each(v.options) AS o' : 'json_array_elements_text(v.options::json) AS o(value)';
      const tallyDrift = `SELECT count(*) AS n FROM poll_option_counts c WHERE c.votes <>
        (SELECT count(*) FROM poll_votes v, ${each} WHERE v.poll = c.poll AND o.value = c.option)`;
      expect(await count(tallyDrift)).toBe(0);
      const activityDrift = `SELECT count(*) AS n FROM widget_activity a WHERE a.events <>
        (SELECT count(*) FROM events e WHERE e.widget = a.widget AND e.type = a.type)`;
      expect(await count(activityDrift)).toBe(0);

      // The clients retry everything, as the SDK would: each event is stored once.
      let accepted = 0;
      let duplicates = 0;
      for (const batch of batches) {
        const answer = await post(second.url, batch);
        accepted += answer.accepted.length;
        duplicates += answer.duplicates.length;
        expect(answer.rejected).toEqual([]);
      }
      const all = batches.flat().length;
      expect(duplicates).toBe(storedBefore);
      expect(accepted + duplicates).toBe(all);
      expect(await count('SELECT count(*) AS n FROM events')).toBe(all);
      expect(await count('SELECT count(*) AS n FROM poll_votes')).toBe(batches.length);
      expect(await count('SELECT count(*) AS n FROM ideas')).toBe(batches.length);
      expect(await count(tallyDrift)).toBe(0);
      expect(await count(activityDrift)).toBe(0);
      expect(await count('SELECT sum(events) AS n FROM widget_activity')).toBe(all);
      console.log(
        `SIGKILL on ${kind}: ${storedBefore} events stored before the kill, ${all} after the replay, ${duplicates} duplicates`,
      );
    } finally {
      await db.close();
    }
  });
});
