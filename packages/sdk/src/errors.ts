/** The SDK's typed errors. Each carries a stable `code` a widget can map to a message. */
import type { Issue } from '@heard/protocol';

/** The event was not sent: it breaks the protocol. `issues` name the failing fields. */
export class HeardValidationError extends Error {
  override readonly name = 'HeardValidationError';
  readonly code = 'invalid_event';
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(`Invalid event: ${issues.map((issue) => `${issue.path || '(root)'} ${issue.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/** No endpoint, or an option that makes no sense. */
export class HeardConfigError extends Error {
  override readonly name = 'HeardConfigError';
  readonly code = 'invalid_config';
}

export type ReadFailure =
  /** The request never got an answer: offline, DNS, CORS, connection reset. */
  | 'network'
  /** No answer within the read timeout. */
  | 'timeout'
  /** The endpoint answered with an error status. */
  | 'http'
  /** The endpoint answered 2xx with a body that is not the protocol's. */
  | 'invalid_response'
  /** The endpoint does not serve this read (404, 405, 501, or the request mapper said so). */
  | 'unsupported';

export class HeardReadError extends Error {
  override readonly name = 'HeardReadError';
  readonly kind: ReadFailure;
  readonly status: number | undefined;
  /** The protocol's error code, when the endpoint sent one. */
  readonly code: string | undefined;
  constructor(kind: ReadFailure, message: string, status?: number, code?: string) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

/** The endpoint refused an event for good; it will not be retried. */
export class HeardDeliveryError extends Error {
  override readonly name = 'HeardDeliveryError';
  readonly eventId: string;
  /** The protocol's error code, `http_<status>` without one, or `expired`. */
  readonly code: string;
  readonly status: number | undefined;
  readonly issues: readonly Issue[] | undefined;
  constructor(eventId: string, code: string, message: string, status?: number, issues?: readonly Issue[]) {
    super(message);
    this.eventId = eventId;
    this.code = code;
    this.status = status;
    this.issues = issues;
  }
}
