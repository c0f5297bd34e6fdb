/**
 * The files the collector serves (the dashboard's build) go out compressed when the browser
 * takes it: brotli, else gzip, by `Accept-Encoding`, from files compressed when the dashboard
 * was built. Requests go through `node:http`, which, unlike `fetch`, hands over the bytes as sent.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const get = (url: string, headers: Record<string, string> = {}): Promise<Raw> =>
  new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });

describe('the dashboard’s files', () => {
  let server: TestServer;
  let script: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const page = (await get(`${server.url}/dashboard/`)).body.toString();
    script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page)![1]!;
  });
  afterAll(() => server.close());

  it('go out as brotli when the browser takes it, else gzip, else as they are, saying so', async () => {
    const plain = await get(`${server.url}/dashboard/${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const size = plain.body.length;

    const br = await get(`${server.url}/dashboard/${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(size / 2);

    const gzip = await get(`${server.url}/dashboard/${script}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    // A coding refused with q=0 is not used.
    const notBr = await get(`${server.url}/dashboard/${script}`, { 'accept-encoding': 'br;q=0, gzip' });
    expect(notBr.headers['content-encoding']).toBe('gzip');
    const none = await get(`${server.url}/dashboard/${script}`, { 'accept-encoding': 'identity' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(plain.body)).toBe(true);
  });

  it('the page too, and its CSP and cache rules are the same whichever coding goes out', async () => {
    const plain = await get(`${server.url}/dashboard/`);
    const br = await get(`${server.url}/dashboard/`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    for (const name of ['content-security-policy', 'cache-control', 'content-type', 'x-content-type-options'])
      expect(br.headers[name], name).toBe(plain.headers[name]);
  });
});
