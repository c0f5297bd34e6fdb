/**
 * The collector's migrations, in code so that the package needs no files at run time. They
 * run on start, under Kysely's migration lock (on PostgreSQL an advisory lock, so several
 * instances starting together migrate once). Each is written once for both databases; only
 * full-text search differs: SQLite's FTS5, PostgreSQL's own text search.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './connect.js';

// Migrations see the database as it was when they were written, so they take it untyped.
type Db = Kysely<unknown>;

const initial = (dialect: Dialect): Migration => ({
  async up(db: Db) {
    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('widget', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('received_at', 'text', (col) => col.notNull())
      .addColumn('anonymous_id', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text')
      .addColumn('traits', 'text')
      .addColumn('locale', 'text', (col) => col.notNull())
      .addColumn('page', 'text')
      .addColumn('sdk', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('events_widget').on('events').columns(['widget', 'received_at', 'id']).execute();

    await db.schema
      .createTable('polls')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('first_vote_at', 'text', (col) => col.notNull())
      .addColumn('closed_at', 'text')
      .execute();
    await db.schema
      .createTable('poll_votes')
      .addColumn('poll', 'text', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('event_id', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('other', 'text')
      .addPrimaryKeyConstraint('poll_votes_pk', ['poll', 'subject'])
      .execute();
    await db.schema
      .createTable('poll_vote_options')
      .addColumn('poll', 'text', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('option', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('poll_vote_options_pk', ['poll', 'subject', 'option'])
      .execute();
    await db.schema
      .createIndex('poll_vote_options_count')
      .on('poll_vote_options')
      .columns(['poll', 'option'])
      .execute();
    await db.schema
      .createTable('poll_option_counts')
      .addColumn('poll', 'text', (col) => col.notNull())
      .addColumn('option', 'text', (col) => col.notNull())
      .addColumn('votes', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('poll_option_counts_pk', ['poll', 'option'])
      .execute();
    // Counts "other" answers from the index alone: most votes have none.
    await db.schema
      .createIndex('poll_votes_other')
      .on('poll_votes')
      .column('poll')
      .where(sql.ref('other'), 'is not', null)
      .execute();

    await db.schema
      .createTable('nps_responses')
      .addColumn('event_id', 'text', (col) => col.primaryKey())
      .addColumn('survey', 'text', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('score', 'integer', (col) => col.notNull())
      .addColumn('comment', 'text')
      .addColumn('at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('nps_responses_survey').on('nps_responses').columns(['survey', 'at']).execute();

    await db.schema
      .createTable('ideas')
      .addColumn('board', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('status_note', 'text')
      .addColumn('status_changed_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('author', 'text', (col) => col.notNull())
      .addColumn('merged_into', 'text')
      .addPrimaryKeyConstraint('ideas_pk', ['board', 'id'])
      .execute();
    await db.schema.createIndex('ideas_board_created').on('ideas').columns(['board', 'created_at']).execute();
    await db.schema
      .createTable('idea_votes')
      .addColumn('board', 'text', (col) => col.notNull())
      .addColumn('idea', 'text', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('voted', 'integer', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('idea_votes_pk', ['board', 'idea', 'subject'])
      .execute();
    await db.schema
      .createIndex('idea_votes_recent')
      .on('idea_votes')
      .columns(['board', 'idea', 'voted', 'at'])
      .execute();

    await db.schema
      .createTable('beta_signups')
      .addColumn('program', 'text', (col) => col.notNull())
      .addColumn('email_key', 'text', (col) => col.notNull())
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('code', 'text', (col) => col.notNull())
      .addColumn('fields', 'text')
      .addColumn('referred_by', 'text')
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('beta_signups_pk', ['program', 'email_key'])
      .addUniqueConstraint('beta_signups_code', ['program', 'code'])
      .execute();
    await db.schema
      .createIndex('beta_signups_queue')
      .on('beta_signups')
      .columns(['program', 'created_at', 'code'])
      .execute();
    await db.schema
      .createIndex('beta_signups_referrer')
      .on('beta_signups')
      .columns(['program', 'referred_by'])
      .execute();
    await db.schema
      .createTable('beta_codes')
      .addColumn('program', 'text', (col) => col.notNull())
      .addColumn('code', 'text', (col) => col.notNull())
      .addColumn('email_key', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('beta_codes_pk', ['program', 'code'])
      .execute();

    await db.schema
      .createTable('proofs')
      .addColumn('proof', 'text', (col) => col.primaryKey())
      .addColumn('event_id', 'text', (col) => col.notNull())
      .execute();

    if (dialect === 'sqlite') {
      await sql`CREATE VIRTUAL TABLE ideas_fts USING fts5(
        board UNINDEXED, idea UNINDEXED, title, description,
        tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
      await sql`CREATE TRIGGER ideas_fts_insert AFTER INSERT ON ideas BEGIN
        INSERT INTO ideas_fts (board, idea, title, description)
        VALUES (new.board, new.id, new.title, coalesce(new.description, ''));
      END`.execute(db);
      await sql`CREATE TRIGGER ideas_fts_update AFTER UPDATE OF title, description ON ideas BEGIN
        UPDATE ideas_fts SET title = new.title, description = coalesce(new.description, '')
        WHERE board = old.board AND idea = old.id;
      END`.execute(db);
      await sql`CREATE TRIGGER ideas_fts_delete AFTER DELETE ON ideas BEGIN
        DELETE FROM ideas_fts WHERE board = old.board AND idea = old.id;
      END`.execute(db);
    } else {
      await sql`ALTER TABLE ideas ADD COLUMN search tsvector GENERATED ALWAYS AS
        (to_tsvector('english', title || ' ' || coalesce(description, ''))) STORED`.execute(db);
      await sql`CREATE INDEX ideas_search ON ideas USING gin (search)`.execute(db);
    }
  },
});

/**
 * What the dashboard reads at a million events: a tally of events per widget and type kept
 * with each write (the widget list stops counting the event log), and indexes that cover the
 * trends (events by widget, type and time; NPS scores by survey and time).
 */
