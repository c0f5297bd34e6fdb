/**
 * What a client is configured with, and what sending answers: the types `createClient` and
 * `send` take and give.
 */
import type { Envelope } from '@heard/protocol';
import type { DeliveryOutcome } from './events.js';
import type { User } from './identity.js';
import type { RetryOptions } from './retry.js';
import type { StorageOption } from './store.js';
import type { MapRequest, Transport } from './transport.js';

export type Consent = 'granted' | 'pending' | 'denied';

export interface ClientOptions {
  /** Base URL of the collector, such as `https://feedback.example.com`. Routes are appended. */
  endpoint: string;
  /** Replaces `fetch` entirely, for any backend or client library. Disables beacons. */
  transport?: Transport;
  /** The `fetch` the default transport uses. */
  fetch?: typeof fetch;
  /** Reshapes requests for an endpoint that speaks another format. */
  mapRequest?: MapRequest;
  /** Where Heard keeps its queue and memory: `local` (default), `memory`, or any Storage. */
  storage?: StorageOption;
  /**
   * `granted` (default): Heard may store its anonymous id, queue and memory in the browser.
   * `pending` or `denied`: nothing is stored; everything lives in memory for this page.
   */
  consent?: Consent;
  /** Honour Global Privacy Control and Do Not Track (default true). */
  honourPrivacySignals?: boolean;
  /** Default language of envelopes; elements pass their own. */
  locale?: string;
  /** Read timeout, and the time one delivery attempt may take, in ms. */
  timeoutMs?: number;
  /** Envelopes per delivery request. */
  batchSize?: number;
  retry?: Partial<RetryOptions>;
  /** Send what is left with `sendBeacon` when the page goes away (default true). */
  beacon?: boolean;
  /** The signed-in person, as `identify` takes it (the script tag's `data-user` and `data-user-signature`). */
  user?: User;
}

export interface SendOptions<D = unknown> {
  /** The language the person answered in. */
  locale?: string;
  /** The widget as the person saw it (its question and labels); left out when it breaks the protocol's limits. */
  definition?: D;
}

export interface Sent {
  /** The event id, kept on every retry. */
  id: string;
  envelope: Envelope;
  /** Resolves when the endpoint has it; rejects with `HeardDeliveryError` if it refuses. */
  delivered: Promise<DeliveryOutcome>;
}
