/**
 * Opens the storage a URL names and brings its schema up to date. A path or `sqlite:` URL is
 * a SQLite file (WAL, a busy timeout, synchronous=NORMAL: a killed process loses nothing it
 * committed); `postgres://` or `postgresql://` is a PostgreSQL database behind a pool, with
 * timeouts on connecting, on each statement and on idle transactions.
 *
 * PostgreSQL may be away at any time, at start included: the pool reconnects by itself, a
 * dropped connection is logged and replaced, and while the schema cannot be brought up to date
 * the storage is not ready and keeps trying, with backoff. A database that answers but refuses
 * us (a wrong password, no such database) fails the start at once.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { isStorageUnavailable } from './faults.js';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The drivers under Kysely, for the hot paths that run their own prepared statements
 * (`store/statements.ts`). SQLite's `reader` is a second, read-only connection: in WAL mode it
 * sees what was committed and never waits for the writer, nor sees a transaction it holds open.
 */
export type Driver =
  | { readonly dialect: 'sqlite'; readonly database: BetterSqlite3.Database; readonly reader: BetterSqlite3.Database }
  | { readonly dialect: 'postgres'; readonly pool: pg.Pool };

export interface Storage {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The driver itself, once the schema is up to date. */
  readonly driver: Driver;
  /** Where the data lives, for people: a file path, or the PostgreSQL URL without its password. */
  readonly description: string;
  /** Whether the schema is up to date, so requests can be served. */
  readonly ready: boolean;
  /** Settles when the schema is up to date (at once, unless the database was away at start). */
  readonly migrated: Promise<void>;
  /** Whether the database answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** How long opening a PostgreSQL connection may take. */
  connectTimeoutMs?: number;
  /**
   * How long one statement may run (PostgreSQL's `statement_timeout`; a frozen server is given
   * up on a little later). SQLite waits at most this long (and 5 s) for a locked file.
   */
  statementTimeoutMs?: number;
  /** Where to say that the database went away and came back; `console.error` by default. */
  log?: (line: string) => void;
}

export const STORAGE_DEFAULTS = { connectTimeoutMs: 3_000, statementTimeoutMs: 5_000 } as const;

const BIGINT_OID = 20;
const NUMERIC_OID = 1700;

/** `count(*)` is a bigint in PostgreSQL; counts here stay far below 2^53, so read numbers. */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === BIGINT_OID || oid === NUMERIC_OID ? Number : pg.types.getTypeParser(oid, format),
};

/**
 * better-sqlite3 behind a cache of prepared statements. Kysely prepares every query it runs,
 * and preparing costs as much as running a small write; the collector runs the same few dozen
 * statements over and over. Statements are bound per call, so sharing them is safe.
 */
const withStatementCache = (database: BetterSqlite3.Database, size = 256) => {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (statement) {
        // Least recently used goes first: keep this one at the end.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= size) {
          const oldest = statements.keys().next();
          if (!oldest.done) statements.delete(oldest.value);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
};

/**
 * Pages read through a memory map instead of a system call each, and a larger page cache
 * (32 MB per connection): the collector reads the same hot pages (tallies, recent votes) over
 * and over.
 */
const tuneSqlite = (database: BetterSqlite3.Database) => {
  database.pragma('mmap_size = 268435456');
  database.pragma('cache_size = -32000');
};

export const storageKind = (url: string): Dialect => (/^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite');

const sqlitePath = (url: string): string => url.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/)?/i, '');

