/**
 * Per-client rate limits: a token bucket per client address and kind of request, refilled
 * continuously, answering 429 `rate_limited` with `Retry-After` in seconds. The buckets live
 * in the process: several instances behind a load balancer each allow the full rate, so the
 * effective limit is the rate times the instances (documented in the README). Nothing about
 * correctness depends on them.
 */
import { ERROR_CODES } from '@heard/protocol';
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.js';

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

export class TokenBuckets {
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

export const rateLimit = (
  limit: RateLimit,
  clientOf: (c: Parameters<MiddlewareHandler>[0]) => string,
  now: () => number = Date.now,
): MiddlewareHandler => {
  if (limit.perMinute <= 0) return (_c, next) => next();
  const buckets = new TokenBuckets(limit.perMinute);
  return async (c, next) => {
    const waitMs = buckets.take(clientOf(c), now());
    if (waitMs === 0) return next();
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return problem(c, 429, ERROR_CODES.rateLimited, `Too many requests: try again in ${seconds} s`, undefined, {
      'Retry-After': String(seconds),
    });
  };
};
