/**
 * End-to-end tests in real Chromium against the real collector: the dev server starts
 * `heard-server` on a fresh SQLite file, allows the test page's origin (so CORS is exercised
 * too), asks new ideas for a proof of work, and tells the tests where it listens at `/__collector`.
 * `/__collector/sign?user=<id>` plays the site's backend: it signs a user id with the secret it
 * shares with the collector.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shared, typescript } from '../../web-test-runner.shared.mjs';

export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const E2E_IDENTITY_SECRET = 'e2e-identity-secret-0123456789';
const PORT = 8765;
let collector;

const collectorPlugin = {
  name: 'heard-collector',
  async serverStart() {
    const { startServer } = await import('./dist/serve.js');
    collector = await startServer({
      port: 0,
      host: '127.0.0.1',
      storage: join(mkdtempSync(join(tmpdir(), 'heard-e2e-')), 'heard.db'),
      origins: [`http://127.0.0.1:${PORT}`],
      adminToken: E2E_ADMIN_TOKEN,
      writesPerMinute: 0,
      readsPerMinute: 0,
      minFillMs: 0,
      trustProxy: false,
      // New ideas must carry a proof of work: the idea box solves one in the browser.
      powDifficulty: 12,
      secret: 'e2e-proof-of-work-secret',
      identitySecrets: [E2E_IDENTITY_SECRET],
    });
  },
  async serverStop() {
    await collector?.close();
  },
  serve(context) {
    if (context.path === '/__collector/sign') {
      const user = new URL(context.url, 'http://localhost').searchParams.get('user') ?? '';
      const signature = createHmac('sha256', E2E_IDENTITY_SECRET).update(user).digest('hex');
      return { body: JSON.stringify({ user, signature }), type: 'json' };
    }
    if (context.path === '/__collector') {
      return { body: JSON.stringify({ url: collector.url, adminToken: E2E_ADMIN_TOKEN }), type: 'json' };
    }
    return undefined;
  },
};

const cdn = fileURLToPath(new URL('../elements/dist/cdn/', import.meta.url));

/**
 * The examples' sites around them: `/heard/` serves the CDN build byte for byte, and
 * `/collector/` (the script-tag example) and `/__heard/demo/` (the demo page) forward to the
 * collector, as `examples/script-tag/serve.mjs` and the demo's Vite server do.
 */
/** A webhook that knows nothing of Heard, as `examples/any-endpoint/webhook.mjs` is. */
const webhook = [];

const site = async (ctx, next) => {
  if (ctx.path === '/hooks/feedback') {
    if (ctx.method === 'POST') {
      let body = '';
      for await (const chunk of ctx.req) body += chunk;
      webhook.push(JSON.parse(body));
      ctx.status = 204;
    } else ctx.body = webhook;
    return;
  }
  if (ctx.path.startsWith('/heard/')) {
    ctx.type = 'text/javascript';
    ctx.body = await readFile(cdn + ctx.path.slice('/heard/'.length));
    return;
  }
  // The script-tag example calls it /collector, the demo page /__heard/demo; the demo's
  // server forwards the dashboard and the admin API as they are.
  const prefix = ['/collector/', '/__heard/demo/'].find((start) => ctx.path.startsWith(start));
  const whole = ['/dashboard/', '/v1/admin/'].some((start) => ctx.path.startsWith(start));
  if (!prefix && !whole) return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const path = prefix ? ctx.path.slice(prefix.length - 1) : ctx.path;
  const forwarded = Object.fromEntries(
    ['cookie', 'x-heard-csrf'].flatMap((name) => (ctx.get(name) ? [[name, ctx.get(name)]] : [])),
  );
  const answer = await fetch(collector.url + path + ctx.search, {
    method: ctx.method,
    headers: {
      ...forwarded,
      'content-type': ctx.get('content-type') || 'application/json',
      origin: `http://127.0.0.1:${PORT}`,
    },
    ...(['POST', 'PATCH'].includes(ctx.method) ? { body: Buffer.concat(chunks) } : {}),
  });
  ctx.status = answer.status;
  ctx.type = answer.headers.get('content-type') ?? 'application/json';
  const cookie = answer.headers.get('set-cookie');
  if (cookie) ctx.set('set-cookie', cookie);
  ctx.body = Buffer.from(await answer.arrayBuffer());
};

export default {
  ...shared,
  port: PORT,
  files: ['test/browser/**/*.test.ts'],
  concurrency: 1,
  plugins: [typescript('../../tsconfig.base.json'), collectorPlugin],
  middleware: [site],
};
