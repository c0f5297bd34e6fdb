/**
 * A throwaway PostgreSQL cluster on loopback, for tests and benchmarks: initdb into a
 * temporary directory, pg_ctl start on a free port, durability off (fsync, full-page writes),
 * removed on stop. As root it runs the server as the `postgres` user (PostgreSQL refuses root).
 * Fault tests can stop, start, restart and freeze the server in between (`server`).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const binDir = () => {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error("PostgreSQL is not installed: run `npm run setup` (it installs Debian's postgresql).");
  }
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts a cluster; answers its superuser URL and a function that stops and removes it. */
export const startCluster = async () => {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'heard-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  const run = (command, args) => {
    const [file, argv] = root
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (root) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'heard', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  start();
  /** The postmaster and every process it started. */
  const processes = () => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let children = [];
    try {
      children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      // No children.
    }
    return [postmaster, ...children];
  };
  return {
    url: `postgres://heard@127.0.0.1:${port}/postgres`,
    server: {
      start,
      /** Stops the server (`fast`: connections are ended, as in a planned restart). */
      stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
      restart: () => run('pg_ctl', ['-D', data, '-l', join(dir, 'postgres.log'), '-m', 'fast', '-w', 'restart']),
      /** Stops every process of the server in its tracks (SIGSTOP), as a hung machine would. */
      freeze: () => processes().forEach((pid) => process.kill(pid, 'SIGSTOP')),
      thaw: () => processes().forEach((pid) => process.kill(pid, 'SIGCONT')),
    },
    stop() {
      let running = [];
      try {
        running = processes();
      } catch {
        // No postmaster.pid: already stopped.
      }
      try {
        // A fault test may have left it frozen.
        for (const pid of running) process.kill(pid, 'SIGCONT');
        if (running.length) run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // If pg_ctl could not stop it, its processes are ended here: none may outlive the run.
        for (const pid of running) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Gone already.
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
};
