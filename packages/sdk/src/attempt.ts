/**
 * One delivery attempt: posts a batch as the protocol asks, with a timeout that does not
 * depend on the transport, and reads the answer as delivered (with each event's outcome),
 * to retry (network errors, timeouts, 408, 429, 5xx, honouring `Retry-After`) or refused.
 */
import type { Envelope, Issue } from '@heard/protocol';
import { HeardDeliveryError } from './errors.js';
import type { DeliveryOutcome } from './events.js';
import { isRecord, parseJson, type Item } from './outbox.js';
import { isRetryable, parseRetryAfter, type RetryOptions } from './retry.js';
import { deliveryRequest, type Delivery, type Transport } from './transport.js';

export interface QueueOptions extends Delivery {
  transport: Transport;
  /** Over the defaults. */
  retry: Partial<RetryOptions> | undefined;
  timeoutMs: number;
}

export type Attempt =
  | { kind: 'delivered'; outcomes: Map<string, DeliveryOutcome | HeardDeliveryError> }
  | { kind: 'retry'; afterMs?: number }
  | { kind: 'refused'; status: number; code: string; message: string; issues?: Issue[] };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);

/** Posts one batch and says what came of it. */
export const post = async (options: QueueOptions, maxRetryAfterMs: number, batch: Item[]): Promise<Attempt> => {
  const envelopes = batch.map((item) => item.e);
  const request = deliveryRequest(options, envelopes);
  if (!request) {
    return { kind: 'refused', status: 0, code: 'unsupported', message: 'The request mapper drops this event' };
  }
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A transport may ignore the signal: the timeout must not depend on it, or one hung
  // request would hold the queue's lock for good.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error('timeout'));
    }, options.timeoutMs);
  });
  try {
    const response = await Promise.race([options.transport({ ...request, signal: controller.signal }), timeout]);
    const body = parseJson(await Promise.race([response.text(), timeout]));
    if (response.status >= 200 && response.status < 300)
      return { kind: 'delivered', outcomes: outcomes(envelopes, body) };
    if (isRetryable(response.status)) {
      const afterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now(), maxRetryAfterMs);
      return afterMs === undefined ? { kind: 'retry' } : { kind: 'retry', afterMs };
    }
    const error = isRecord(body) ? body : {};
    return {
      kind: 'refused',
      status: response.status,
      code: typeof error.code === 'string' ? error.code : `http_${response.status}`,
      message: typeof error.message === 'string' ? error.message : `The endpoint answered ${response.status}`,
      ...(Array.isArray(error.issues) ? { issues: error.issues as Issue[] } : {}),
    };
  } catch {
    // Network error, CORS failure, or our own timeout: all may succeed later.
    return { kind: 'retry' };
  } finally {
    clearTimeout(timer);
  }
};

/** Reads the protocol's answer; an endpoint that says only "2xx" has taken everything. */
const outcomes = (envelopes: Envelope[], body: unknown): Map<string, DeliveryOutcome | HeardDeliveryError> => {
  const outcomes = new Map<string, DeliveryOutcome | HeardDeliveryError>();
  if (!isRecord(body)) return outcomes;
  for (const id of strings(body.accepted)) outcomes.set(id, 'accepted');
  for (const id of strings(body.duplicates)) outcomes.set(id, 'duplicate');
  for (const entry of Array.isArray(body.rejected) ? body.rejected : []) {
    if (!isRecord(entry)) continue;
    const id = typeof entry.id === 'string' ? entry.id : envelopes[Number(entry.index)]?.id;
    if (!id) continue;
    const code = typeof entry.code === 'string' ? entry.code : 'rejected';
    const message = typeof entry.message === 'string' ? entry.message : 'The endpoint rejected the event';
    const issues = Array.isArray(entry.issues) ? (entry.issues as Issue[]) : undefined;
    outcomes.set(id, new HeardDeliveryError(id, code, message, 200, issues));
  }
  return outcomes;
};
