/**
 * Hand-written statements for the hot paths (storing events, the public reads), prepared once
 * per connection and bound per call: no query is built per request. Each is written once with
 * `?` placeholders; PostgreSQL gets them numbered (`$1`…) and runs them as named prepared
 * statements. Kysely stays where it pays: migrations, the admin API, the dashboard's insights.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

export type Row = Record<string, unknown>;

export interface Statement {
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

const numbered = (text: string): string => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/** A statement; `postgres` when PostgreSQL needs other words (a row lock, a cast). */
export const statement = (name: string, sqlite: string, postgres: string = sqlite): Statement => ({
  name: `heard_${name}`,
  sqlite,
  postgres: numbered(postgres),
});

/** A value bound to a placeholder; arrays only in PostgreSQL's statements (`text[]`). */
export type Param = string | number | null | readonly (string | null)[];

/** Runs statements on one connection: at once on SQLite, one round trip each on PostgreSQL. */
export interface Runner {
  all(statement: Statement, params: readonly Param[]): Row[] | Promise<Row[]>;
}

const NO_ROWS: Row[] = [];

/** Statements prepared once per SQLite connection. */
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export const sqliteRunner = (database: BetterSqlite3.Database): Runner => {
  let statements = prepared.get(database);
  if (!statements) prepared.set(database, (statements = new Map()));
  const cache = statements;
  return {
    all(statement, params) {
      let compiled = cache.get(statement.name);
      if (!compiled) cache.set(statement.name, (compiled = database.prepare(statement.sqlite)));
      if (compiled.reader) return compiled.all(...params) as Row[];
      compiled.run(...params);
      return NO_ROWS;
    },
  };
};

/** A PostgreSQL client or pool: named statements are parsed once per connection. */
export const postgresRunner = (client: pg.ClientBase | pg.Pool): Runner => ({
  all: async (statement, params) =>
    (await client.query<Row>({ name: statement.name, text: statement.postgres, values: params as Param[] })).rows,
});
