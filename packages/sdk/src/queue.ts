/**
 * Durable delivery. The client writes each event to the outbox before the first attempt;
 * the queue sends it in batches by one tab at a time, retried with backoff on network
 * errors, timeouts, 408, 429 and 5xx (honouring `Retry-After`), dropped with an error on
 * other 4xx, flushed when the browser comes back online; the client beacons what is left
 * and was checked here when the page goes away, and it is restored on the next load. Every attempt carries the
 * same event id, so the endpoint can de-duplicate.
 */
import type { Envelope, Issue } from '@heard/protocol';
import { checkEnvelope, utf8Bytes } from '@heard/protocol/check';
import { LIMITS } from '@heard/protocol/limits';
import { HeardDeliveryError, HeardValidationError } from './errors.js';
import { HeardDeliveredEvent, HeardDeliveryErrorEvent, type DeliveryOutcome } from './events.js';
import { withLock } from './lock.js';
import { inOrder, isRecord, outboxPrefix, storedItems, type Item } from './outbox.js';
import { DEFAULT_RETRY, backoff, type RetryOptions } from './retry.js';
import type { Store } from './store.js';
import { post, type QueueOptions } from './attempt.js';

let instances = 0;

interface Waiter {
  resolve(outcome: DeliveryOutcome): void;
  reject(error: HeardDeliveryError): void;
}

type Settled = { id: string; outcome: DeliveryOutcome } | { id: string; error: HeardDeliveryError };

/**
 * An envelope whose definition alone breaks the protocol (a long label, an inline image that
 * takes it over its byte cap) goes without it: a description never costs a person their answer.
 */
const withoutBadDefinition = (envelope: Envelope): Envelope => {
  if (!('definition' in envelope) || !problems(envelope).length) return envelope;
  const { definition: _left, ...rest } = envelope;
  return problems(rest as Envelope).length ? envelope : (rest as Envelope);
};

/** Why the protocol would refuse this envelope, if it would. */
const problems = (envelope: Envelope): Issue[] => {
  const issues = checkEnvelope(envelope);
  if (utf8Bytes(JSON.stringify(envelope)) > LIMITS.envelopeBytes) {
    issues.push({ path: '', code: 'too_big', message: `Larger than ${LIMITS.envelopeBytes} bytes` });
  }
  return issues;
};

export class DeliveryQueue {
  private readonly waiters = new Map<string, Waiter>();
  /** Events this page stored and has not seen settled: restored if storage loses them. */
  private readonly own = new Map<string, Item>();
  /** Events checked against the protocol by this queue. */
  private readonly checked = new Set<string>();
  private readonly channel: BroadcastChannel | null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  private readonly store: Store;
  private readonly options: QueueOptions;
  private readonly retry: RetryOptions;
  private readonly emit: (event: Event) => void;
  /** Storage key prefix of this endpoint's queue. */
  private readonly prefix: string;
  /** Web Lock and BroadcastChannel name of this endpoint's queue. */
  private readonly lock: string;
  private readonly instance = String(++instances);

