/**
 * The README stays true: its element reference is what the manifest declares, and every shell
 * command it gives is run here (or by `.ci/run`, which runs `npm run setup && pnpm check`), so
 * none can rot. A command found in the README that this file does not know fails the test.
 * Servers are started as written, probed, and stopped; benchmarks run once, briefly.
 * Runs after `pnpm build` (the root `test` script). Takes about two minutes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inReadme, README, reference } from './readme-elements.mjs';
import { startCluster } from '../packages/server/scripts/postgres-cluster.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const text = readFileSync(README, 'utf8');

/** Each command in a `sh` block (comments left out), and each inline one in the prose. */
const commands = () => {
  const found = new Set();
  for (const [, block] of text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g))
    for (const line of block.split('\n')) if (line.trim() && !line.trim().startsWith('#')) found.add(line.trim());
  for (const [, span] of text.matchAll(/`((?:pnpm|npm|npx|node|curl|HEARD_\w+=)[^`]*)`/g)) found.add(span.trim());
  // `a && b` is two commands, each run or checked on its own.
  return [...found].flatMap((command) => command.split(/\s+&&\s+/));
};

/** Runs `command` in a shell, its own process group; resolves with its exit code and output. */
const run = (command, { cwd = ROOT, env = {}, timeoutMs = 180_000 } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env: { ...process.env, ...env }, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`${command}: still running after ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

/** Starts `command`, waits until every URL answers 200, then stops its process group. */
const serve = async (command, urls, { cwd = ROOT, env = {}, expect = {}, prints } = {}) => {
  // An answer from something already there would be no proof of this command.
  if (
    await fetch(urls[0]).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`${urls[0]} answers before \`${command}\` started: stop what listens there`);
  const child = spawn('bash', ['-c', command], { cwd, env: { ...process.env, ...env }, detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    for (const url of urls) {
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`${command} exited ${child.exitCode}\n${output}`);
        const response = await fetch(url).catch(() => undefined);
        if (response?.ok) {
          const body = await response.text();
          if (expect[url]) assert.match(body, expect[url], `${url} answers what the README says`);
          break;
        }
        if (Date.now() > deadline) throw new Error(`${url} never answered 200 after ${command}\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    // What it prints may come a moment after it answers: the two arrive on different pipes.
    for (const deadline = Date.now() + 10_000; prints && !prints.test(output);) {
      if (Date.now() > deadline) throw new Error(`${command} never printed ${prints}\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return output;
  } finally {
    if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
};

/** A folder inside the repository (pnpm finds the workspace from it) for files a command writes. */
const scratch = (name) => {
  const dir = join(ROOT, '.heard', `readme-${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** A port nothing listens on now: the collector's commands run as written, on it (`PORT`), not on 8787. */
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const BY_CI = 'run by .ci/run (`npm run setup && pnpm check`), of which this test is a part';
const PUBLISHED =
  'for once the packages are published; scripts/packed-apps.test.mjs installs the packed tarballs the same way';
const FRAGMENT = 'part of a sentence naming the command before it';

/** Every command the README gives, and how it is run. */
const HOW = {
  'npm run setup': BY_CI,
  'pnpm check': BY_CI,
  'pnpm test': BY_CI,
  'pnpm build': BY_CI,
  'npm install @heard/elements @heard/sdk': PUBLISHED,
  'pnpm --filter': FRAGMENT,
  'pnpm demo': () =>
    serve('pnpm demo', ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173/dashboard/'], {
      expect: { 'http://127.0.0.1:5173/': /<heard-poll/ },
    }),
  'pnpm --filter @heard/example-script-tag start': () =>
    serve('pnpm --filter @heard/example-script-tag start', ['http://127.0.0.1:5174/'], {
      expect: { 'http://127.0.0.1:5174/': /heard\.js/ },
    }),
  'pnpm storybook': () =>
    serve('pnpm storybook', ['http://localhost:6006/', 'http://localhost:6006/index.json'], {
      expect: { 'http://localhost:6006/index.json': /widgets-poll--docs/ },
    }),
  'pnpm --filter @heard/elements size': async (command) => {
    const { code, output } = await run(command);
    assert.equal(code, 0, output);
    assert.match(output, /a page with <heard-poll>/);
  },
  'HEARD_ADMIN_TOKEN="$(openssl rand -hex 24)" pnpm --filter @heard/server start -- --storage ./heard.db --origins https://www.example.com':
    async (command) => {
      const cwd = scratch('sqlite');
      const port = await freePort();
      try {
        // Its own answer: it says where it listens and where its file is.
        const output = await serve(command, [`http://127.0.0.1:${port}/health/ready`], {
          cwd,
          env: { PORT: String(port) },
          prints: new RegExp(`listening on http://127\\.0\\.0\\.1:${port}[\\s\\S]*storage: .*heard\\.db`),
        });
        assert.match(
          output,
          new RegExp(`storage: .*${cwd.replaceAll('/', '\\/')}\\/heard\\.db`),
          'the file beside you',
        );
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  'pnpm --filter @heard/server start -- --storage postgres://heard:secret@db.internal/heard --origins https://www.example.com --public-url https://feedback.example.com':
    async (command) => {
      // The same command against a PostgreSQL of this machine's (no other host is reached).
      const cluster = await startCluster();
      const port = await freePort();
      try {
        await serve(
          command.replace('postgres://heard:secret@db.internal/heard', cluster.url),
          [`http://127.0.0.1:${port}/health/ready`],
          { env: { PORT: String(port) }, prints: new RegExp(`listening on http://127\\.0\\.0\\.1:${port}`) },
        );
      } finally {
        cluster.stop();
      }
    },
  'node scripts/readme-elements.mjs --write': async (command) => {
    const { code, output } = await run(command);
    assert.equal(code, 0, output);
    assert.equal(readFileSync(README, 'utf8'), text, 'the README already held what it writes');
  },
  // Benchmarks: once, briefly, to show they run (their figures come from full runs).
  'pnpm bench': async (command) => {
    const { code, output } = await run(`${command} --runs 1 --case heard-poll`, { timeoutMs: 300_000 });
    assert.equal(code, 0, output);
  },
  'pnpm bench:collector': async (command) => {
    const { code, output } = await run(`${command} --seconds 1 --votes 20000`, { timeoutMs: 180_000 });
    assert.equal(code, 0, output);
  },
  'pnpm bench:dashboard': async (command) => {
    const { code, output } = await run(`${command} --events 2000 --runs 1 --kinds sqlite`, { timeoutMs: 180_000 });
    assert.equal(code, 0, output);
  },
};

test('the README’s element reference is what custom-elements.json declares', async () => {
  assert.equal(inReadme(text), await reference(), 'run `node scripts/readme-elements.mjs --write` after `pnpm build`');
});

test('every shell command in the README is known to this test', () => {
  assert.deepEqual(
    commands().filter((command) => !(command in HOW)),
    [],
  );
});

for (const [command, how] of Object.entries(HOW)) {
  if (typeof how !== 'function') continue;
  test(`README: ${command}`, { timeout: 330_000 }, async () => {
    assert.ok(commands().includes(command), 'the README still gives this command');
    await how(command);
  });
}
