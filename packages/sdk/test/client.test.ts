/** The client's API: validation, reads, transports, identity, consent, frequency and config. */
import { expect } from '@open-wc/testing';
import {
  Frequency,
  HeardConfigError,
  HeardReadError,
  HeardValidationError,
  MemoryCollector,
  backoff,
  createClient,
  fetchTransport,
  memoryTransport,
  optionsFromScript,
  parseRetryAfter,
  privacySignal,
  uuid,
  type HeardClient,
  type HeardDeliveryErrorEvent,
  type HeardRequest,
  type Sent,
} from '../src/index.js';
import { FAST, clearHeardStorage, endpoint, until } from './helpers.js';

const clients: HeardClient[] = [];
const client = (url: string, options: Record<string, unknown> = {}) => {
  const made = createClient({ endpoint: url, retry: FAST, ...options });
  clients.push(made);
  return made;
};
const heardKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('heard:'));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('Expected a failure');
    },
    (error: unknown) => error as HeardReadError,
  );

afterEach(() => {
  for (const made of clients.splice(0)) made.destroy();
  clearHeardStorage();
});

describe('sending', () => {
  it('builds a protocol envelope with subject, context and a fresh id', async () => {
    const api = await endpoint();
    document.documentElement.lang = 'zh-CN';
    const sent = client(api.url).send('poll.vote', 'flavour', { options: ['mango'], other: 'Yuzu' });
    await sent.delivered;
    const [stored] = (await api.state()).events;
    expect(stored).to.deep.include({ id: sent.id, type: 'poll.vote', data: { options: ['mango'], other: 'Yuzu' } });
    expect(stored!.context).to.deep.equal({ locale: 'zh-CN', page: location.pathname, sdk: 'heard/0.1.0' });
    expect(stored!.subject)
      .to.have.property('anonymousId')
      .that.matches(/^[0-9a-f-]{36}$/);
    document.documentElement.lang = 'en';
  });

  it('carries the widget as the person saw it, and sends the answer without a definition that breaks the limits', async () => {
    const api = await endpoint();
    const heard = client(api.url);
    const definition = { question: 'Which theme?', options: [{ id: 'forest', label: 'Forest' }] };
    const described = heard.send('poll.vote', 'theme', { options: ['forest'] }, { definition });
    expect(await described.delivered).to.equal('accepted');
    const tooLong = { question: 'Which theme?', options: [{ id: 'forest', label: 'F'.repeat(201) }] };
    const plain = heard.send('poll.vote', 'theme', { options: ['forest'] }, { definition: tooLong });
    expect(await plain.delivered).to.equal('accepted');
    const { events } = await api.state();
    expect(events.find((event) => event.id === described.id)).to.deep.include({ definition });
    expect(events.find((event) => event.id === plain.id)).to.not.have.property('definition');
    expect(events.find((event) => event.id === plain.id)).to.deep.include({ data: { options: ['forest'] } });
  });

  const refusal = (sent: Sent) => failure(sent.delivered) as Promise<unknown> as Promise<HeardValidationError>;

  it('refuses an invalid event before it is sent, names the field, and keeps and sends nothing', async () => {
    const api = await endpoint();
    const heard = client(api.url);
    const score = await refusal(heard.send('nps.response', 'nps', { score: 11 }));
    expect(score).to.be.instanceOf(HeardValidationError);
    expect(score.issues.map((i) => i.path)).to.deep.equal(['data.score']);
    expect((await refusal(heard.send('poll.vote', 'bad widget id', { options: ['a'] }))).message).to.match(/widget/);
    const email = await refusal(heard.send('beta.signup', 'beta', { email: 'nope', consent: true, code: 'abcdef' }));
    expect(email.message).to.match(/data\.email/);
    expect(heard.pending()).to.deep.equal([]);
    // A valid event sent after them is the only one the endpoint sees.
    const valid = heard.send('nps.response', 'nps', { score: 9 });
    expect(await valid.delivered).to.equal('accepted');
    expect((await api.state()).received).to.deep.equal([valid.id]);
  });

  it('refuses an invalid event stored by an earlier page (or tampered with) before sending it', async () => {
    const api = await endpoint(['status:503']);
    const first = client(api.url, { retry: { ...FAST, baseMs: 600_000 } });
    first.send('nps.response', 'nps', { score: 9 });
    await api.until((state) => state.requests === 1);
    first.destroy();
    // An event altered in storage after it was checked.
    const key = Object.keys(localStorage).find((k) => k.includes(':q:'))!;
    const altered = JSON.parse(localStorage.getItem(key)!) as { e: { data: { score: number } } };
    altered.e.data.score = 42;
    localStorage.setItem(key, JSON.stringify(altered));
    const refused = new Promise<Event>((resolve) => {
      const next = client(api.url);
      next.addEventListener('heard-delivery-error', resolve);
    });
    const event = (await refused) as HeardDeliveryErrorEvent;
    expect(event.error.code).to.equal('invalid_event');
    expect(event.error.issues?.map((i) => i.path)).to.deep.equal(['data.score']);
    expect((await api.state()).requests).to.equal(1);
  });

  it('refuses an envelope over the byte cap', async () => {
    const api = await endpoint();
    const fields = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, '😀'.repeat(200)]));
    const heard = client(api.url);
    heard.identify('u1', {
      traits: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`t${i}`, '😀'.repeat(256)])),
    });
    const big = await refusal(
      heard.send('beta.signup', 'beta', { email: 'a@b.co', consent: true, code: 'abcdefgh', fields }),
    );
    expect(big.message).to.match(/bytes/);
  });

  it('rejects a missing or malformed endpoint with a config error', () => {
    expect(() => createClient({ endpoint: '' })).to.throw(HeardConfigError);
    expect(() => createClient({ endpoint: 'javascript:alert(1)' })).to.throw(HeardConfigError);
  });

  it('makes version 4 UUIDs without crypto.randomUUID (plain-http pages)', () => {
    const original = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID')!;
    Object.defineProperty(Crypto.prototype, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 200 }, () => uuid()));
      expect(ids.size).to.equal(200);
      for (const id of ids)
        expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(Crypto.prototype, 'randomUUID', original);
    }
  });
});

