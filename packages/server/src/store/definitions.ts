/**
 * The widgets' definitions: what each poll, survey, board or programme looked like to the
 * people who answered (its question, its labels, the consent wording they agreed to), kept per
 * widget and type as every distinct version it was sent, with when it was first and last
 * received. Written in the event's own transaction, so no definition is kept without the
 * answer that brought it; most envelopes repeat the version already stored, which costs one
 * keyed upsert that only moves its last-seen time, and nothing more within a group.
 */
import { createHash } from 'node:crypto';
import type { Defined, DefinitionVersion, Envelope, PollDefinition } from '@heard/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { statement, type Param, type Runner } from './statements.js';

/** JSON with keys sorted at every level and no spaces: one text, so one hash, per definition. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export const definitionHash = (json: string): string => createHash('sha256').update(json).digest('hex');

// The WHERE leaves a row alone when a group that received later already moved it.
const upsert = statement(
  'definition_upsert',
  `INSERT INTO widget_definitions (widget, type, hash, definition, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
   ON CONFLICT (widget, type, hash) DO UPDATE SET last_seen = excluded.last_seen
   WHERE widget_definitions.last_seen < excluded.last_seen`,
);

/** The versions a group wrote already: the same widget, type and hash again costs nothing. */
/**
 * The definitions one group of envelopes keeps, each version once: written at the group's end
 * (`Group.finish`) in key order, so two groups that keep the same versions wait for each other
 * instead of deadlocking.
 */
export class Definitions {
  readonly #rows = new Map<string, Param[]>();

  /** Keeps the definition `envelope` carries, if any, as received at `received`. */
  add(envelope: Envelope, received: string): void {
    if (!('definition' in envelope) || envelope.definition === undefined) return;
    const json = canonicalJson(envelope.definition);
    const hash = definitionHash(json);
    const key = `${envelope.widget}\u0000${envelope.type}\u0000${hash}`;
    if (!this.#rows.has(key)) this.#rows.set(key, [envelope.widget, envelope.type, hash, json, received, received]);
  }

  async write(run: Runner): Promise<void> {
    for (const [, row] of [...this.#rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) await run.all(upsert, row);
  }
}

type Db = Kysely<Database>;

/** A widget's definitions of one type (or all), oldest first. */
export const definitionVersions = async (
  db: Db,
  widget: string,
  type?: string,
): Promise<(DefinitionVersion & { type: string })[]> => {
  let query = db
    .selectFrom('widget_definitions')
    .select(['type', 'hash', 'definition', 'first_seen', 'last_seen'])
    .where('widget', '=', widget);
  if (type) query = query.where('type', '=', type);
  const rows = await query.orderBy('type').orderBy('first_seen').orderBy('hash').execute();
  return rows.map((row) => ({
    type: row.type,
    hash: row.hash,
    definition: JSON.parse(row.definition) as DefinitionVersion['definition'],
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  }));
};

/** The version last received (ties: the newer one): what the widget looks like now. */
export const latestOf = <V extends { firstSeen: string; lastSeen: string }>(versions: readonly V[]): V | null =>
  versions.reduce<V | null>(
    (latest, version) =>
      !latest ||
      version.lastSeen > latest.lastSeen ||
      (version.lastSeen === latest.lastSeen && version.firstSeen > latest.firstSeen)
        ? version
        : latest,
    null,
  );

/**
 * The version in force when an event arrived: the newest one first received at or before it
 * (the event that brought a version was received with it), else the oldest.
 */
export const versionAt = <V extends { firstSeen: string }>(versions: readonly V[], received: string): V | undefined => {
  let found: V | undefined;
  for (const version of versions) if (version.firstSeen <= received) found = version;
  return found ?? versions[0];
};

/** A summary's definitions of one type: the latest and every version, oldest first. */
export const defined = async <D>(db: Db, widget: string, type: string): Promise<Defined<D>> => {
  const versions = (await definitionVersions(db, widget, type)).map(
    ({ type: _type, ...version }) => version as DefinitionVersion<D>,
  );
  return { definition: latestOf(versions)?.definition ?? null, versions };
};

type PollOption = PollDefinition['options'][number];

/** Each option id's label and image: from the latest version that names it (an option dropped later keeps its last label). */
export const optionLabels = (versions: readonly DefinitionVersion<PollDefinition>[]): Map<string, PollOption> => {
  const labels = new Map<string, PollOption>();
  const newestFirst = [...versions].sort((a, b) =>
    a.lastSeen === b.lastSeen ? (a.firstSeen < b.firstSeen ? 1 : -1) : a.lastSeen < b.lastSeen ? 1 : -1,
  );
  for (const version of newestFirst)
    for (const option of version.definition.options) if (!labels.has(option.id)) labels.set(option.id, option);
  return labels;
};
