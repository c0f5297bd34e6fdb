/**
 * `heard-server` as a package manager starts it: `pnpm --filter @heard/server start -- …`
 * hands it a leading `--` and runs it in `packages/server`, with the folder the command was
 * typed in as `INIT_CWD`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveStorage } from '../src/cli.js';
import { BIN } from './helpers.js';

const children = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/** Starts the command in `cwd` as if typed in `typedIn`; resolves with its output once it listens. */
const startAsScript = (args: string[], cwd: string, typedIn: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, INIT_CWD: typedIn },
    });
    children.add(child);
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('listening on')) resolve(output);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });

describe('heard-server started through a package manager', () => {
  it('skips the `--` that pnpm passes on and puts a relative SQLite file where the command was typed', async () => {
    const scriptDir = mkdtempSync(join(tmpdir(), 'heard-script-'));
    const typedIn = mkdtempSync(join(tmpdir(), 'heard-typed-'));
    const output = await startAsScript(['--', '--port', '0', '--storage', './heard.db'], scriptDir, typedIn);
    expect(output).toContain(`storage: SQLite ${join(typedIn, 'heard.db')}`);
    expect(existsSync(join(typedIn, 'heard.db'))).toBe(true);
    expect(existsSync(join(scriptDir, 'heard.db'))).toBe(false);
  });

  it('resolves only relative SQLite paths', () => {
    expect(resolveStorage('./heard.db', '/home/ada')).toBe('/home/ada/heard.db');
    expect(resolveStorage('data/heard.db', '/home/ada')).toBe('/home/ada/data/heard.db');
    expect(resolveStorage('sqlite:heard.db', '/home/ada')).toBe('/home/ada/heard.db');
    expect(resolveStorage('sqlite:/var/lib/heard.db', '/home/ada')).toBe('sqlite:/var/lib/heard.db');
    expect(resolveStorage('/var/lib/heard.db', '/home/ada')).toBe('/var/lib/heard.db');
    expect(resolveStorage(':memory:', '/home/ada')).toBe(':memory:');
    expect(resolveStorage('postgres://heard@db/heard', '/home/ada')).toBe('postgres://heard@db/heard');
  });
});
