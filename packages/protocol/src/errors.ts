/** The stable error codes of the protocol, and the error body built from a zod failure. */
import type { ErrorBody, Issue } from './schemas.js';

export const ERROR_CODES = {
  /** The body is not JSON. */
  invalidJson: 'invalid_json',
  /** The body is JSON but breaks the schema; `issues` names each failing field. */
  invalidBody: 'invalid_body',
  /** A query or path parameter breaks its format. */
  invalidParameter: 'invalid_parameter',
  /** Content-Type is neither `application/json` nor `text/plain`. */
  unsupportedMediaType: 'unsupported_media_type',
  /** The body or one envelope is over its byte cap. */
  payloadTooLarge: 'payload_too_large',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  /** Too many requests from this client; `Retry-After` says when to come back. */
  rateLimited: 'rate_limited',
  /** The request's Origin is not on the collector's allow-list. */
  originNotAllowed: 'origin_not_allowed',
  /** Missing or wrong admin token. */
  unauthorized: 'unauthorized',
  /** Signed in, but the request lacks what it needs: a dashboard write without its CSRF token. */
  forbidden: 'forbidden',
  /** Honeypot filled, form sent faster than a person types, or a failed proof of work. */
  spamSuspected: 'spam_suspected',
  /** The poll is closed. */
  closed: 'closed',
  /** The collector's database is away (restarting, unreachable, too slow); `Retry-After` says when to try again. */
  storageUnavailable: 'storage_unavailable',
  /** Something broke on the server; the request was fine. Retry later. */
  internal: 'internal_error',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** What a zod failure looks like to us: only the fields we read, so any zod flavour fits. */
interface ZodLikeIssue {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
}

export const toPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

export const issuesFromZod = (issues: readonly ZodLikeIssue[], prefix = ''): Issue[] =>
  issues.map((issue) => ({
    path: [prefix, toPath(issue.path)].filter(Boolean).join('.'),
    code: issue.code,
    message: issue.message,
  }));

export const makeError = (code: ErrorCode, message: string, issues?: Issue[]): ErrorBody =>
  issues ? { code, message, issues } : { code, message };