const redact = (url: string): string => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
};

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export const openStorage = async (url: string, options: StorageOptions = {}): Promise<Storage> => {
  const dialect = storageKind(url);
  const log = options.log ?? ((line: string) => console.error(line));
  const connectTimeoutMs = options.connectTimeoutMs ?? STORAGE_DEFAULTS.connectTimeoutMs;
  const statementTimeoutMs = options.statementTimeoutMs ?? STORAGE_DEFAULTS.statementTimeoutMs;
  let db: Kysely<Database>;
  let description: string;
  let driver: () => Driver;
  let checkpointer: Checkpointer | undefined;
  if (dialect === 'sqlite') {
    const path = sqlitePath(url);
    const database = new BetterSqlite3(path);
    database.pragma('journal_mode = WAL');
    // better-sqlite3 waits for a lock on the event loop: keep the wait short.
    database.pragma(`busy_timeout = ${Math.min(statementTimeoutMs, 5_000)}`);
    database.pragma('synchronous = NORMAL');
    tuneSqlite(database);
    if (path !== '' && path !== ':memory:') checkpointer = startCheckpointer(database, path);
    const cached = withStatementCache(database);
    let reader: BetterSqlite3.Database | undefined;
    const openReader = () => {
      if (path === '' || path === ':memory:') return database;
      const opened = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
      opened.pragma(`busy_timeout = ${Math.min(statementTimeoutMs, 5_000)}`);
      tuneSqlite(opened);
      return opened;
    };
    driver = () => ({ dialect: 'sqlite', database, reader: (reader ??= openReader()) });
    db = new Kysely<Database>({
      dialect: new SqliteDialect({
        database: {
          ...cached,
          close: () => {
            if (reader && reader !== database) reader.close();
            cached.close();
          },
        },
      }),
    });
    description = `SQLite ${path}`;
  } else {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types,
      connectionTimeoutMillis: connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      statement_timeout: statementTimeoutMs,
      // A server that stopped answering altogether (frozen, or the network gone) cannot time
      // a statement out itself.
      query_timeout: statementTimeoutMs + 1_000,
      idle_in_transaction_session_timeout: statementTimeoutMs * 2,
    });
    // A connection the server closed (a restart, pg_terminate_backend) emits 'error'; without
    // a listener that ends the process. The pool listens only while a connection is idle, so
    // each connection gets a listener of its own for the time it is lent out: the query that
    // meets the broken connection fails (503), and the pool drops it when it comes back.
    // The pool reports an idle connection's error too: the connection's own listener has said it.
    pool.on('error', () => undefined);
    pool.on('connect', (client) =>
      client.on('error', (error) => log(`heard-server: storage: connection lost (${error.message})`)),
    );
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    driver = () => ({ dialect: 'postgres', pool });
    description = `PostgreSQL ${redact(url)}`;
  }

  const closing = new AbortController();
  let ready = false;
  const migrate = async () => {
    const { error } = await new Migrator({ db, provider: migrations(dialect) }).migrateToLatest();
    if (error) throw error;
    ready = true;
  };
  const failed = async (error: unknown): Promise<never> => {
    await checkpointer?.close();
    await db.destroy();
    throw new Error(`Could not migrate ${description}: ${(error as Error).message}`, { cause: error });
  };
  let migrated: Promise<void>;
  try {
    await migrate();
    migrated = Promise.resolve();
  } catch (error) {
    if (dialect === 'sqlite' || !isStorageUnavailable(error)) return failed(error);
    log(`heard-server: storage: ${description} is not reachable (${(error as Error).message}); retrying`);
    migrated = (async () => {
      for (let wait = 250; !closing.signal.aborted; wait = Math.min(wait * 2, 5_000)) {
        await pause(wait * (0.5 + Math.random() / 2), closing.signal);
        if (closing.signal.aborted) break;
        try {
          await migrate();
          log(`heard-server: storage: ${description} is reachable; ready`);
          return;
        } catch (retryError) {
          if (!isStorageUnavailable(retryError)) {
            log(`heard-server: storage: could not migrate ${description}: ${(retryError as Error).message}`);
          }
        }
      }
    })();
  }

  return {
    db,
    dialect,
    description,
    get driver() {
      return driver();
    },
    get ready() {
      return ready;
    },
    migrated,
    async ping(timeoutMs = connectTimeoutMs) {
      if (!ready) return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const answered = sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answered, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      closing.abort();
      await migrated;
      await checkpointer?.close();
      await db.destroy();
    },
  };
};