const dashboard: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable('widget_activity')
      .addColumn('widget', 'text', (col) => col.notNull())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('events', 'integer', (col) => col.notNull())
      .addColumn('last', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('widget_activity_pk', ['widget', 'type'])
      .execute();
    await sql`INSERT INTO widget_activity (widget, type, events, last)
      SELECT widget, type, count(*), max(received_at) FROM events GROUP BY widget, type`.execute(db);
    await db.schema.createIndex('events_widget_type').on('events').columns(['widget', 'type', 'at']).execute();
    await db.schema
      .createIndex('nps_responses_scores')
      .on('nps_responses')
      .columns(['survey', 'at', 'score'])
      .execute();
    // The new index serves every query the old one did.
    await db.schema.dropIndex('nps_responses_survey').execute();
  },
};

/** The team's changes, for the dashboard's history of each widget, numbered in order. */
const adminLog = (dialect: Dialect): Migration => ({
  async up(db: Db) {
    await db.schema
      .createTable('admin_log')
      .$call((table) =>
        dialect === 'sqlite'
          ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
          : table.addColumn('id', 'bigserial', (col) => col.primaryKey()),
      )
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('via', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('widget', 'text', (col) => col.notNull())
      .addColumn('target', 'text')
      .addColumn('detail', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('admin_log_widget').on('admin_log').columns(['widget', 'id']).execute();
  },
});

/**
 * What several instances share: dashboard sessions (a restart or another instance keeps them)
 * and rate-limit buckets (on PostgreSQL, so N instances allow the rate once, not N times).
 * Referral codes learn when they were made, so a second sign-up of a known address can be
 * answered as any new sign-up is, without the first one's place or code.
 */
const shared = (dialect: Dialect): Migration => ({
  async up(db: Db) {
    await db.schema
      .createTable('dashboard_sessions')
      .addColumn('id_hash', 'text', (col) => col.primaryKey())
      .addColumn('csrf', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('tokens', dialect === 'sqlite' ? 'real' : 'double precision', (col) => col.notNull())
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('allowed', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.alterTable('beta_codes').addColumn('created_at', 'text').execute();
  },
});

/** Endpoints a team registered, and the outbox of deliveries to them. */
const webhooks = (dialect: Dialect): Migration => ({
  async up(db: Db) {
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('url', 'text', (col) => col.notNull())
      .addColumn('events', 'text', (col) => col.notNull())
      .addColumn('format', 'text', (col) => col.notNull())
      .addColumn('personal', 'integer', (col) => col.notNull())
      .addColumn('secret', 'text', (col) => col.notNull())
      .addColumn('active', 'integer', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('webhook_deliveries')
      .$call((table) =>
        dialect === 'sqlite'
          ? table.addColumn('seq', 'integer', (col) => col.primaryKey().autoIncrement())
          : table.addColumn('seq', 'bigserial', (col) => col.primaryKey()),
      )
      .addColumn('id', 'text', (col) => col.notNull().unique())
      .addColumn('webhook_id', 'text', (col) => col.notNull())
      .addColumn('widget', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('next_attempt_at', 'text', (col) => col.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('attempts', 'integer', (col) => col.notNull())
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('last_attempt_at', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('failed_at', 'text')
      .execute();
    // What is still to send, in order: the delivery loop reads only this.
    await db.schema
      .createIndex('webhook_deliveries_pending')
      .on('webhook_deliveries')
      .columns(['delivered_at', 'failed_at', 'webhook_id', 'widget', 'seq'])
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_recent')
      .on('webhook_deliveries')
      .columns(['webhook_id', 'seq'])
      .execute();
  },
});

/**
 * Each poll's voters and voters who wrote an "other" answer, kept with the votes, so a results
 * read costs the same at a thousand votes and at a million.
 */
const pollCounters: Migration = {
  async up(db: Db) {
    await db.schema
      .alterTable('polls')
      .addColumn('voters', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('polls')
      .addColumn('other_voters', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE polls SET
        voters = (SELECT count(*) FROM poll_votes WHERE poll_votes.poll = polls.id),
        other_voters = (SELECT count(*) FROM poll_votes WHERE poll_votes.poll = polls.id AND poll_votes.other IS NOT NULL)`.execute(
      db,
    );
  },
};

/**
 * Every distinct definition each widget was sent (its question and labels as people saw them),
 * by the SHA-256 of its canonical JSON, with when it was first and last received: the latest is
 * known, and a label edited mid-poll shows as a new version with its time.
 */
const widgetDefinitions: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable('widget_definitions')
      .addColumn('widget', 'text', (col) => col.notNull())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('hash', 'text', (col) => col.notNull())
      .addColumn('definition', 'text', (col) => col.notNull())
      .addColumn('first_seen', 'text', (col) => col.notNull())
      .addColumn('last_seen', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('widget_definitions_pk', ['widget', 'type', 'hash'])
      .execute();
  },
};

/**
 * A vote's options in the vote's own row, as a JSON array, instead of one row each in a table
 * of their own. A person's id falls anywhere in a key, so each such row dirties a page of its
 * own in every commit: a vote now writes one, not two, and its options are read with it.
 */
const voteOptionsInline = (dialect: Dialect): Migration => ({
  async up(db: Db) {
    await db.schema
      .alterTable('poll_votes')
      .addColumn('options', 'text', (col) => col.notNull().defaultTo('[]'))
      .execute();
    // In code-point order, as the collector writes them.
    await (
      dialect === 'sqlite'
        ? sql`UPDATE poll_votes SET options = (
          SELECT json_group_array(option ORDER BY option) FROM poll_vote_options o
          WHERE o.poll = poll_votes.poll AND o.subject = poll_votes.subject)`
        : sql`UPDATE poll_votes v SET options = coalesce((
          SELECT json_agg(option ORDER BY option COLLATE "C")::text FROM poll_vote_options o
          WHERE o.poll = v.poll AND o.subject = v.subject), '[]')`
    ).execute(db);
    await db.schema.dropTable('poll_vote_options').execute();
  },
});

export const migrations = (dialect: Dialect): MigrationProvider => ({
  getMigrations: () =>
    Promise.resolve({
      '0001-initial': initial(dialect),
      '0002-dashboard': dashboard,
      '0003-admin-log': adminLog(dialect),
      '0004-shared': shared(dialect),
      '0005-webhooks': webhooks(dialect),
      '0006-poll-counters': pollCounters,
      '0007-widget-definitions': widgetDefinitions,
      '0008-vote-options-inline': voteOptionsInline(dialect),
    }),
});
