/** @heard/sdk: the browser client that carries every vote and answer to a team's endpoint. */
export { createClient, HeardClient } from './client.js';
export type { ClientOptions, Consent, SendOptions, Sent } from './client.js';
export { configure, getClient, isConfigured, optionsFromScript } from './default.js';
export { HeardConfigError, HeardDeliveryError, HeardReadError, HeardValidationError } from './errors.js';
export type { ReadFailure } from './errors.js';
export { HeardDeliveredEvent, HeardDeliveryErrorEvent, HeardQueuedEvent } from './events.js';
export type { DeliveryOutcome, HeardClientEventMap } from './events.js';
export { DEFAULT_RULES, Frequency } from './frequency.js';
export type { Decision, FrequencyRules } from './frequency.js';
export { privacySignal } from './identity.js';
export { randomCode, uuid } from './ids.js';
export { backoff, parseRetryAfter, isRetryable, DEFAULT_RETRY } from './retry.js';
export type { RetryOptions } from './retry.js';
export type { StorageOption } from './store.js';
export { beacon, fetchTransport } from './transport.js';
export type { HeardRequest, HeardResponse, MapRequest, Transport } from './transport.js';
export type * from '@heard/protocol';