describe('the beacon as the page hides', () => {
  const stored = () => Object.keys(localStorage).filter((key) => key.includes(':q:'));

  it('carries only events already checked: one sent while the delivery code loads stays stored', async () => {
    // The first answer waits in the outbox, checked, with a long wait the collector asked for.
    const api = await endpoint(['status:503:600']);
    const slow = { retry: { ...FAST, baseMs: 600_000, maxRetryAfterMs: 600_000 } };
    const first = client(api.url, slow);
    const valid = first.send('nps.response', 'nps', { score: 9 });
    await until('the collector’s wait is stored', () =>
      stored().some((key) => localStorage.getItem(key)!.includes('"r":1')),
    );
    first.destroy();
    // The next page sends an invalid one and hides before its delivery code has loaded.
    const next = client(api.url, slow);
    const invalid = next.send('nps.response', 'nps', { score: 11 });
    invalid.delivered.catch(() => undefined);
    expect(next.pending().map((e) => e.id)).to.include(invalid.id);
    dispatchEvent(new PageTransitionEvent('pagehide'));
    const state = await api.until((current) => current.requests === 2);
    expect(state.received).to.deep.equal([valid.id, valid.id]);
  });
});

describe('reads', () => {
  it('reads poll results naming nobody: an anonymous vote is known to its browser only', async () => {
    const api = await endpoint();
    const heard = client(api.url);
    await heard.send('poll.vote', 'flavour', { options: ['mango'] }).delivered;
    const results = await heard.pollResults('flavour');
    expect(results).to.deep.include({ poll: 'flavour', total: 1, mine: null });
    expect(results.options).to.deep.equal([{ id: 'mango', votes: 1 }]);
  });

  it('reads ideas, similar ideas and a beta status', async () => {
    const api = await endpoint();
    const heard = client(api.url);
    await heard.send('idea.create', 'board', { title: 'Dark mode everywhere' }).delivered;
    const list = await heard.ideas('board', { sort: 'top' });
    expect(list.ideas.map((idea) => [idea.title, idea.votes, idea.voted])).to.deep.equal([
      ['Dark mode everywhere', 1, false],
    ]);
    expect((await heard.similarIdeas('board', 'dark')).ideas).to.have.length(1);
    await heard.send('beta.signup', 'beta', { email: 'ada@example.com', consent: true, code: 'code-ada' }).delivered;
    expect(await heard.betaStatus('beta', 'code-ada')).to.deep.include({ position: 1, referralCode: 'code-ada' });
  });

  it('fails with typed errors: timeout, invalid answer, unsupported, http, network', async () => {
    const api = await endpoint(['read-hang']);
    const heard = client(api.url, { timeoutMs: 300 });
    expect((await failure(heard.pollResults('p'))).kind).to.equal('timeout');
    await api.control({ script: ['read-garbage'] });
    expect((await failure(heard.pollResults('p'))).kind).to.equal('invalid_response');
    await api.control({ script: ['read-404'] });
    const unsupported = await failure(heard.pollResults('p'));
    expect([unsupported.kind, unsupported.status, unsupported.code]).to.deep.equal(['unsupported', 404, 'not_found']);
    expect((await failure(heard.betaStatus('beta', 'nobody1'))).kind).to.equal('unsupported');
    const unreachable = client('http://127.0.0.1:9', { timeoutMs: 3_000 });
    expect((await failure(unreachable.pollResults('p'))).kind).to.equal('network');
  });

  it('takes 204 from /v1/challenge as no proof asked (404 from older collectors too), and solves a challenge', async () => {
    const api = await endpoint();
    const statuses: number[] = [];
    const heard = client(api.url, {
      transport: async (request: HeardRequest) => {
        const response = await fetchTransport()(request);
        statuses.push(response.status);
        return response;
      },
    });
    expect(await heard.proofOfWork()).to.equal(undefined);
    expect(statuses).to.deep.equal([204]);
    await api.control({ script: ['read-404'] });
    expect(await heard.proofOfWork()).to.equal(undefined);
    expect(statuses).to.deep.equal([204, 404]);
    const asking = client('https://collector.invalid', {
      transport: async () =>
        new Response(JSON.stringify({ challenge: 'abc.def', difficulty: 4, expiresAt: '2099-01-01T00:00:00Z' })),
    });
    expect(await asking.proofOfWork()).to.match(/^abc\.def\.\d+$/);
  });

  it('passes a caller’s abort through', async () => {
    const api = await endpoint(['read-hang']);
    const controller = new AbortController();
    const reading = client(api.url).pollResults('p', controller.signal);
    controller.abort();
    const error = await failure(reading);
    expect(error).not.to.be.instanceOf(HeardReadError);
  });
});

