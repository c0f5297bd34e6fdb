/**
 * `createClient`: one Heard client talks to one endpoint. It builds envelopes, stores them
 * in the outbox, serves the widgets' reads and owns identity, consent and the widgets'
 * memory. The code that checks and delivers (`queue.ts`, with the protocol's validator,
 * retries, locks and batches) is loaded the first time there is something to deliver: a page
 * where nobody answers never downloads it.
 */
import type { Envelope, EventData, EventDefinition, EventType } from '@heard/protocol';
import { BATCH_EVENTS } from '@heard/protocol/client-limits';
import { HeardConfigError } from './errors.js';
import { HeardQueuedEvent, type HeardClientEventMap } from './events.js';
import type { ClientOptions, Consent, SendOptions, Sent } from './options.js';
import { Identity, type IdentifyOptions } from './identity.js';
import { loadUntilDone } from './lazy.js';
import { envelopeOf } from './envelope.js';
import { inOrder, outboxPrefix, store, storedItems } from './outbox.js';
import { countPageView } from './page-views.js';
import type { QueueOptions } from './attempt.js';
import type { DeliveryQueue } from './queue.js';
import { read, type ReadModels, type Reader } from './reads.js';
import { Store } from './store.js';
import { beaconAll, fetchTransport } from './transport.js';

export type { ClientOptions, Consent, SendOptions, Sent } from './options.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- types the listeners of an EventTarget.
export class HeardClient extends EventTarget {
  readonly endpoint: string;
  /** Pages this person has viewed on sites using this endpoint, this one included. */
  readonly pageViews: number;
  private readonly options: ClientOptions;
  private readonly store: Store;
  private readonly identity: Identity;
  private readonly outbox: string;
  private readonly queueOptions: QueueOptions;
  private readonly startQueue: () => Promise<DeliveryQueue>;
  private queue: Promise<DeliveryQueue> | undefined;
  private loaded: DeliveryQueue | undefined;
  private stopped = false;
  private readonly reader: Reader;
  private consentState: Consent;

  constructor(options: ClientOptions) {
    super();
    if (typeof options.endpoint !== 'string' || !/^(https?:\/\/|\/)/.test(options.endpoint)) {
      throw new HeardConfigError(
        `Heard needs an endpoint URL (http, https, or a path from /), not ${JSON.stringify(options.endpoint)}`,
      );
    }
    this.options = options;
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.consentState = options.consent ?? 'granted';
    this.store = new Store(options.storage ?? 'local', this.consentState === 'granted');
    this.identity = new Identity(this.store, options.honourPrivacySignals ?? true, options.user);
    this.reader = {
      transport: options.transport ?? fetchTransport(options.fetch),
      mapRequest: options.mapRequest,
      timeoutMs: options.timeoutMs ?? 10_000,
    };
    this.outbox = outboxPrefix(this.endpoint);
    this.queueOptions = {
      ...this.reader,
      endpoint: this.endpoint,
      retry: options.retry,
      batchSize: Math.min(options.batchSize ?? 20, BATCH_EVENTS),
    };
    this.startQueue = async () => {
      const { DeliveryQueue } = await import('./queue.js');
      const queue = new DeliveryQueue(this.store, this.queueOptions, (event) => this.dispatchEvent(event));
      if (this.stopped) queue.stop();
      else queue.start();
      return (this.loaded = queue);
    };
    // The page is going away: the browser carries what is left and checked.
    if ((options.beacon ?? true) && !options.transport) {
      globalThis.addEventListener?.('pagehide', this.onPageHide);
    }
    // Under GPC or DNT nothing is written as a page loads: no page is counted.
    this.pageViews = this.identity.restricted ? 0 : countPageView(this.store);
    // Events an earlier page left undelivered go now.
    if (this.hasPending()) void this.delivery();
  }

  get consent(): Consent {
    return this.consentState;
  }

  /** Whether GPC or DNT limits what is sent (no traits, no page path). */
  get restricted(): boolean {
    return this.identity.restricted;
  }

  /**
   * Whether what a widget keeps outlives this page: consent granted, no privacy signal
   * honoured, and storage that works. A prompt that could not remember being dismissed never
   * opens by itself.
   */
  get remembers(): boolean {
    return this.consentState === 'granted' && !this.identity.restricted && this.store.durable;
  }

  get anonymousId(): string {
    return this.identity.anonymousId;
  }

  /**
   * `granted` starts storing (what was in memory moves to storage); `denied` erases everything
   * Heard stored in this browser and keeps working from memory.
   */
  setConsent(consent: Consent): void {
    this.consentState = consent;
    if (consent === 'granted') this.store.persist();
    else this.store.forget();
    void this.flush();
  }

  /**
   * The signed-in person: their user id, the site's signature of it (HMAC-SHA256 by the site's
   * backend; a collector trusts a user id only signed) and traits.
   */
  identify(userId: string, options: IdentifyOptions = {}): void {
    this.identity.identify(userId, options);
  }

  /** Signs the person out: a new anonymous id, no user id. */
  reset(): void {
    this.identity.reset();
  }

