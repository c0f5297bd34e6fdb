/**
 * What a team hears of, as webhook events, and how each is written to the outbox: in the
 * transaction that stores the event itself, so no event is stored without its deliveries and
 * none is delivered that was not stored. One statement per event writes a delivery for every
 * active endpoint that takes its kind (a sign-up's e-mail only to endpoints marked personal).
 */
import { npsCategory, type Envelope } from '@heard/protocol';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export const WEBHOOK_EVENTS = [
  'idea.created',
  'idea.status_changed',
  'nps.answered',
  'poll.voted',
  'beta.signed_up',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What an event says, for everyone; `personal` adds what only a personal endpoint gets. */
export interface Said {
  kind: WebhookEvent;
  widget: string;
  data: Record<string, unknown>;
  personal?: Record<string, unknown>;
}

/** The webhook event an accepted envelope is, if it is one a team hears of. */
export const saidBy = (envelope: Envelope, at: string): Said | undefined => {
  switch (envelope.type) {
    case 'idea.create':
      return {
        kind: 'idea.created',
        widget: envelope.widget,
        data: {
          board: envelope.widget,
          idea: envelope.id,
          title: envelope.data.title.trim(),
          description: envelope.data.description?.trim() || null,
          at,
        },
      };
    case 'nps.response':
      return {
        kind: 'nps.answered',
        widget: envelope.widget,
        data: {
          survey: envelope.widget,
          score: envelope.data.score,
          category: npsCategory(envelope.data.score),
          comment: envelope.data.comment?.trim() || null,
          at,
        },
      };
    case 'poll.vote':
      return {
        kind: 'poll.voted',
        widget: envelope.widget,
        data: { poll: envelope.widget, options: envelope.data.options, other: envelope.data.other ?? null, at },
      };
    case 'beta.signup':
      return {
        kind: 'beta.signed_up',
        widget: envelope.widget,
        data: { program: envelope.widget, referralCode: envelope.data.code, at },
        personal: { email: envelope.data.email, fields: envelope.data.fields ?? {} },
      };
    default:
      return undefined;
  }
};

/** The Standard Webhooks body: `{ type, timestamp, data }`. */
const body = (said: Said, data: Record<string, unknown>, at: string) =>
  JSON.stringify({ type: said.kind, timestamp: at, data });

/** An active endpoint, as the write path reads them once per transaction. */
export interface Endpoint {
  id: string;
  /** The kinds it takes, framed by commas: `,poll.voted,nps.answered,`. */
  events: string;
  personal: number;
}

/** The deliveries of `said` to those of `endpoints` that take its kind: id, endpoint, payload. */
export const deliveriesFor = (said: Said, key: string, at: string, endpoints: readonly Endpoint[]) => {
  const taking = endpoints.filter((endpoint) => endpoint.events.includes(`,${said.kind},`));
  if (!taking.length) return [];
  const plain = body(said, said.data, at);
  const personal = said.personal ? body(said, { ...said.data, ...said.personal }, at) : plain;
  return taking.map((endpoint) => ({
    id: `msg_${key}_${endpoint.id}`,
    webhook: endpoint.id,
    payload: endpoint.personal === 1 ? personal : plain,
  }));
};

/**
 * Writes one delivery per active endpoint taking `said.kind`, inside `trx`. `key` makes the
 * delivery ids (`msg_<key>_<endpoint>`): the same event never gets two deliveries per endpoint.
 */
export const enqueue = async (trx: Transaction<Database>, said: Said, key: string, at: string): Promise<void> => {
  const plain = body(said, said.data, at);
  const personal = said.personal ? body(said, { ...said.data, ...said.personal }, at) : plain;
  await sql`INSERT INTO webhook_deliveries (id, webhook_id, widget, kind, payload, created_at, next_attempt_at, attempts)
    SELECT ${`msg_${key}_`} || id, id, ${said.widget}, ${said.kind},
      CASE WHEN personal = 1 THEN ${personal} ELSE ${plain} END, ${at}, ${at}, 0
    FROM webhooks
    WHERE active = 1 AND events LIKE ${`%,${said.kind},%`}
    ON CONFLICT (id) DO NOTHING`.execute(trx);
};