describe('transports and request mapping', () => {
  it('runs every widget flow without a network through the in-memory transport', async () => {
    const collector = new MemoryCollector({
      polls: { flavour: { mango: 3, matcha: 1 } },
      boards: { b: [{ id: 'i1', title: 'Dark mode', votes: 4 }] },
    });
    const heard = client('https://nowhere.invalid', { transport: memoryTransport(collector, { latencyMs: 5 }) });
    await heard.send('poll.vote', 'flavour', { options: ['matcha'] }).delivered;
    const results = await heard.pollResults('flavour');
    expect(results.total).to.equal(5);
    expect(results.options).to.deep.include({ id: 'matcha', votes: 2 });
    expect(results.mine).to.equal(null);
    await heard.send('idea.vote', 'b', { idea: 'i1' }).delivered;
    expect((await heard.ideas('b')).ideas[0]).to.deep.include({ id: 'i1', votes: 5, voted: false });
    expect((await failure(heard.betaStatus('beta', 'nobody1'))).kind).to.equal('unsupported');
    expect(collector.events.size).to.equal(2);
  });

  it('sends through a custom transport, with no beacon', async () => {
    const seen: HeardRequest[] = [];
    const heard = client('https://collector.invalid', {
      transport: async (request: HeardRequest) => {
        seen.push(request);
        return new Response(null, { status: 204 });
      },
    });
    expect(await heard.send('nps.response', 'nps', { score: 9 }).delivered).to.equal('accepted');
    expect(seen.map((r) => [r.method, r.url])).to.deep.equal([['POST', 'https://collector.invalid/v1/events']]);
    expect(JSON.parse(seen[0]!.body!).data).to.deep.equal({ score: 9 });
  });

  it('times out a transport that ignores its abort signal, so the queue is never stuck', async () => {
    let calls = 0;
    const heard = client('https://collector.invalid', {
      timeoutMs: 200,
      transport: () =>
        ++calls === 1 ? new Promise(() => undefined) : Promise.resolve(new Response(null, { status: 204 })),
    });
    expect(await heard.send('nps.response', 'nps', { score: 5 }).delivered).to.equal('accepted');
    expect(calls).to.equal(2);
    const stuck = client('https://collector.invalid', {
      timeoutMs: 200,
      transport: () => new Promise(() => undefined),
    });
    expect((await failure(stuck.pollResults('p'))).kind).to.equal('timeout');
    // A caller that gives up sooner (a widget that will not keep a person waiting) ends it then.
    const patient = client('https://collector.invalid', { transport: () => new Promise(() => undefined) });
    const settled = await Promise.race([
      patient.pollResults('p', AbortSignal.timeout(100)).then(
        () => 'answered',
        () => 'given up',
      ),
      new Promise((resolve) => setTimeout(resolve, 3_000, 'still waiting')),
    ]);
    expect(settled).to.equal('given up');
  });

  it('maps deliveries for an endpoint of another format, and fails mapped-away reads as unsupported', async () => {
    const api = await endpoint();
    const heard = client(api.url, {
      mapRequest: (request: HeardRequest, envelopes?: readonly { data: unknown }[]) =>
        envelopes ? { ...request, body: JSON.stringify({ events: envelopes.map((e) => ({ ...e })) }) } : null,
    });
    await heard.send('nps.response', 'nps', { score: 4 }).delivered;
    expect((await api.state()).stored).to.have.length(1);
    expect((await failure(heard.pollResults('p'))).kind).to.equal('unsupported');
  });
});

