/** When `pnpm demo` builds first (`scripts/demo.mjs --check`), on a repository of its own shape. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const DEMO = fileURLToPath(new URL('demo.mjs', import.meta.url));

/** Writes `path` under `root` with its modification time `seconds` after the epoch's 1e9th. */
const write = (root, path, seconds) => {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, path);
  const time = new Date((1e9 + seconds) * 1000);
  utimesSync(file, time, time);
};

const check = (root) => {
  const { status, stdout } = spawnSync(process.execPath, [join(root, 'scripts', 'demo.mjs'), '--check'], {
    encoding: 'utf8',
  });
  return { build: status === 1, why: stdout.trim() };
};

test('builds on a fresh clone, then only when a source is newer than the last build', () => {
  const root = mkdtempSync(join(tmpdir(), 'heard-demo-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(DEMO, join(root, 'scripts', 'demo.mjs'));
  write(root, 'package.json', 0);
  write(root, 'packages/sdk/src/client.ts', 10);
  assert.deepEqual(check(root), { build: true, why: 'packages/sdk has not been built' });

  write(root, 'packages/sdk/dist/client.js', 20);
  assert.equal(check(root).build, true, 'built by hand, never by the demo');

  write(root, '.heard/demo-build', 30);
  assert.deepEqual(check(root), { build: false, why: 'the build is current' });

  write(root, 'packages/sdk/src/client.test.ts', 40);
  write(root, 'packages/sdk/test/reads.test.ts', 40);
  assert.equal(check(root).build, false, 'tests are not built');

  write(root, 'packages/sdk/src/client.ts', 50);
  assert.deepEqual(check(root), { build: true, why: 'packages/sdk changed since the last build' });
});
