/**
 * Opens the storage a URL names and brings its schema up to date. A path or `sqlite:` URL is
 * a SQLite file (WAL, a busy timeout, synchronous=NORMAL: a killed process loses nothing it
 * committed); `postgres://` or `postgresql://` is a PostgreSQL database behind a pool.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Storage {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the data lives, for people: a file path, or the PostgreSQL URL without its password. */
  readonly description: string;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** PostgreSQL pool size. */
  poolSize?: number;
}

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

export const storageKind = (url: string): Dialect => (/^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite');

const sqlitePath = (url: string): string => url.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/)?/i, '');

const redact = (url: string): string => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
};

export const openStorage = async (url: string, options: StorageOptions = {}): Promise<Storage> => {
  const dialect = storageKind(url);
  let db: Kysely<Database>;
  let description: string;
  if (dialect === 'sqlite') {
    const path = sqlitePath(url);
    const database = new BetterSqlite3(path);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('synchronous = NORMAL');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    description = `SQLite ${path}`;
  } else {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    description = `PostgreSQL ${redact(url)}`;
  }
  const migrator = new Migrator({ db, provider: migrations(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Could not migrate ${description}: ${(error as Error).message}`, { cause: error });
  }
  return { db, dialect, description, close: () => db.destroy() };
};