describe('identity, consent and privacy signals', () => {
  it('keeps one anonymous id across clients, sends the user id, its signature and traits after identify', async () => {
    const api = await endpoint();
    const first = client(api.url);
    const second = client(api.url);
    expect(first.anonymousId).to.equal(second.anonymousId);
    const signature = 'a'.repeat(64);
    first.identify('user-7', { signature, traits: { plan: 'pro' } });
    await first.send('nps.response', 'nps', { score: 10 }).delivered;
    expect((await api.state()).events[0]!.subject).to.deep.equal({
      anonymousId: first.anonymousId,
      userId: 'user-7',
      userSignature: signature,
      traits: { plan: 'pro' },
    });
    const before = first.anonymousId;
    first.reset();
    expect(first.anonymousId).not.to.equal(before);
  });

  it('stores nothing while consent is pending, yet delivers; granting persists, denying erases', async () => {
    const api = await endpoint();
    const heard = client(api.url, { consent: 'pending' });
    const sent = heard.send('nps.response', 'nps', { score: 7 });
    expect(heardKeys()).to.deep.equal([]);
    await sent.delivered;
    new Frequency(heard).record('nps', 'answered');
    expect(heardKeys()).to.deep.equal([]);
    heard.setConsent('granted');
    expect(heardKeys()).to.include.members(['heard:v1:anon', 'heard:v1:w:freq:nps']);
    heard.setConsent('denied');
    expect(heardKeys()).to.deep.equal([]);
    expect(new Frequency(heard).decide('nps')).to.deep.equal({ show: false, reason: 'answered' });
  });

  it('under Global Privacy Control, sends no traits and no page path', async () => {
    expect(privacySignal({ globalPrivacyControl: true } as unknown as Navigator)).to.equal(true);
    expect(privacySignal({ doNotTrack: '1' } as unknown as Navigator)).to.equal(true);
    expect(privacySignal({ doNotTrack: null } as unknown as Navigator)).to.equal(false);
    const api = await endpoint();
    // Chromium has no GPC switch: set the signal as a GPC browser exposes it.
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const heard = client(api.url);
      // Nothing was written as the client started: no page count, no id.
      expect(heardKeys()).to.deep.equal([]);
      heard.identify('user-8', { traits: { plan: 'pro' } });
      expect(heard.restricted).to.equal(true);
      await heard.send('nps.response', 'nps', { score: 3 }).delivered;
      const [event] = (await api.state()).events;
      expect(event!.subject).to.deep.equal({ anonymousId: heard.anonymousId, userId: 'user-8' });
      expect(event!.context).not.to.have.property('page');
      expect(heard.remembers).to.equal(false);
      const honouredOff = client(api.url, { honourPrivacySignals: false });
      expect(honouredOff.remembers).to.equal(true);
      expect(honouredOff.restricted).to.equal(false);
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });

  it('keeps every key under its own namespace and leaves the host page’s storage alone', async () => {
    localStorage.setItem('host-app:cart', '3 items');
    const api = await endpoint();
    const heard = client(api.url);
    new Frequency(heard).record('nps', 'shown');
    await heard.send('nps.response', 'nps', { score: 1 }).delivered;
    expect(localStorage.getItem('host-app:cart')).to.equal('3 items');
    expect(Object.keys(localStorage).filter((k) => !k.startsWith('heard:v1:'))).to.deep.equal(['host-app:cart']);
    localStorage.removeItem('host-app:cart');
  });
});

