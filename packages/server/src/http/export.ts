/**
 * Rows of an export. NDJSON gives each event as it came (envelope fields, the time it was
 * received); CSV flattens it into columns a spreadsheet opens, with every `data` field a
 * widget can send, and defuses cells a spreadsheet would run as a formula.
 */
import type { DefinitionVersion, PollDefinition } from '@heard/protocol';
import type { EventsTable } from '../db/schema.js';
import { versionAt } from '../store/definitions.js';

const DATA_COLUMNS = [
  'options',
  'option_labels',
  'other',
  'score',
  'comment',
  'title',
  'description',
  'idea',
  'email',
  'code',
  'referredBy',
  'fields',
] as const;

const COLUMNS = [
  'id',
  'type',
  'widget',
  'at',
  'received_at',
  'anonymous_id',
  'user_id',
  'traits',
  'locale',
  'page',
  'sdk',
  ...DATA_COLUMNS,
];

export const CSV_HEADER = `${COLUMNS.join(',')}\r\n`;

/** RFC 4180 quoting, and a leading `'` on anything a spreadsheet would read as a formula. */
export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A vote's option labels, in the order of its ids; null for an event that names no options. */
export type Labels = (string | null)[] | null;

/**
 * Labels for each exported row: a vote's options as the version of the poll's definition in
 * force when it arrived named them (`versions` oldest first); null where no version names one.
 */
export const labelsFor =
  (versions: readonly DefinitionVersion<PollDefinition>[]) =>
  (row: EventsTable): Labels => {
    if (row.type !== 'poll.vote' || !versions.length) return null;
    const version = versionAt(versions, row.received_at);
    const { options } = JSON.parse(row.data) as { options: string[] };
    return options.map((id) => version?.definition.options.find((option) => option.id === id)?.label ?? null);
  };

export const toCsv = (row: EventsTable, labels: Labels = null): string => {
  const data: Record<string, unknown> = {
    ...(JSON.parse(row.data) as Record<string, unknown>),
    option_labels: labels?.map((label) => label ?? ''),
  };
  const cells = [
    row.id,
    row.type,
    row.widget,
    row.at,
    row.received_at,
    row.anonymous_id,
    row.user_id,
    row.traits,
    row.locale,
    row.page,
    row.sdk,
    ...DATA_COLUMNS.map((column) => data[column]),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
};

export const toNdjson = (row: EventsTable, labels: Labels = null): string =>
  `${JSON.stringify({
    id: row.id,
    type: row.type,
    widget: row.widget,
    at: row.at,
    receivedAt: row.received_at,
    subject: {
      anonymousId: row.anonymous_id,
      ...(row.user_id !== null ? { userId: row.user_id } : {}),
      ...(row.traits !== null ? { traits: JSON.parse(row.traits) as unknown } : {}),
    },
    context: { locale: row.locale, ...(row.page !== null ? { page: row.page } : {}), sdk: row.sdk },
    data: JSON.parse(row.data) as unknown,
    ...(labels ? { labels: { options: labels } } : {}),
  })}\n`;
