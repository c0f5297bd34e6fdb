/**
 * Migrations on a database with data in it, as a collector finds one it ran on before: the
 * rows an earlier schema held mean the same after the collector migrates it on start.
 */
import type { PollResults } from '@heard/protocol';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../src/db/migrations.js';
import { startServer } from '../src/serve.js';
import {
  anonymous,
  envelope,
  freshStorage,
  json,
  KINDS,
  tablesOf,
  testConfig,
  withClient,
  type Kind,
  type TestServer,
} from './helpers.js';

const open = (kind: Kind, url: string) =>
  new Kysely<unknown>({
    dialect:
      kind === 'sqlite'
        ? new SqliteDialect({ database: new Database(url) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
  });

describe.each(KINDS)('a database on %s migrated with its data', (kind) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps each vote’s options once they move into the vote’s row, with the results and the tallies they make', async () => {
    const storage = await freshStorage(kind);
    const db = open(kind, storage);
    const [several, onlyOther, one] = [anonymous(), anonymous(), anonymous()];
    try {
      const migrated = await new Migrator({ db, provider: migrations(kind) }).migrateTo('0007-widget-definitions');
      if (migrated.error) throw migrated.error;
      // As the collector left a poll before: a row per vote, and a row per option of each.
      const at = '2026-10-01T10:00:00.000Z';
      await sql`INSERT INTO polls (id, first_vote_at, closed_at, voters, other_voters)
        VALUES ('lunch', ${at}, NULL, 3, 1)`.execute(db);
      await sql`INSERT INTO poll_votes (poll, subject, event_id, at, other) VALUES
        ('lunch', ${`a:${several}`}, 'e1', ${at}, NULL),
        ('lunch', ${`a:${onlyOther}`}, 'e2', ${at}, 'Tacos'),
        ('lunch', ${`a:${one}`}, 'e3', ${at}, NULL)`.execute(db);
      await sql`INSERT INTO poll_vote_options (poll, subject, option) VALUES
        ('lunch', ${`a:${several}`}, 'soup'), ('lunch', ${`a:${several}`}, 'salad'),
        ('lunch', ${`a:${one}`}, 'pasta')`.execute(db);
      await sql`INSERT INTO poll_option_counts (poll, option, votes) VALUES
        ('lunch', 'soup', 1), ('lunch', 'salad', 1), ('lunch', 'pasta', 1)`.execute(db);
    } finally {
      await db.destroy();
    }

    server = withClient(await startServer(testConfig(storage)));
    expect(await tablesOf(server.storage)).not.toContain('poll_vote_options');
    const results = (subject: string) =>
      server!.get(`/v1/polls/lunch/results?subject=${subject}`).then((r) => json<PollResults>(r));
    expect((await results(several)).mine).toEqual({ options: ['salad', 'soup'] });
    expect((await results(onlyOther)).mine).toEqual({ options: [], other: 'Tacos' });
    expect((await results(one)).mine).toEqual({ options: ['pasta'] });

    // A changed vote moves the tallies from the options the migrated row holds.
    const changed = envelope('poll.vote', 'lunch', { options: ['pasta'] }, { anonymousId: several });
    expect((await server.post(changed)).status).toBe(200);
    const after = await results(several);
    expect(after.mine).toEqual({ options: ['pasta'] });
    expect(after.total).toBe(3);
    expect(after.options).toEqual([{ id: 'pasta', votes: 2 }]);
  });
});
