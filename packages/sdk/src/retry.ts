/** When to try again: which answers are worth a retry, backoff with jitter, `Retry-After`. */

export interface RetryOptions {
  /** First backoff step, in ms. */
  baseMs: number;
  /** Longest backoff step, in ms. */
  maxMs: number;
  /** Longest wait a server's `Retry-After` may impose, in ms. */
  maxRetryAfterMs: number;
  /** How long an undelivered event is kept before it is given up, in ms. */
  maxAgeMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  baseMs: 1_000,
  maxMs: 5 * 60_000,
  maxRetryAfterMs: 30 * 60_000,
  maxAgeMs: 7 * 24 * 3_600_000,
};

/** Network errors, 408, 429 and 5xx may succeed later; other 4xx will not. */
export const isRetryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * `Retry-After` as a delay in ms: delta-seconds or an HTTP date. Anything else is ignored
 * (undefined), a date in the past means now, and every value is capped.
 */
export const parseRetryAfter = (value: string | null, now: number, capMs: number): number | undefined => {
  if (value === null) return undefined;
  const text = value.trim();
  let delay: number;
  if (/^\d+$/.test(text)) delay = Number(text) * 1_000;
  else if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    delay = Math.max(0, date - now);
  } else return undefined;
  return Math.min(delay, capMs);
};

/** Exponential backoff with equal jitter: between half and all of the step. */
export const backoff = (attempt: number, options: RetryOptions, random = Math.random): number => {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return step / 2 + random() * (step / 2);
};
