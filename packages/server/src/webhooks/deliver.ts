/**
 * Sends what the outbox holds. Each delivery is signed the Standard Webhooks way
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`), and keeps its id on every retry, so a receiver de-duplicates by it.
 *
 * Order: per endpoint and widget, only the oldest delivery not yet done is sent; the next one
 * waits until it is delivered or given up on. A failure (no answer within the timeout, a
 * refused connection, any status but 2xx) is tried again later, each wait longer (backoff,
 * capped), until a day after the event; then it is given up on and the next goes. A delivery
 * is taken with a lease, so another instance on the same PostgreSQL, or this one after a
 * crash, sends it again only once the lease has run out: delivery is at least once.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface DeliveryOptions {
  /** The first wait after a failure; each next one is four times longer, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a receiver gets to answer. */
  timeoutMs: number;
  /** How long after its event a delivery is still tried. */
  giveUpMs: number;
  /** How often the outbox is looked at when nothing woke the loop. */
  pollMs: number;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = {
  backoffMs: 5_000,
  maxBackoffMs: 2 * 60 * 60_000,
  timeoutMs: 10_000,
  giveUpMs: 24 * 60 * 60_000,
  pollMs: 1_000,
};

/** Deliveries sent at once, across endpoints and widgets. */
const BATCH = 20;
/** What is kept of a receiver's answer or error, for the dashboard. */
const KEPT = 300;

/** A new signing secret: `whsec_` and 24 random bytes in base64. */
export const newSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** `v1,<signature>` of a delivery, as a receiver recomputes it from the secret. */
export const signature = (secret: string, id: string, timestamp: number, body: string): string => {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
};

/** A Slack-compatible message (`{ text }`) for the same event. */
export const slackText = (payload: string): string => {
  const { type, data } = JSON.parse(payload) as { type: string; data: Record<string, unknown> };
  const q = (value: unknown) => `“${String(value)}”`;
  switch (type) {
    case 'idea.created':
      return `New idea on ${String(data.board)}: ${q(data.title)}`;
    case 'idea.status_changed':
      return `${q(data.title)} on ${String(data.board)} is now ${String(data.status).replace('_', ' ')}${data.note ? `: ${String(data.note)}` : ''}`;
    case 'nps.answered':
      return `NPS ${String(data.score)} (${String(data.category)}) on ${String(data.survey)}${data.comment ? `: ${q(data.comment)}` : ''}`;
    case 'poll.voted':
      return `A vote on ${String(data.poll)}: ${(data.options as string[]).join(', ')}${data.other ? `, ${q(data.other)}` : ''}`;
    case 'beta.signed_up':
      return `A sign-up for ${String(data.program)}${data.email ? ` from ${String(data.email)}` : ''}`;
    default:
      return type;
  }
};

interface Due {
  seq: number;
  id: string;
  payload: string;
  created_at: string;
  attempts: number;
  url: string;
  secret: string;
  format: string;
}

/** The wait before attempt `attempts + 1`, with up to a fifth of jitter so receivers are not hit in step. */
const backoff = (options: DeliveryOptions, attempts: number) => {
  const wait = Math.min(options.maxBackoffMs, options.backoffMs * 4 ** Math.max(0, attempts - 1));
  return wait * (0.8 + Math.random() * 0.2);
};

export class Deliverer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private again = false;
  private readonly options: DeliveryOptions;
  private readonly db: Kysely<Database>;
  private readonly now: () => Date;

  constructor(db: Kysely<Database>, options: Partial<DeliveryOptions> = {}, now: () => Date = () => new Date()) {
    this.db = db;
    this.options = { ...DELIVERY_DEFAULTS, ...options };
    this.now = now;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks at the outbox now (an event was just written), or soon after the round in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.round()
      .catch((error: unknown) => {
        // The database is away: the next round tries again; nothing is lost, it is all in the outbox.
        console.error(`heard-server: webhook deliveries paused: ${(error as Error).message}`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.timer = setTimeout(() => this.wake(), this.options.pollMs);
      });
  }

  /** Stops after the round in progress (its sends end at their timeout at the latest). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async round(): Promise<void> {
    for (;;) {
      const due = await this.take();
      if (!due.length) return;
      await Promise.all(due.map((delivery) => this.send(delivery)));
    }
  }

  /** The oldest undone delivery of each endpoint and widget, if due and not leased: leased now. */
  private async take(): Promise<Due[]> {
    const now = this.now();
    const at = now.toISOString();
    const rows = await sql<Due>`
      SELECT d.seq, d.id, d.payload, d.created_at, d.attempts, w.url, w.secret, w.format
      FROM webhook_deliveries d
      JOIN webhooks w ON w.id = d.webhook_id AND w.active = 1
      WHERE d.seq IN (
        SELECT min(seq) FROM webhook_deliveries
        WHERE delivered_at IS NULL AND failed_at IS NULL
        GROUP BY webhook_id, widget
      )
        AND d.next_attempt_at <= ${at}
        AND (d.lease_until IS NULL OR d.lease_until < ${at})
      ORDER BY d.seq
      LIMIT ${BATCH}`.execute(this.db);
    const lease = new Date(now.getTime() + this.options.timeoutMs + 5_000).toISOString();
    const taken: Due[] = [];
    for (const row of rows.rows) {
      // Another instance may have taken it since: the lease goes to one.
      const claimed = await this.db
        .updateTable('webhook_deliveries')
        .set({ lease_until: lease })
        .where('seq', '=', row.seq)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) taken.push({ ...row, seq: Number(row.seq) });
    }
    return taken;
  }

  private async send(delivery: Due): Promise<void> {
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const body = delivery.format === 'slack' ? JSON.stringify({ text: slackText(delivery.payload) }) : delivery.payload;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'heard-webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature(delivery.secret, delivery.id, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = response.status;
      const text = await response.text().catch(() => '');
      if (status < 200 || status >= 300) error = text.slice(0, KEPT) || `answered ${status}`;
    } catch (failure) {
      const cause = (failure as Error & { cause?: Error }).cause;
      error = (cause?.message ?? (failure as Error).message).slice(0, KEPT);
    }
    const now = this.now();
    const attempts = delivery.attempts + 1;
    const delivered = error === null;
    const tooLate = now.getTime() - new Date(delivery.created_at).getTime() >= this.options.giveUpMs;
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        attempts,
        last_status: status,
        last_error: error,
        last_attempt_at: now.toISOString(),
        lease_until: null,
        ...(delivered
          ? { delivered_at: now.toISOString() }
          : tooLate
            ? { failed_at: now.toISOString() }
            : { next_attempt_at: new Date(now.getTime() + backoff(this.options, attempts)).toISOString() }),
      })
      .where('seq', '=', delivery.seq)
      .execute();
  }
}
