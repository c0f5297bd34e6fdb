/**
 * Per-client rate limits: a token bucket per client address and kind of request, refilled
 * continuously, answering 429 `rate_limited` with `Retry-After` in seconds. On SQLite (one
 * process) the buckets live in memory; on PostgreSQL they live in the database, taken in one
 * statement, so any number of instances allow the rate once. Nothing about correctness
 * depends on them: while the database is away a request is let through (and then meets the
 * database's own 503).
 */
import { ERROR_CODES } from '@heard/protocol';
import type { MiddlewareHandler } from 'hono';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { problem } from './problem.js';

/** Takes a token for a client: 0 when allowed, else the milliseconds until one is free. */
export interface Buckets {
  take(client: string, now: number): number | Promise<number>;
}

export interface RateLimit {
  /** Requests a client may make per minute; also the burst it may make at once. 0 = no limit. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept at most; the oldest go first (they are the fullest anyway). */
const MAX_CLIENTS = 100_000;

export class TokenBuckets implements Buckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMinute: number;

  constructor(perMinute: number) {
    this.perMinute = perMinute;
  }

  /** Takes a token for `client`; answers 0 when allowed, else the milliseconds until one is free. */
  take(client: string, now: number): number {
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    this.buckets.delete(client);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > MAX_CLIENTS) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perMs);
  }
}

/**
 * Token buckets in a PostgreSQL table, one row per kind and client, refilled and taken in one
 * upsert (the row lock orders concurrent takes). Rows of buckets that are full again are
 * removed once a minute.
 */
export class SharedBuckets implements Buckets {
  private readonly db: Kysely<Database>;
  private readonly kind: string;
  private readonly perMinute: number;
  private sweptAt = 0;

  constructor(db: Kysely<Database>, kind: string, perMinute: number) {
    this.db = db;
    this.kind = kind;
    this.perMinute = perMinute;
  }

  async take(client: string, now: number): Promise<number> {
    const perMs = this.perMinute / 60_000;
    const cap = this.perMinute;
    if (now - this.sweptAt > 60_000) {
      this.sweptAt = now;
      void this.db
        .deleteFrom('rate_limits')
        .where('at', '<', now - 60_000)
        .execute()
        .catch(() => undefined);
    }
    const refilled = sql`least(${cap}::float8, r.tokens + greatest(0, ${now}::bigint - r.at) * ${perMs}::float8)`;
    try {
      const { rows } = await sql<{ tokens: number; allowed: number }>`
        insert into rate_limits as r (key, tokens, at, allowed)
        values (${`${this.kind}:${client}`}, ${cap - 1}::float8, ${now}::bigint, 1)
        on conflict (key) do update set
          tokens = ${refilled} - case when ${refilled} >= 1 then 1 else 0 end,
          at = greatest(r.at, ${now}::bigint),
          allowed = case when ${refilled} >= 1 then 1 else 0 end
        returning tokens, allowed`.execute(this.db);
      const row = rows[0];
      if (!row || row.allowed === 1) return 0;
      return Math.ceil((1 - row.tokens) / perMs);
    } catch {
      return 0;
    }
  }
}

export const rateLimit = (
  limit: RateLimit,
  clientOf: (c: Parameters<MiddlewareHandler>[0]) => string,
  shared?: { db: Kysely<Database>; kind: string },
  now: () => number = Date.now,
): MiddlewareHandler => {
  if (limit.perMinute <= 0) return (_c, next) => next();
  const buckets: Buckets = shared
    ? new SharedBuckets(shared.db, shared.kind, limit.perMinute)
    : new TokenBuckets(limit.perMinute);
  return async (c, next) => {
    const waitMs = await buckets.take(clientOf(c), now());
    if (waitMs === 0) return next();
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return problem(c, 429, ERROR_CODES.rateLimited, `Too many requests: try again in ${seconds} s`, undefined, {
      'Retry-After': String(seconds),
    });
  };
};