describe('frequency', () => {
  const DAY = 86_400_000;
  const memory = () => createClient({ endpoint: '/__heard/frequency', storage: 'memory' });

  it('waits months after an answer or a dismissal, by default', () => {
    const heard = memory();
    const frequency = new Frequency(heard);
    const t0 = Date.UTC(2026, 0, 1);
    expect(frequency.decide('nps', {}, t0)).to.deep.equal({ show: true });
    frequency.record('nps', 'dismissed', t0);
    expect(frequency.decide('nps', {}, t0 + 30 * DAY)).to.deep.equal({ show: false, reason: 'dismissed' });
    expect(frequency.decide('nps', {}, t0 + 91 * DAY)).to.deep.equal({ show: true });
    frequency.record('nps', 'answered', t0 + 91 * DAY);
    expect(frequency.decide('nps', {}, t0 + 200 * DAY)).to.deep.equal({ show: false, reason: 'answered' });
    expect(frequency.decide('nps', { cooldownAfterAnswerDays: 30 }, t0 + 200 * DAY)).to.deep.equal({
      show: true,
    });
    expect(frequency.decide('other-widget', {}, t0)).to.deep.equal({ show: true });
    // Another Frequency on the same client remembers the same; clear forgets.
    expect(new Frequency(heard).decide('nps', {}, t0 + 200 * DAY)).to.deep.equal({ show: false, reason: 'answered' });
    frequency.clear('nps');
    expect(frequency.decide('nps', {}, t0 + 200 * DAY)).to.deep.equal({ show: true });
    heard.destroy();
  });

  it('draws the sample once and keeps it, so a reload does not re-roll', () => {
    const heard = memory();
    const draws = [0.7, 0.1, 0.1];
    const frequency = new Frequency(heard, () => draws.shift()!);
    expect(frequency.decide('nps', { sample: 0.5 })).to.deep.equal({ show: false, reason: 'sampled-out' });
    expect(frequency.decide('nps', { sample: 0.5 })).to.deep.equal({ show: false, reason: 'sampled-out' });
    expect(frequency.decide('nps', { sample: 0.8 })).to.deep.equal({ show: true });
    expect(draws).to.have.length(2);
    heard.destroy();
  });

  it('counts a document once however many clients start, and gates on page views', () => {
    const a = memory();
    const b = createClient({ endpoint: '/__heard/frequency', storage: localStorage });
    const c = createClient({ endpoint: '/__heard/other', storage: localStorage });
    expect(a.pageViews).to.equal(1);
    expect([b.pageViews, c.pageViews]).to.deep.equal([1, 1]);
    expect(new Frequency(a).decide('nps', { minPageViews: 3 })).to.deep.equal({ show: false, reason: 'page-views' });
    for (const made of [a, b, c]) made.destroy();
  });
});

