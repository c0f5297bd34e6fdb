/** Error answers: the protocol's body, `{ code, message, issues? }`, with its status. */
import { makeError, type ErrorCode, type Issue } from '@heard/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const problem = (
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  issues?: Issue[],
  headers?: Record<string, string>,
): Response => c.json(makeError(code, message, issues), status, headers);

/** A request's media type, lowercased, without parameters: `text/plain;charset=UTF-8` → `text/plain`. */
export const mediaType = (c: Context): string =>
  (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** The status a refused envelope gets when it came alone. */
export const STATUS_OF: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  invalid_body: 400,
  spam_suspected: 403,
  not_found: 404,
  closed: 409,
  payload_too_large: 413,
};

/**
 * Sets a header on the answer a handler already made. Hono's `c.header` after `next()` copies
 * the response (reading its body through a stream) to change it; this changes it in place, and
 * copies only a response whose headers are immutable (a redirect, a fetched one).
 */
export const setHeader = (c: Context, name: string, value: string): void => {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
};
