/**
 * Requests built to hurt, one by one, on both databases: an idea or sign-up that leaves out
 * the form's evidence to skip the spam rules, a second sign-up used to look a member up by
 * e-mail, a NUL in the admin's comment search, an upload abandoned midway, a client that sends
 * its headers slowly, a path that echoes back. Each gets a 4xx with a stable code (or is cut
 * off), nothing is stored from it, and the log gets one line, never a stack.
 */
import { connect } from 'node:net';
import type { BetaStatus } from '@heard/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVER_TIMEOUTS } from '../src/serve.js';
import { ADMIN_TOKEN, envelope, form, json, KINDS, startTestServer, type TestServer } from './helpers.js';

describe.each(KINDS)('hostile requests on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('refuses an idea or a sign-up without the form evidence, unless a server sends it with the admin token', async () => {
    const before = await server.rows();
    const idea = envelope('idea.create', 'no-form', { title: 'Posted by a script' });
    const signup = envelope('beta.signup', 'no-form', { email: 'bot@example.com', consent: true, code: 'botcode1' });
    for (const event of [idea, signup]) {
      const refused = await server.post(event);
      expect(refused.status).toBe(400);
      expect(await json(refused)).toMatchObject({
        code: 'invalid_body',
        issues: [expect.objectContaining({ path: 'data.form' })],
      });
    }
    expect(await server.rows()).toEqual(before);
    const imported = await server.post({ events: [idea, signup] }, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(await json(imported)).toMatchObject({ accepted: [idea.id, signup.id], rejected: [] });
    const wrongToken = await server.post(envelope('idea.create', 'no-form', { title: 'Again' }), {
      authorization: 'Bearer not-the-admin-token',
    });
    expect([wrongToken.status, (await json(wrongToken)).code]).toEqual([401, 'unauthorized']);
    const gzipped = await server.post(envelope('nps.response', 'no-form', { score: 9 }), {
      'content-encoding': 'gzip',
    });
    expect([gzipped.status, (await json(gzipped)).code]).toEqual([415, 'unsupported_media_type']);
  });

  it('tells nobody whether an address is on the list: a known address signs up as a new one would', async () => {
    const signup = (email: string, code: string) =>
      envelope('beta.signup', 'oracle', { email, consent: true, code, form: form() });
    const status = async (code: string) => json<BetaStatus>(await server.get(`/v1/betas/oracle/signups/${code}`));
    await server.post(signup('early@example.com', 'early-code'));
    await server.post(signup('member@example.com', 'member-code'));
    await server.admin('PATCH', '/betas/oracle/signups/member-code', { status: 'invited' });
    // An attacker holds a real place of their own and watches it while probing addresses.
    await server.post(signup('attacker@example.com', 'attacker-code'));
    const before = await status('attacker-code');
    // A probe with an address on the list, then one with an address that is not.
    await server.post(signup('Member@Example.com', 'probe-known'));
    const afterKnown = await status('attacker-code');
    await server.post(signup('nobody-yet@example.com', 'probe-new'));
    const afterNew = await status('attacker-code');
    const [known, fresh] = [await status('probe-known'), await status('probe-new')];
    // Both probes moved the attacker's view the same way, and look alike but for their place.
    expect(afterKnown.total - before.total).toBe(1);
    expect(afterNew.total - afterKnown.total).toBe(1);
    expect({ ...known, position: 0, referralCode: '' }).toEqual({ ...fresh, position: 0, referralCode: '' });
    expect([known.position, fresh.position, known.total]).toEqual([4, 5, 5]);
    expect(known).toMatchObject({ referralCode: 'probe-known', referrals: 0, status: 'waiting' });
    // The member's own browser still sees theirs.
    expect(await status('member-code')).toMatchObject({ referralCode: 'member-code', status: 'invited', position: 2 });
  });

  it('refuses a NUL or broken UTF-8 in a query parameter with 400, naming it', async () => {
    for (const q of ['%00', 'dark%00mode', '%ED%A0%80', '%FF']) {
      const response = await fetch(`${server.url}/v1/admin/nps/s/comments?q=${q}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(response.status, q).toBe(400);
      expect(await json(response)).toMatchObject({ code: 'invalid_parameter', issues: [{ path: 'q' }] });
    }
  });

  it('refuses text no field may hold, names the field, and stores nothing', async () => {
    const before = await server.rows();
    const cases: [string, string][] = [
      ['{"comment":"fine\\u0000"}', 'data.comment'],
      ['{"comment":"half \\ud83d"}', 'data.comment'],
    ];
    for (const [data, path] of cases) {
      const body = JSON.stringify(envelope('nps.response', 'text', { score: 9 })).replace(
        '{"score":9}',
        data.replace('{', '{"score":9,'),
      );
      const response = await server.post(body);
      expect(response.status, data).toBe(400);
      expect(await json(response)).toMatchObject({ code: 'invalid_body', issues: [expect.objectContaining({ path })] });
    }
    const text = JSON.stringify(envelope('nps.response', 'text', { score: 9, comment: 'ok' }));
    const bytes = new TextEncoder().encode(text);
    const at = text.indexOf('"ok"') + 1;
    const broken = Uint8Array.from([...bytes.slice(0, at), 0xc3, 0x28, ...bytes.slice(at)]);
    const invalid = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: broken,
    });
    expect(invalid.status).toBe(400);
    expect(await json(invalid)).toMatchObject({
      code: 'invalid_json',
      issues: [expect.objectContaining({ path: 'data.comment' })],
    });
    const deep = await server.post(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect([deep.status, (await json(deep)).code]).toEqual([400, 'invalid_json']);
    expect(await server.rows()).toEqual(before);
  });

  it('logs an upload abandoned midway as one line, with no stack, and goes on serving', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      // The server has read the request's head once it asks for the body (100 Continue).
      const continued = new Promise((resolve) => socket.once('data', resolve));
      socket.write(
        'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n' +
          '40\r\n{"v":1,"id":"0c6a4c1e-',
      );
      expect(String(await continued)).toMatch(/^HTTP\/1\.1 100/);
      socket.destroy();
      await expect.poll(() => errors.mock.calls.length, { timeout: 5_000 }).toBeGreaterThan(0);
      // A later request is answered: what the abandoned one logs has been logged by then.
      expect((await server.post(envelope('nps.response', 'after-abort', { score: 8 }))).status).toBe(200);
      const lines = errors.mock.calls.map((call) => call.map(String).join(' '));
      expect(lines.join('\n')).toMatch(/left mid-request|did not arrive whole/);
      expect(lines.join('\n')).not.toMatch(/internal|failed/i);
      expect(lines.join('\n')).not.toMatch(/\n\s+at /);
      expect(errors.mock.calls.flat().some((value) => value instanceof Error)).toBe(false);
    } finally {
      errors.mockRestore();
    }
  });

  it('says nosniff on every answer, and echoes no markup', async () => {
    const missing = await fetch(`${server.url}/%3Cscript%3Ealert(1)%3C/script%3E`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    for (const path of ['/v1/polls/p/results', '/health/live', '/dashboard/nothing.js']) {
      expect((await fetch(`${server.url}${path}`)).headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('slow clients', () => {
  it('are not told the database failed while their body is still arriving', async () => {
    const server = await startTestServer('sqlite', { requestTimeoutMs: 300 });
    try {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += String(chunk)));
      socket.on('error', () => undefined);
      socket.write(
        'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"v"',
      );
      // Time under test: three times the storage deadline passes while the body is incomplete.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(answer).not.toMatch(/storage_unavailable|^HTTP\/1\.1 5/);
      socket.write(':1}   ');
      await expect.poll(() => answer, { timeout: 5_000 }).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toContain('invalid_body');
      socket.destroy();
    } finally {
      await server.close();
    }
  });

  it('are cut off once their headers take longer than the limit', async () => {
    const server = await startTestServer('sqlite');
    try {
      const { port } = new URL(server.url);
      const sockets = Array.from({ length: 20 }, () => connect(Number(port), '127.0.0.1'));
      const started = performance.now();
      const closed = sockets.map(
        (socket) =>
          new Promise<number>((resolve) => {
            socket.on('error', () => undefined);
            socket.resume();
            socket.once('close', () => resolve(performance.now() - started));
            // A request line and one header, then nothing more (a slowloris).
            socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
          }),
      );
      const times = await Promise.all(closed);
      expect(Math.max(...times)).toBeLessThan(SERVER_TIMEOUTS.headersMs + 3_000);
      expect(Math.min(...times)).toBeGreaterThan(SERVER_TIMEOUTS.headersMs - 1_000);
      expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 30_000);
});
