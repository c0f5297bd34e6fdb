/**
 * Durable delivery under real failures: a real endpoint on the test server aborts, hangs,
 * answers errors and goes offline, while frames reload, navigate away and act as tabs.
 */
import { expect } from '@open-wc/testing';
import { createClient, HeardDeliveryError, type HeardClient } from '../src/index.js';
import {
  FAST,
  clearHeardStorage,
  countBy,
  endpoint,
  harnessUrl,
  openCrossSiteTab,
  openTab,
  ready,
  reload,
  removeFrames,
  setOffline,
  sleep,
  until,
} from './helpers.js';

/** How many times a frame fetched the SDK's delivery code. */
const queueFetches = (frame: HTMLIFrameElement) =>
  frame.contentWindow!.performance.getEntriesByType('resource').filter((entry) => /\/queue\.(ts|js)/.test(entry.name))
    .length;

const clients: HeardClient[] = [];
const client = (url: string, options: Record<string, unknown> = {}) => {
  const made = createClient({ endpoint: url, retry: FAST, ...options });
  clients.push(made);
  return made;
};

describe('durable delivery', () => {
  afterEach(async () => {
    for (const made of clients.splice(0)) made.destroy();
    await setOffline(false);
    removeFrames();
    clearHeardStorage();
  });

  it('1. first send aborted, page reloaded: delivered exactly once, with the same id', async () => {
    const api = await endpoint(['abort']);
    // A long backoff, so only the reload can bring the event back.
    const { frame, harness } = await openTab(harnessUrl(api.url, { retry: { baseMs: 600_000 }, beacon: false }));
    const [id] = harness.sendMany(1, 'reload');
    await api.until((s) => s.requests >= 1);
    await reload(frame);
    const state = await api.until((s) => s.stored.length === 1);
    expect(state.stored).to.deep.equal([id]);
    expect(new Set(state.received)).to.deep.equal(new Set([id]));
    expect(state.received.length).to.be.at.least(2);
  });

  it('2. send and navigate away at once: delivered', async () => {
    const api = await endpoint();
    const { frame, harness } = await openTab(harnessUrl(api.url));
    // As a widget does when a person starts to answer: the delivery code is there before the
    // answer. (One sent before that code loads waits for the next page: client.test.ts.)
    harness.client.prepare();
    await harness.client.flush();
    expect(queueFetches(frame)).to.equal(1);
    const id = harness.sendAndLeave('about:blank');
    await api.until((s) => s.stored.includes(id));
    expect(frame.contentWindow?.harness).to.equal(undefined);
  });

  it('3. persisted at enqueue: a tab closed without pagehide delivers on the next load', async () => {
    const api = await endpoint(['status:503']);
    const { frame, harness } = await openTab(harnessUrl(api.url, { retry: { baseMs: 600_000 }, beacon: false }));
    const [id] = harness.sendMany(1, 'crash');
    // Stored synchronously, before any request left.
    const stored = Object.keys(localStorage).filter((key) => key.startsWith('heard:v1:q:') && key.endsWith(id!));
    expect(stored).to.have.length(1);
    await api.until((s) => s.requests >= 1);
    frame.remove();
    await openTab(harnessUrl(api.url));
    const state = await api.until((s) => s.stored.length === 1);
    expect(state.stored).to.deep.equal([id]);
  });

  it('a page that sends nothing never loads the delivery code; the first send loads it', async () => {
    const api = await endpoint();
    const { frame, harness } = await openTab(harnessUrl(api.url));
    const loaded = () => queueFetches(frame);
    // The page has loaded and then gone idle: what it fetches on its own has been asked for by then.
    await new Promise((resolve) => frame.contentWindow!.requestIdleCallback(resolve));
    expect(frame.contentWindow!.performance.getEntriesByType('resource').length).to.be.greaterThan(0);
    expect(loaded()).to.equal(0);
    expect(harness.client.pending()).to.deep.equal([]);
    const [id] = harness.sendMany(1, 'first');
    // Stored before the delivery code arrived.
    expect(harness.client.pending().map((e) => e.id)).to.deep.equal([id]);
    await api.until((s) => s.stored.includes(id!));
    expect(loaded()).to.equal(1);
  });

  it('prepare() loads the delivery code ahead of the first send, and sends nothing', async () => {
    const api = await endpoint();
    const { frame, harness } = await openTab(harnessUrl(api.url));
    const loaded = () => queueFetches(frame);
    expect(loaded()).to.equal(0);
    harness.client.prepare();
    await until('the delivery code to load', () => loaded() === 1);
    // A first send, once prepared: the endpoint sees it and nothing before it.
    const [id] = harness.sendMany(1, 'after-prepare');
    const state = await api.until((s) => s.stored.includes(id!));
    expect(state.received).to.deep.equal([id]);
    expect(loaded()).to.equal(1);
  });

  it('4. offline, then online: the queue flushes (its code loads once back online)', async () => {
    const api = await endpoint();
    // The frame's requests go back to this origin's endpoint; CORS lets them.
    const tab = await openCrossSiteTab(harnessUrl(`${location.origin}${api.url}`, { retry: FAST }));
    await setOffline(true);
    expect(await tab.call('onLine')).to.equal(false);
    const [id] = await tab.call<string[]>('sendMany', 1, 'offline');
    expect(await tab.call('pending')).to.deep.equal([id]);
    await setOffline(false);
    const state = await api.until((s) => s.stored.includes(id!));
    // Nothing reached the endpoint while offline: the event arrived once, after.
    expect(state.received).to.deep.equal([id]);
    for (let i = 0; i < 100 && (await tab.call<string[]>('pending')).length; i++) await sleep(20);
    expect(await tab.call('pending')).to.deep.equal([]);
  });

  for (const step of ['status:500', 'status:502', 'status:503', 'status:408', 'status:429', 'abort']) {
    it(`5. retries after ${step} and delivers`, async () => {
      const api = await endpoint([step, step]);
      const sent = client(api.url).send('poll.vote', 'poll', { options: ['a'] });
      expect(await sent.delivered).to.equal('accepted');
      const state = await api.state();
      expect(state.received).to.deep.equal([sent.id, sent.id, sent.id]);
    });
  }

  for (const status of [400, 403, 404, 410, 413, 422]) {
    it(`5. drops the event after ${status}, with an error a widget can show`, async () => {
      const api = await endpoint([`status:${status}`]);
      const heard = client(api.url);
      const errors: HeardDeliveryError[] = [];
      heard.addEventListener('heard-delivery-error', (event) => errors.push(event.error));
      const sent = heard.send('poll.vote', 'poll', { options: ['a'] });
      const error = await sent.delivered.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(HeardDeliveryError);
      expect((error as HeardDeliveryError).status).to.equal(status);
      expect((error as HeardDeliveryError).code).to.equal('scripted');
      expect(errors.map((e) => e.eventId)).to.deep.equal([sent.id]);
      expect(heard.pending()).to.deep.equal([]);
      // A later event from the same client is delivered, and the dropped one was not sent again.
      const later = heard.send('poll.vote', 'poll', { options: ['b'] });
      expect(await later.delivered).to.equal('accepted');
      expect((await api.state()).received).to.deep.equal([sent.id, later.id]);
    });
  }

  it('5. a refused batch is split, so one bad event does not take the others down', async () => {
    // The batch of three fails, then is refused; split, the first and third are refused alone.
    const api = await endpoint([
      'status:503',
      'reject:invalid_body',
      'reject:invalid_body',
      'ok',
      'reject:invalid_body',
    ]);
    const heard = client(api.url);
    const first = heard.send('nps.response', 'nps', { score: 1 });
    const second = heard.send('nps.response', 'nps', { score: 2 });
    const third = heard.send('nps.response', 'nps', { score: 3 });
    const outcomes = await Promise.allSettled([first.delivered, second.delivered, third.delivered]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'fulfilled', 'rejected']);
    expect((await api.state()).stored).to.deep.equal([second.id]);
  });

  // Time under test: how long the client waited between the 429 and its retry, by the
  // endpoint's clock. A client that ignored Retry-After would retry after FAST's 20–200 ms
  // backoff; one that ignored the cap (1.5 s) would wait the header's full time.
  const retryAfter: [string, (now: number) => string, number, number][] = [
    ['delta-seconds', () => '1', 900, 1_450],
    // HTTP dates have whole seconds: 2.x s ahead, capped at 1.5 s.
    ['an HTTP date', (now) => new Date(now + 2_500).toUTCString(), 900, 1_700],
    ['a value over the cap', () => '86400', 1_400, 3_500],
    ['garbage (ignored: backoff instead)', () => 'soon', 0, 600],
  ];
  for (const [form, value, min, max] of retryAfter) {
    it(`5. honours Retry-After as ${form}`, async () => {
      const api = await endpoint([`status:429:${encodeURIComponent(value(Date.now()))}`]);
      const sent = client(api.url).send('nps.response', 'nps', { score: 5 });
      await sent.delivered;
      const [first, second] = (await api.state()).log;
      const waited = second!.at - first!.at;
      expect(waited, `waited ${waited} ms`).to.be.within(min, max);
    });
  }

  it('6. timeout then late success: the endpoint sees the id twice at most and stores it once', async () => {
    const api = await endpoint(['hang:1200']);
    const sent = client(api.url, { timeoutMs: 300 }).send('nps.response', 'nps', { score: 6 });
    expect(await sent.delivered).to.be.oneOf(['accepted', 'duplicate']);
    const [first] = (await api.until((s) => s.received.length === 2)).log;
    // Time under test: the endpoint answers the first request 1.2 s after it arrived; its
    // late store must have happened before the count below.
    await sleep(first!.at + 1_250 - Date.now());
    const state = await api.state();
    expect(state.received.filter((id) => id === sent.id).length).to.equal(2);
    expect(state.stored).to.deep.equal([sent.id]);
  });

  it('7. two tabs restoring the same stored queue: each event sent by one tab', async () => {
    const api = await endpoint(['status:503']);
    const writer = await openTab(harnessUrl(api.url, { retry: { baseMs: 600_000 }, beacon: false }));
    const ids = writer.harness.sendMany(30, 'tabs');
    await api.until((s) => s.requests >= 1);
    writer.frame.remove();
    const before = (await api.state()).received.length;
    await api.control({ script: ['hang:200', 'hang:200'] });
    const url = harnessUrl(api.url, { retry: FAST });
    const tabs = await Promise.all([openTab(url), openTab(url)]);
    const state = await api.until((s) => s.stored.length === 30);
    // A later event from each tab arrives: a tab still holding one of the thirty would have sent it first.
    const markers = tabs.flatMap((tab) => tab.harness.sendMany(1, 'marker'));
    const settled = await api.until((s) => markers.every((id) => s.stored.includes(id)));
    const after = countBy(settled.received.slice(before).filter((id) => ids.includes(id)));
    expect(new Set(state.stored)).to.deep.equal(new Set(ids));
    expect(
      [...after.values()].every((n) => n === 1),
      JSON.stringify([...after.values()]),
    ).to.equal(true);
    expect(after.size).to.equal(30);
  });

  it('8. storage that throws on every call: still delivered from memory', async () => {
    const api = await endpoint(['status:503']);
    const broken = new Proxy(localStorage, {
      get(_target, prop) {
        if (prop === 'length') throw new DOMException('Quota', 'QuotaExceededError');
        return () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    });
    const sent = client(api.url, { storage: broken }).send('nps.response', 'nps', { score: 3 });
    expect(await sent.delivered).to.equal('accepted');
    expect((await api.state()).stored).to.deep.equal([sent.id]);
  });

  it('8. storage erased under a waiting event (another tab, the user): still delivered', async () => {
    const api = await endpoint(['status:503', 'status:503']);
    const sent = client(api.url).send('nps.response', 'nps', { score: 2 });
    await api.until((s) => s.requests >= 1);
    clearHeardStorage();
    expect(await sent.delivered).to.equal('accepted');
    expect((await api.state()).stored).to.deep.equal([sent.id]);
  });

  it('8. a sandboxed frame whose storage is blocked: still delivered from memory', async () => {
    const api = await endpoint(['abort']);
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.src = harnessUrl(api.url, { retry: FAST }, '&report=post');
    const reply = new Promise<Record<string, unknown>>((resolve) => {
      addEventListener('message', (event: MessageEvent) => event.data?.harness && resolve(event.data), { once: false });
    });
    document.body.append(frame);
    const result = await reply;
    expect(result.outcome, JSON.stringify(result)).to.equal('accepted');
    expect((await api.state()).stored).to.deep.equal([result.id]);
  });

  it('9. 200 events under mixed failures, reloads and two tabs: none lost, none stored twice', async () => {
    const api = await endpoint();
    await api.control({ chaos: { seed: 20261122, failRate: 0.4 } });
    const url = harnessUrl(api.url, { retry: FAST, timeoutMs: 1_500, batchSize: 7 });
    const [a, b] = await Promise.all([openTab(url), openTab(url)]);
    const sent: string[] = [];
    let tabA = a.harness;
    for (let round = 0; round < 10; round++) {
      sent.push(...tabA.sendMany(10, `a${round}`), ...b.harness.sendMany(10, `b${round}`));
      if (round % 3 === 1) tabA = await reload(a.frame);
      // Rounds spread over time, so sends interleave with retries and reloads.
      await sleep(30);
    }
    const state = await api.until((s) => s.stored.length >= 200, 60_000);
    const stored = new Set(state.stored);
    const lost = sent.filter((id) => !stored.has(id));
    const comments = countBy(state.events.map((e) => String(e.data.comment)));
    const storedTwice = [...comments.values()].filter((n) => n > 1).length;
    const seenTwice = [...countBy(state.received).values()].filter((n) => n > 1).length;
    console.log(
      `randomized delivery: sent ${sent.length}, stored ${stored.size}, lost ${lost.length}, stored twice ${storedTwice}, ` +
        `requests ${state.requests}, injected failures ${state.failures}, ids the endpoint saw more than once ${seenTwice}`,
    );
    expect(sent).to.have.length(200);
    expect(lost).to.deep.equal([]);
    expect(stored.size).to.equal(200);
    expect(storedTwice).to.equal(0);
    expect(state.failures).to.be.greaterThan(10);
    await ready(a.frame);
  });
});
