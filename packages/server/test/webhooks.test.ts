/**
 * Webhooks as a team and its receiver live them, on both databases, over real HTTP: a receiver
 * that refuses the connection, hangs, answers 500 and then 200; a collector killed with SIGKILL
 * while a delivery is in flight. Every event is delivered at least once, in order per widget,
 * each signature checks out, and the `webhook-id` lets the receiver keep each event once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signature } from '../src/webhooks/deliver.js';
import {
  ADMIN_TOKEN,
  KINDS,
  envelope,
  form,
  freshStorage,
  json,
  killSpawned,
  spawnCollector,
  startTestServer,
  type Kind,
} from './helpers.js';

interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  answered: number | 'hung' | 'refused';
}

type Behaviour = 'refuse' | 'hang' | 500 | 200;

/** A receiver on loopback that answers as told, in turn, then 200; it keeps every request. */
const receiver = async (plan: Behaviour[] = []) => {
  const received: Received[] = [];
  const hung: ServerResponse[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      const behaviour = plan.shift() ?? 200;
      const entry: Received = {
        id: String(request.headers['webhook-id']),
        timestamp: String(request.headers['webhook-timestamp']),
        signature: String(request.headers['webhook-signature']),
        body,
        answered: behaviour === 'hang' ? 'hung' : behaviour === 'refuse' ? 'refused' : behaviour,
      };
      received.push(entry);
      if (behaviour === 'refuse') request.socket.destroy();
      else if (behaviour === 'hang') hung.push(response);
      else response.writeHead(behaviour, { 'content-type': 'text/plain' }).end(behaviour === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    /** Each event once, as a receiver that de-duplicates by webhook-id keeps it: those it answered 2xx. */
    kept: () => {
      const seen = new Map<string, Received>();
      for (const entry of received) if (entry.answered === 200 && !seen.has(entry.id)) seen.set(entry.id, entry);
      return [...seen.values()];
    },
    close: () => {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const validSignature = (secret: string, entry: Received) =>
  signature(secret, entry.id, Number(entry.timestamp), entry.body) === entry.signature;

afterEach(() => killSpawned());

describe.each(KINDS)('webhooks on %s', (kind: Kind) => {
  it('deliver every event at least once, in order per widget, signed, through a receiver that refuses, hangs and fails first', async () => {
    const hook = await receiver(['refuse', 'hang', 500]);
    const personal = await receiver();
    const slack = await receiver();
    const server = await startTestServer(kind, { webhookTimeoutMs: 300, webhookBackoffMs: 20 });
    try {
      const created = await server.admin('POST', '/webhooks', {
        url: hook.url,
        events: ['idea.created', 'idea.status_changed', 'nps.answered', 'poll.voted', 'beta.signed_up'],
      });
      expect(created.status).toBe(201);
      const { id, secret } = await json<{ id: string; secret: string }>(created);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      const { secret: personalSecret } = await json<{ secret: string }>(
        await server.admin('POST', '/webhooks', { url: personal.url, events: ['beta.signed_up'], personal: true }),
      );
      await server.admin('POST', '/webhooks', { url: slack.url, events: ['idea.created'], format: 'slack' });

      const idea = envelope('idea.create', 'roadmap', { title: 'Dark mode', form: form() });
      const votes = ['a', 'b', 'c'].map((option) => envelope('poll.vote', 'flavour', { options: [option] }));
      const answer = envelope('nps.response', 'q4', { score: 9, comment: 'Love it' });
      const signup = envelope('beta.signup', 'ai-beta', {
        email: 'ada@example.com',
        code: 'ada-code-1',
        consent: true,
        form: form(),
      });
      for (const event of [idea, ...votes, answer, signup]) expect((await server.post(event)).status).toBe(200);
      // A retry of the same envelope is a duplicate: no second delivery.
      expect((await server.post(votes[0])).status).toBe(200);
      expect(
        (await server.admin('PATCH', `/boards/roadmap/ideas/${idea.id}`, { status: 'planned', note: 'Next' })).status,
      ).toBe(200);

      await until(() => hook.kept().length === 7, 'seven events kept by the receiver');
      const kept = hook.kept();
      for (const entry of hook.received) expect(validSignature(secret, entry), 'each signature').toBe(true);
      const bodies = kept.map((entry) => JSON.parse(entry.body) as { type: string; data: Record<string, unknown> });
      expect(bodies.map((body) => body.type).sort()).toEqual(
        [
          'beta.signed_up',
          'idea.created',
          'idea.status_changed',
          'nps.answered',
          'poll.voted',
          'poll.voted',
          'poll.voted',
        ].sort(),
      );
      // The poll's votes in the order they were stored, though the first attempts failed.
      expect(bodies.filter((body) => body.type === 'poll.voted').map((body) => body.data.options)).toEqual([
        ['a'],
        ['b'],
        ['c'],
      ]);
      expect(bodies.find((body) => body.type === 'nps.answered')!.data).toMatchObject({
        score: 9,
        category: 'promoter',
        comment: 'Love it',
      });
      expect(bodies.find((body) => body.type === 'idea.status_changed')!.data).toMatchObject({
        status: 'planned',
        note: 'Next',
        title: 'Dark mode',
      });
      // Nothing personal to an endpoint that is not marked to receive it.
      expect(JSON.stringify(bodies.find((body) => body.type === 'beta.signed_up'))).not.toContain('ada@example.com');
      // The failures were retried with the same id; the receiver saw them and keeps each once.
      expect(hook.received.length).toBeGreaterThan(7);
      expect(new Set(hook.received.map((entry) => entry.id)).size).toBe(7);

      await until(() => personal.kept().length === 1, 'the personal endpoint’s sign-up');
      const [forPersonal] = personal.kept();
      expect(validSignature(personalSecret, forPersonal!)).toBe(true);
      expect(JSON.parse(forPersonal!.body)).toMatchObject({
        type: 'beta.signed_up',
        data: { email: 'ada@example.com', referralCode: 'ada-code-1' },
      });

      await until(() => slack.kept().length === 1, 'the Slack message');
      expect(JSON.parse(slack.kept()[0]!.body)).toEqual({ text: 'New idea on roadmap: “Dark mode”' });

      // The team sees each delivery with its last answer.
      const { deliveries } = await json<{
        deliveries: { state: string; attempts: number; lastStatus: number | null }[];
      }>(await server.admin('GET', `/webhooks/${id}/deliveries`));
      expect(deliveries).toHaveLength(7);
      expect(deliveries.every((delivery) => delivery.state === 'delivered' && delivery.lastStatus === 200)).toBe(true);
      expect(deliveries.some((delivery) => delivery.attempts > 1)).toBe(true);
      const listed = await json<{ webhooks: { id: string; pending: number; events: string[] }[] }>(
        await server.admin('GET', '/webhooks'),
      );
      expect(listed.webhooks.find((webhook) => webhook.id === id)).toMatchObject({ pending: 0 });
    } finally {
      await server.close();
      await Promise.all([hook.close(), personal.close(), slack.close()]);
    }
  });

  it('refuses a webhook that is not an http(s) URL or names an unknown event, and stores nothing', async () => {
    const server = await startTestServer(kind);
    try {
      for (const body of [
        { url: 'ftp://example.com/hook', events: ['poll.voted'] },
        { url: 'https://user:pass@example.com/hook', events: ['poll.voted'] },
        { url: 'https://example.com/hook', events: ['poll.deleted'] },
        { url: 'https://example.com/hook', events: [] },
      ]) {
        const refused = await server.admin('POST', '/webhooks', body);
        expect(refused.status).toBe(400);
        expect(await json(refused)).toMatchObject({ code: 'invalid_body' });
      }
      expect((await json<{ webhooks: unknown[] }>(await server.admin('GET', '/webhooks'))).webhooks).toEqual([]);
      const anonymous = await fetch(`${server.url}/v1/admin/webhooks`);
      expect(anonymous.status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('delivers what was in flight when the collector was killed, once it is back, with the same id', async () => {
    const hook = await receiver(['hang']);
    const storage = await freshStorage(kind);
    const args = ['--storage', storage, '--webhook-timeout-ms', '2000', '--webhook-backoff-ms', '20'];
    const first = await spawnCollector(args);
    const api = {
      admin: (method: string, path: string, body: unknown) =>
        fetch(`${first.url}/v1/admin${path}`, {
          method,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      post: (body: unknown) =>
        fetch(`${first.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
    };
    try {
      const made = await api.admin('POST', '/webhooks', { url: hook.url, events: ['poll.voted'] });
      const { secret } = await json<{ secret: string }>(made);
      const vote = envelope('poll.vote', 'flavour', { options: ['a'] });
      expect((await api.post(vote)).status).toBe(200);
      await until(() => hook.received.length === 1, 'the delivery in flight');
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));

      // Its lease (the receiver's timeout and 5 s) runs out, then the new process sends it again.
      const second = await spawnCollector(args);
      await until(() => hook.kept().length === 1, 'the delivery after the restart', 60_000);
      const [kept] = hook.kept();
      expect(kept!.id).toBe(hook.received[0]!.id);
      expect(validSignature(secret, kept!)).toBe(true);
      expect(JSON.parse(kept!.body)).toMatchObject({ type: 'poll.voted', data: { poll: 'flavour', options: ['a'] } });
      second.child.kill('SIGTERM');
    } finally {
      await hook.close();
    }
  }, 90_000);
});
