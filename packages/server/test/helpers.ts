/** Test helpers: a fresh database of each kind, a collector on a real port or in a process of its own, envelopes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Envelope, EventData, EventType } from '@heard/protocol';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import type { Config } from '../src/config.js';
import type { Storage } from '../src/db/connect.js';
import { startServer, type RunningServer } from '../src/serve.js';

export const KINDS = ['sqlite', 'postgres'] as const;
export type Kind = (typeof KINDS)[number];

let databases = 0;

/** A storage URL no other test uses: a new SQLite file, or a new PostgreSQL database. */
export const freshStorage = async (kind: Kind): Promise<string> => {
  if (kind === 'sqlite') return join(mkdtempSync(join(tmpdir(), 'heard-sqlite-')), 'heard.db');
  const admin = new URL(inject('postgresUrl'));
  const name = `heard_${process.pid}_${Date.now()}_${databases++}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  return admin.toString();
};

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The secret a test site signs its user ids with. */
export const IDENTITY_SECRET = 'test-identity-secret-0123456789';

export const testConfig = (storage: string, overrides: Partial<Config> = {}): Config => ({
  port: 0,
  host: '127.0.0.1',
  storage,
  origins: ['http://allowed.example'],
  adminToken: ADMIN_TOKEN,
  writesPerMinute: 0,
  readsPerMinute: 0,
  minFillMs: 1000,
  trustProxy: false,
  identitySecrets: [IDENTITY_SECRET],
  ...overrides,
});

export interface TestServer extends RunningServer {
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  /** Rows in every table the collector writes. */
  rows(): Promise<Record<string, number>>;
}

export const startTestServer = async (kind: Kind, overrides: Partial<Config> = {}): Promise<TestServer> => {
  const server = await startServer(testConfig(await freshStorage(kind), overrides));
  return withClient(server);
};

export const withClient = (server: RunningServer): TestServer => ({
  ...server,
  post: (body, headers = {}) =>
    fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  get: (path, headers = {}) => fetch(`${server.url}${path}`, { headers }),
  admin: (method, path, body) =>
    fetch(`${server.url}/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  rows: () => countRows(server.storage),
});

/**
 * Every table of the collector's schema, read from the database itself (so a table added later
 * is never missed), without the migration bookkeeping.
 */
export const tablesOf = async (storage: Storage): Promise<string[]> => {
  const { rows } =
    storage.dialect === 'sqlite'
      ? await sql<{ name: string }>`
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(
          storage.db,
        )
      : await sql<{ name: string }>`
          SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(storage.db);
  return rows.map((row) => row.name).filter((name) => !name.startsWith('kysely_'));
};

/** Rows in every table of the schema. */
export const countRows = async (storage: Storage): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {};
  for (const table of await tablesOf(storage)) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(storage.db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
};

/** A browser's anonymous id. */
export const anonymous = (): string => randomUUID().replaceAll('-', '');

export const envelope = <T extends EventType>(
  type: T,
  widget: string,
  data: EventData<T>,
  options: { id?: string; anonymousId?: string; userId?: string; userSignature?: string; at?: string } = {},
): Envelope =>
  ({
    v: 1,
    id: options.id ?? randomUUID(),
    type,
    widget,
    at: options.at ?? new Date().toISOString(),
    subject: {
      anonymousId: options.anonymousId ?? anonymous(),
      ...(options.userId === undefined ? {} : { userId: options.userId }),
      ...(options.userSignature === undefined ? {} : { userSignature: options.userSignature }),
    },
    context: { locale: 'en-GB', page: '/pricing', sdk: 'heard/0.1.0' },
    data,
  }) as Envelope;

export const form = (fillMs = 5_000) => ({ honeypot: '', fillMs });

export const json = async <T = Record<string, unknown>>(response: Response): Promise<T> => (await response.json()) as T;

/** The `heard-server` command. */
export const BIN = fileURLToPath(new URL('../bin/heard-server.js', import.meta.url));
const spawned = new Set<ChildProcess>();

export interface SpawnedCollector {
  child: ChildProcess;
  url: string;
  /** Everything it printed, standard output and error together. */
  output: () => string;
}

/**
 * `heard-server` in a process of its own (any port, no spam or rate rules unless `args` set
 * them, the test admin token), once it says where it listens.
 */
export const spawnCollector = async (args: string[]): Promise<SpawnedCollector> => {
  const child = spawn(
    process.execPath,
    [BIN, '--port', '0', '--min-fill-ms', '0', '--writes-per-minute', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HEARD_ADMIN_TOKEN: ADMIN_TOKEN } },
  );
  spawned.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 20 s: ${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
};

/** Kills every collector process a test spawned (for `afterEach`). */
export const killSpawned = (): void => {
  for (const child of spawned) child.kill('SIGKILL');
  spawned.clear();
};
