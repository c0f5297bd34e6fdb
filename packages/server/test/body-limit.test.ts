/**
 * The body limit, counted as the body arrives: a body that declares no length is refused with
 * a 413 as soon as it passes the limit, while the client is still sending, and the connection
 * is closed; nothing of it is stored.
 */
import { request } from 'node:http';
import { LIMITS } from '@heard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

describe('a body without a declared length', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('is refused at the byte that passes the limit, before it ends', async () => {
    const before = await server.rows();
    const answer = await new Promise<{ status: number; connection: string | undefined; body: string }>(
      (resolve, reject) => {
        const sending = request(`${server.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        });
        sending.on('response', (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body }),
          );
        });
        sending.on('error', reject);
        // More than the limit, in pieces, and never ended: only counting as it arrives answers.
        const piece = `{"pad":"${'x'.repeat(16_000)}"`;
        for (let sent = 0; sent <= LIMITS.bodyBytes + piece.length; sent += piece.length) sending.write(piece);
      },
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large' });
    expect(answer.connection).toBe('close');
    expect(await server.rows()).toEqual(before);
  });
});