  /**
   * Builds and stores one event, then delivers it: `delivered` resolves when the endpoint has
   * it, and rejects with `HeardValidationError` for an event the protocol would refuse (checked
   * by the delivery queue, which removes it) or `HeardDeliveryError` when the endpoint refuses.
   */
  send<T extends EventType>(
    type: T,
    widget: string,
    data: EventData<T>,
    options: SendOptions<EventDefinition<T>> = {},
  ): Sent {
    const envelope = envelopeOf(type, widget, data, this.identity, options.locale, this.options.locale);
    if (options.definition) (envelope as { definition?: object }).definition = options.definition;
    const item = store(this.store, this.outbox, envelope);
    const delivered = this.delivery().then((queue) => queue.adopt(item));
    // A widget that ignores the outcome must not cause an unhandled rejection.
    delivered.catch(() => undefined);
    this.dispatchEvent(new HeardQueuedEvent(envelope));
    return { id: envelope.id, envelope, delivered };
  }

  /** A small value a widget keeps for this person, such as their sign-up's code (same consent rules as the rest). */
  recall(key: string): string | null {
    return this.store.get(`w:${key}`);
  }

  /** Keeps a small value for `recall`, under Heard's namespace. */
  keep(key: string, value: string): void {
    this.store.set(`w:${key}`, value);
  }

  /** Forgets a value kept with `keep`. */
  forget(key: string): void {
    this.store.remove(`w:${key}`);
  }

  /** Events stored and not yet delivered. */
  pending(): Envelope[] {
    if (this.loaded) return this.loaded.pending();
    return inOrder(storedItems(this.store, this.outbox).values()).map((item) => item.e);
  }

  /**
   * Loads the delivery code ahead of the first send, so the first answer goes without
   * waiting for it. Widgets call it when a person starts to answer.
   */
  prepare(): void {
    void this.delivery();
  }

  /** Tries to deliver what is due now, without waiting for the next retry. */
  async flush(): Promise<void> {
    if (this.queue || this.hasPending()) await (await this.delivery()).flush();
  }

  pollResults(poll: string, signal?: AbortSignal): Promise<ReadModels['pollResults']> {
    return this.read('pollResults', ['polls', poll, 'results'], {}, signal);
  }

  ideas(
    board: string,
    query: { sort?: 'top' | 'new' | 'trending'; status?: string; cursor?: string; limit?: string } = {},
    signal?: AbortSignal,
  ): Promise<ReadModels['ideaList']> {
    return this.read('ideaList', ['boards', board, 'ideas'], query, signal);
  }

  similarIdeas(board: string, q: string, signal?: AbortSignal): Promise<ReadModels['similarIdeas']> {
    return this.read('similarIdeas', ['boards', board, 'ideas', 'similar'], { q }, signal);
  }

  betaStatus(program: string, code: string, signal?: AbortSignal): Promise<ReadModels['betaStatus']> {
    return this.read('betaStatus', ['betas', program, 'signups', code], {}, signal);
  }

  /**
   * A solved proof of work for the collector's spam rules, when it asks for one: fetches a
   * challenge (`GET /v1/challenge`) and solves it, about a second of CPU in awaited steps.
   * Resolves `undefined` when the collector asks for none (204, or 404 from older ones), cannot
   * be reached, or this page has no Web Crypto: send the post without a proof then. Widgets start it when a person
   * begins to fill a form, so nobody waits for it.
   */
  async proofOfWork(signal?: AbortSignal): Promise<string | undefined> {
    try {
      // No proof asked: 204 No Content (no body, so no challenge) or 404 from older collectors
      // both fail the read, and land below.
      const { challenge, difficulty } = await this.read('challenge', ['challenge'], {}, signal);
      const { solveProof } = await import('./proof.js');
      return await solveProof(challenge, difficulty, signal);
    } catch {
      return undefined;
    }
  }

  /** Stops timers and listeners; stored events stay for the next client. */
  destroy(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
    void this.queue?.then((queue) => queue.stop());
  }

  // Only events a queue has checked leave in a beacon: one sent while the delivery code was
  // still loading stays stored, and the next page checks and sends it.
  private readonly onPageHide = () =>
    beaconAll(this.queueOptions, inOrder(storedItems(this.store, this.outbox).values()));

  private hasPending(): boolean {
    return this.store.keys(this.outbox).length > 0;
  }

  /**
   * The delivery queue, loaded and started the first time it is needed. Offline, its code
   * may not load: it is tried again when the browser is back online (or a minute later),
   * and what was sent stays stored meanwhile.
   */
  private delivery(): Promise<DeliveryQueue> {
    return (this.queue ??= loadUntilDone(this.startQueue, () => this.stopped));
  }

  /** Reads `/v1/` and the path's segments, each encoded, as the signed-in person if any. */
  private read<K extends keyof ReadModels>(
    model: K,
    path: string[],
    query: Record<string, string | undefined>,
    signal?: AbortSignal,
  ): Promise<ReadModels[K]> {
    const params = this.identity.params();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    const url = `${this.endpoint}/v1/${path.map(encodeURIComponent).join('/')}?${params}`;
    return read(this.reader, model, url, signal);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class.
export interface HeardClient {
  addEventListener<K extends keyof HeardClientEventMap>(
    type: K,
    listener: (event: HeardClientEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HeardClientEventMap>(
    type: K,
    listener: (event: HeardClientEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

export const createClient = (options: ClientOptions): HeardClient => new HeardClient(options);
