/**
 * `pnpm demo`: builds the packages when their sources changed since the last build this
 * script ran (or a package has no `dist/` yet), then starts the demo. A second start with
 * nothing edited skips the build. The examples' own builds are not needed by the demo.
 *
 *   node scripts/demo.mjs            build if needed, then start the demo
 *   node scripts/demo.mjs --check    only say whether a build is needed (exit 0: no, 1: yes)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(root, '.heard', 'demo-build');
const packages = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name));
// What a build writes, or what never goes into one.
const SKIP = new Set(['node_modules', 'dist', 'test', 'custom-elements.json']);
const SKIP_FILE = /\.(test|stories)\.[cm]?[jt]sx?$|\.tsbuildinfo$/;

/** The newest modification time of the files under `path`, in ms (0 for none). */
const newest = (path) => {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return SKIP_FILE.test(path) ? 0 : stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (!SKIP.has(entry)) latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
};

/** Why the packages must be built, or undefined when their build is current. */
const whyBuild = () => {
  const unbuilt = packages.find((dir) => !existsSync(join(dir, 'dist')) || readdirSync(join(dir, 'dist')).length === 0);
  if (unbuilt) return `${unbuilt.slice(root.length)} has not been built`;
  const stamp = statSync(STAMP, { throwIfNoEntry: false });
  if (!stamp) return 'no build by `pnpm demo` yet';
  const inputs = [
    ...packages,
    ...['package.json', 'pnpm-lock.yaml', 'tsconfig.base.json', 'tsconfig.json'].map((f) => join(root, f)),
  ];
  const changed = inputs.find((path) => newest(path) > stamp.mtimeMs);
  return changed && `${changed.slice(root.length)} changed since the last build`;
};

const run = (args) => {
  const { status, signal } = spawnSync('pnpm', args, { cwd: root, stdio: 'inherit' });
  if (signal) process.kill(process.pid, signal);
  if (status !== 0) process.exit(status ?? 1);
};

const reason = whyBuild();
if (process.argv.includes('--check')) {
  console.log(reason ?? 'the build is current');
  process.exit(reason ? 1 : 0);
}
if (reason) {
  console.log(`Building the packages (${reason}).`);
  // A source edited while the build runs is newer than the stamp: the next start builds again.
  const started = new Date();
  run(['-r', '--filter', './packages/**', 'run', 'build']);
  mkdirSync(join(root, '.heard'), { recursive: true });
  writeFileSync(STAMP, `${started.toISOString()}\n`);
  utimesSync(STAMP, started, started);
} else {
  console.log('The packages are built and nothing changed since: starting the demo.');
}
run(['--filter', '@heard/example-demo', 'start']);