  constructor(store: Store, options: QueueOptions, emit: (event: Event) => void) {
    this.store = store;
    this.options = options;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.emit = emit;
    this.prefix = outboxPrefix(options.endpoint);
    this.lock = `heard:v1:${this.prefix}`;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.lock) : null;
  }

  start(): void {
    globalThis.addEventListener?.('online', this.onOnline);
    this.channel?.addEventListener('message', this.onMessage);
    // A new page is a new chance: restored events go now, unless the server asked us to wait.
    const now = Date.now();
    for (const item of this.read()) if (item.t > now && !item.r) this.write({ ...item, t: now });
    void this.flush();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.onOnline);
    this.channel?.close();
  }

  /**
   * Takes on an event the client has stored. Resolves once the endpoint has it; rejects with
   * `HeardValidationError` (and removes it) if the protocol would refuse it: nothing invalid
   * is ever sent.
   */
  adopt(item: Item): Promise<DeliveryOutcome> {
    const { id } = item.e;
    const envelope = withoutBadDefinition(item.e);
    if (envelope !== item.e) item = { ...item, e: envelope };
    const issues = problems(item.e);
    this.checked.add(id);
    if (issues.length) {
      this.store.remove(this.prefix + id);
      return Promise.reject(new HeardValidationError(issues));
    }
    this.own.set(id, (item = { ...item, k: 1 }));
    this.write(item);
    const delivered = new Promise<DeliveryOutcome>((resolve, reject) => {
      this.waiters.set(id, { resolve, reject });
    });
    void this.flush();
    return delivered;
  }

  /** Events stored and not yet delivered, oldest first. */
  pending(): Envelope[] {
    return this.read().map((item) => item.e);
  }

  /** Tries to send everything that is due now. Resolves when this round is over. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          // A queue kept in memory is this client's alone: it needs no lock shared with others.
          const durable = this.store.durable;
          await withLock(durable ? this.lock : `${this.lock}${this.instance}`, durable, () => this.drain());
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async drain(): Promise<void> {
    clearTimeout(this.timer);
    for (;;) {
      if (this.stopped || globalThis.navigator?.onLine === false) return;
      const now = Date.now();
      const live: Item[] = [];
      for (let item of this.read()) {
        const { id } = item.e;
        // Stored by an earlier page (or tampered with): checked once before it is sent.
        if (!this.checked.has(id)) {
          this.checked.add(id);
          const envelope = withoutBadDefinition(item.e);
          if (envelope !== item.e) this.write((item = { ...item, e: envelope }));
          const issues = problems(item.e);
          if (issues.length) {
            this.settle({ id, error: new HeardDeliveryError(id, 'invalid_event', 'Invalid event', 0, issues) });
            continue;
          }
          if (!item.k) this.write((item = { ...item, k: 1 }));
        }
        if (now - item.c <= this.retry.maxAgeMs) live.push(item);
        else
          this.settle({
            id: item.e.id,
            error: new HeardDeliveryError(item.e.id, 'expired', 'Not delivered in time; given up'),
          });
      }
      const due = live.filter((item) => item.t <= now);
      if (due.length === 0) {
        if (live.length) this.schedule(Math.min(...live.map((item) => item.t)) - now);
        return;
      }
      const batch = this.takeBatch(due);
      const attempt = await post(this.options, this.retry.maxRetryAfterMs, batch);
      if (attempt.kind === 'delivered') {
        for (const item of batch) {
          const result = attempt.outcomes.get(item.e.id) ?? 'accepted';
          this.settle(
            typeof result === 'string' ? { id: item.e.id, outcome: result } : { id: item.e.id, error: result },
          );
        }
      } else if (attempt.kind === 'refused' && batch.length > 1) {
        for (const item of batch) this.write({ ...item, s: 1 });
      } else if (attempt.kind === 'refused') {
        const { status, code, message, issues } = attempt;
        const [{ e }] = batch as [Item];
        const id = e.id;
        this.settle({ id, error: new HeardDeliveryError(id, code, message, status, issues) });
      } else {
        // The endpoint is struggling or unreachable: everything due waits, not just this batch,
        // and waits together, so the batch stays whole.
        const attempts = Math.max(...batch.map((item) => item.n)) + 1;
        const wait = attempt.afterMs ?? backoff(attempts, this.retry);
        const until = Date.now() + wait;
        const tried = new Set(batch);
        for (const item of due) {
          const { r: _, ...rest } = item;
          this.write({
            ...rest,
            n: tried.has(item) ? item.n + 1 : item.n,
            t: until,
            ...(attempt.afterMs === undefined ? {} : { r: 1 as const }),
          });
        }
        this.schedule(wait);
        return;
      }
    }
  }

  private takeBatch(due: Item[]): Item[] {
    const [first] = due as [Item];
    if (first.s) return [first];
    const batch: Item[] = [];
    let bytes = 16;
    for (const item of due) {
      if (item.s) continue;
      const size = utf8Bytes(JSON.stringify(item.e)) + 1;
      if (batch.length && (batch.length >= this.options.batchSize || bytes + size > LIMITS.bodyBytes)) break;
      batch.push(item);
      bytes += size;
    }
    return batch;
  }

  private settle(settled: Settled, fromOtherTab = false): void {
    if (!fromOtherTab) {
      this.store.remove(this.prefix + settled.id);
      const { id } = settled;
      if ('outcome' in settled) this.channel?.postMessage({ id, outcome: settled.outcome });
      else {
        const { code, message, status, issues } = settled.error;
        this.channel?.postMessage({ id, error: { code, message, status, issues } });
      }
    }
    this.own.delete(settled.id);
    const waiter = this.waiters.get(settled.id);
    this.waiters.delete(settled.id);
    if (fromOtherTab && !waiter) return;
    if ('outcome' in settled) {
      waiter?.resolve(settled.outcome);
      this.emit(new HeardDeliveredEvent(settled.id, settled.outcome));
    } else {
      waiter?.reject(settled.error);
      this.emit(new HeardDeliveryErrorEvent(settled.error));
    }
  }

  private read(): Item[] {
    const items = storedItems(this.store, this.prefix);
    // Storage was cleared under us (another tab, the user, a quota purge): this page's own
    // events are put back. At worst one is sent twice, and the endpoint keeps it once.
    for (const [id, item] of this.own) {
      if (items.has(id)) continue;
      items.set(id, item);
      this.store.set(this.prefix + id, JSON.stringify(item));
    }
    return inOrder(items.values());
  }

  private write(item: Item): void {
    if (this.own.has(item.e.id)) this.own.set(item.e.id, item);
    // Another tab may have delivered it meanwhile: never bring a settled item back.
    if (this.store.get(this.prefix + item.e.id) !== null) this.store.set(this.prefix + item.e.id, JSON.stringify(item));
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => void this.flush(), Math.max(0, delayMs));
  }

  private readonly onOnline = () => void this.flush();

  private readonly onMessage = (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (!isRecord(data) || typeof data.id !== 'string') return;
    if (typeof data.outcome === 'string') this.settle({ id: data.id, outcome: data.outcome as DeliveryOutcome }, true);
    else if (isRecord(data.error)) {
      const { code, message, status, issues } = data.error as Pick<
        HeardDeliveryError,
        'code' | 'message' | 'status' | 'issues'
      >;
      this.settle({ id: data.id, error: new HeardDeliveryError(data.id, code, message, status, issues) }, true);
    }
  };
}
