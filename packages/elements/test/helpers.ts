/** Test helpers: a client on the in-memory collector, and waiting for what a person would see. */
import { fixture, html } from '@open-wc/testing';
import {
  createClient,
  MemoryCollector,
  memoryTransport,
  type HeardResponse,
  type MemorySeed,
  type Transport,
} from '@heard/sdk';

/** A client of its own (memory storage: its own person) on a collector, new or shared. */
export const memoryClient = (seed: MemorySeed = {}, transport?: Transport, collector = new MemoryCollector(seed)) => {
  const client = createClient({
    endpoint: 'https://collector.invalid',
    transport: transport ?? memoryTransport(collector),
    storage: 'memory',
    retry: { baseMs: 20, maxMs: 100 },
  });
  return { client, collector };
};

/** One browser's storage across page loads, of its own (a `Storage` over a Map): clients given it share it. */
export const browserStorage = (): Storage => {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, String(value)),
    removeItem: (key: string) => void map.delete(key),
    key: (index: number) => [...map.keys()][index] ?? null,
    clear: () => map.clear(),
    get length() {
      return map.size;
    },
  };
};

/** A client on `storage` whose sends fail as if offline and whose reads go to `collector`, as on a train. */
export const offlineClient = (storage: Storage, collector: MemoryCollector) => {
  const reads = memoryTransport(collector);
  return createClient({
    endpoint: 'https://collector.invalid',
    transport: (request) =>
      request.method === 'POST' ? Promise.reject(new TypeError('Failed to fetch')) : reads(request),
    storage,
    retry: { baseMs: 60_000, maxMs: 60_000 },
  });
};

/**
 * Page loads of one browser (`storage`) on a collector that is away while `away.now`: each call
 * is a new page's client, retrying quickly.
 */
export const awayClients = (storage: Storage, collector: MemoryCollector, away = { now: true }) => {
  const inner = memoryTransport(collector);
  const load = () =>
    createClient({
      endpoint: 'https://collector.invalid',
      storage,
      retry: { baseMs: 50, maxMs: 50 },
      transport: (request) => (away.now ? Promise.reject(new TypeError('Failed to fetch')) : inner(request)),
    });
  return { load, away };
};

/** A transport that refuses every send as spam while `refuse.now`, and passes the rest to `collector`. */
export const refusingSpam = (collector: MemoryCollector, refuse = { now: true }): Transport => {
  const inner = memoryTransport(collector);
  return (request) =>
    request.method === 'POST' && refuse.now
      ? Promise.resolve(
          new Response('{"code":"spam_suspected","message":"Sent 755 ms after the form was shown"}', { status: 400 }),
        )
      : inner(request);
};

/**
 * `response`, calling `read` once its reader has its body: a held read's answer has then
 * reached the code that asked for it, which acts on it before the next task.
 */
export const onceRead = <R extends HeardResponse>(response: R, read: () => void): R => {
  const text = response.text.bind(response);
  response.text = async () => {
    const body = await text();
    read();
    return body;
  };
  return response;
};

/** Waits until `check` returns something truthy, or fails with `what`. */
export const until = async <T>(
  check: () => T | undefined | null | false | 0,
  what: string,
  timeoutMs = 5_000,
): Promise<T> => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** What the test endpoint `/__heard/<name>` has stored, once it has stored anything (or after 5 s). */
export const storedAt = async (name: string): Promise<string[]> => {
  let stored: string[] = [];
  for (let i = 0; i < 100 && !stored.length; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    stored = ((await (await fetch(`/__heard/${name}/control`)).json()) as { stored: string[] }).stored;
  }
  return stored;
};

/** Records console.error calls while `run` runs. */
export const consoleErrors = async (run: () => Promise<void>): Promise<string[]> => {
  const seen: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => seen.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return seen;
};

/**
 * Renders markup with a wrong attribute and returns the element and what it logged, so a test
 * can check the visible error and the console error both name the attribute.
 */
export const renderMisconfigured = async <T extends HTMLElement & { updateComplete: Promise<unknown> }>(
  markup: string,
  client?: unknown,
): Promise<{ el: T; errors: string[] }> => {
  let el!: T;
  const errors = await consoleErrors(async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = markup;
    el = host.firstElementChild as T;
    if (client) Object.assign(el, { client });
    await el.updateComplete;
  });
  return { el, errors };
};

interface AxeViolation {
  id: string;
  help: string;
  nodes: unknown[];
}

/** Runs axe inside a frame's own document (axe cannot audit another document from outside). */
export const axeInFrame = async (frame: HTMLIFrameElement, root: Element): Promise<string[]> => {
  const doc = frame.contentDocument!;
  const win = frame.contentWindow as Window & {
    axe?: { run(context: Element, options?: object): Promise<{ violations: AxeViolation[] }> };
  };
  if (!win.axe) {
    const script = doc.createElement('script');
    script.src = '/packages/elements/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve));
    doc.head.append(script);
    await loaded;
  }
  // Landmark rules judge a whole page, not a widget placed in one.
  const { violations } = await win.axe!.run(root, { rules: { region: { enabled: false } } });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
};
