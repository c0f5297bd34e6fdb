/**
 * The script-tag example's site server (`examples/script-tag/serve.mjs`) on requests a browser
 * or a curious visitor makes: missing files, paths that climb out of its folders, broken
 * escapes. Each is refused, and the server goes on answering. Needs the collector's build.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('../examples/script-tag/serve.mjs', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../packages/server/dist/index.js', import.meta.url)));

/** A port nobody listens on right now. */
const freePort = async () => {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
};

/** GET `path` exactly as written (no `..` resolved on the way), with its status and body. */
const get = (port, path) =>
  new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    })
      .on('error', reject)
      .end();
  });

let child;
let port;

before(async () => {
  if (!built) return;
  port = await freePort();
  const storage = join(mkdtempSync(join(tmpdir(), 'heard-script-tag-')), 'script-tag.db');
  child = spawn(process.execPath, [SERVE], {
    env: { ...process.env, PORT: String(port), HEARD_STORAGE: storage },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 4 s: ${output}`)), 4_000);
    const read = (chunk) => {
      output += chunk;
      if (output.includes('Script-tag example:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${output}`));
    });
  });
});

after(() => child?.kill('SIGKILL'));

test('answers 404 for a missing file and keeps serving', { skip: !built && 'run pnpm build first' }, async () => {
  assert.equal((await get(port, '/favicon.ico')).status, 404);
  assert.equal((await get(port, '/heard/no-such-chunk.js')).status, 404);
  const page = await get(port, '/');
  assert.equal(page.status, 200);
  assert.match(page.body, /<heard-/);
  assert.equal((await get(port, '/page.css')).status, 200);
});

test('serves nothing from outside the page and the CDN build', { skip: !built && 'run pnpm build first' }, async () => {
  for (const path of [
    '/../package.json',
    '/../../package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/heard/..%2f..%2f..%2f..%2fpackage.json',
    '/heard/../../../package.json',
    '/serve.mjs',
    '/node_modules/@heard/server/package.json',
  ]) {
    const { status, body } = await get(port, path);
    assert.equal(status, 404, path);
    assert.doesNotMatch(body, /"name"/, path);
  }
  assert.equal((await get(port, '/%E0%A4%A')).status, 400);
  assert.equal((await get(port, '/')).status, 200);
});