describe('retry rules', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  it('parses Retry-After as seconds or an HTTP date, ignores garbage, and caps it', () => {
    expect(parseRetryAfter('120', now, 600_000)).to.equal(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:30 GMT', now, 600_000)).to.equal(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now, 600_000)).to.equal(0);
    expect(parseRetryAfter('86400', now, 600_000)).to.equal(600_000);
    for (const garbage of ['soon', '-5', '1.5', '', '1e9', 'Sun, 99 Nov 2026 12:00:30 GMT', null]) {
      expect(parseRetryAfter(garbage, now, 600_000), String(garbage)).to.equal(undefined);
    }
  });

  it('backs off exponentially with jitter, capped', () => {
    const options = { baseMs: 1_000, maxMs: 60_000, maxRetryAfterMs: 0, maxAgeMs: 0 };
    expect([1, 2, 3, 4].map((n) => backoff(n, options, () => 1))).to.deep.equal([1_000, 2_000, 4_000, 8_000]);
    expect(backoff(3, options, () => 0)).to.equal(2_000);
    expect(backoff(30, options, () => 1)).to.equal(60_000);
  });
});

describe('page-wide configuration', () => {
  const script = (data: Record<string, string>) => {
    const element = document.createElement('script');
    Object.assign(element.dataset, data);
    return element;
  };

  it('reads the script tag’s data attributes', () => {
    expect(
      optionsFromScript(
        script({ endpoint: 'https://f.example.com', consent: 'pending', locale: 'zh-CN', beacon: 'false' }),
      ),
    ).to.deep.equal({
      endpoint: 'https://f.example.com',
      consent: 'pending',
      locale: 'zh-CN',
      beacon: false,
    });
  });

  it('reads the signed-in person from data-user and data-user-signature', async () => {
    const options = optionsFromScript(
      script({ endpoint: 'https://f.example.com', user: 'user 17', userSignature: 'b'.repeat(64) }),
    );
    expect(options.user).to.deep.equal({ id: 'user 17', signature: 'b'.repeat(64) });
    const api = await endpoint();
    const signed = client(api.url, { user: options.user! });
    await signed.send('nps.response', 'nps', { score: 9 }).delivered;
    expect((await api.state()).events[0]!.subject).to.include({ userId: 'user 17', userSignature: 'b'.repeat(64) });
  });

  it('sends a user id on reads only with its signature', async () => {
    const urls: string[] = [];
    const transport = (request: { url: string }) => {
      urls.push(request.url);
      return Promise.resolve(new Response('{"poll":"p","total":0,"options":[],"other":0,"mine":null,"closed":false}'));
    };
    const unsigned = createClient({ endpoint: 'https://f.example.com', transport, storage: 'memory' });
    unsigned.identify('user-1');
    await unsigned.pollResults('p');
    const signed = createClient({ endpoint: 'https://f.example.com', transport, storage: 'memory' });
    signed.identify('user-1', { signature: 'c'.repeat(64) });
    await signed.pollResults('p');
    expect(new URL(urls[0]!).searchParams.has('user')).to.equal(false);
    // No read names the browser: the anonymous id leaves with an answer only.
    expect(urls.some((url) => new URL(url).searchParams.has('subject'))).to.equal(false);
    expect(new URL(urls[1]!).searchParams.get('user')).to.equal('user-1');
    expect(new URL(urls[1]!).searchParams.get('userSignature')).to.equal('c'.repeat(64));
  });

  it('names the attribute that is missing or wrong', () => {
    expect(() => optionsFromScript(script({}))).to.throw(HeardConfigError, /data-endpoint/);
    expect(() => optionsFromScript(script({ endpoint: '/x', consent: 'maybe' }))).to.throw(/data-consent/);
  });
});
