/** Shared test helpers: a private endpoint per test, frames that act as tabs, the network switch. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { ClientOptions } from '../src/index.js';

export interface EndpointState {
  requests: number;
  failures: number;
  received: string[];
  /** Each envelope as it arrived, with the endpoint's clock. */
  log: { id: string; at: number }[];
  stored: string[];
  events: {
    id: string;
    type: string;
    data: Record<string, unknown>;
    subject: Record<string, unknown>;
    context: Record<string, unknown>;
  }[];
}

let counter = 0;

export const endpoint = async (script: string[] = []) => {
  const name = `t${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const url = `/__heard/${name}`;
  const control = async (body: Record<string, unknown>) => {
    await fetch(`${url}/control`, { method: 'POST', body: JSON.stringify(body) });
  };
  await control({ reset: true, script });
  return {
    url,
    control,
    async state(): Promise<EndpointState> {
      return (await fetch(`${url}/control`)).json();
    },
    /** Waits until `predicate` holds for the endpoint's state, or fails after `timeoutMs`. */
    async until(predicate: (state: EndpointState) => boolean, timeoutMs = 15_000): Promise<EndpointState> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await this.state();
        if (predicate(current)) return current;
        if (Date.now() > deadline)
          throw new Error(
            `Endpoint never reached the expected state: ${JSON.stringify({ ...current, events: undefined })}`,
          );
        await sleep(50);
      }
    },
  };
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `predicate` holds in this page, or fails after `timeoutMs` naming `what`. */
export const until = async (what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Never happened: ${what}`);
    await sleep(20);
  }
};

/** Retries fast so tests take milliseconds, not minutes. */
export const FAST = { baseMs: 20, maxMs: 200, maxRetryAfterMs: 1_500 };

export type Harness = NonNullable<Window['harness']>;

export const harnessUrl = (endpointUrl: string, options: Partial<ClientOptions> = {}, extra = '') =>
  `/packages/sdk/test/fixtures/harness.html?endpoint=${encodeURIComponent(endpointUrl)}&options=${encodeURIComponent(JSON.stringify(options))}${extra}`;

/** Waits until a frame's harness is up (after a first load or a reload). */
export const ready = async (frame: HTMLIFrameElement): Promise<Harness> => {
  for (let i = 0; i < 300; i++) {
    const harness = frame.contentWindow?.harness;
    if (harness && frame.contentDocument?.readyState === 'complete') return harness;
    await sleep(20);
  }
  throw new Error('The harness page never loaded');
};

/** A frame playing a browser tab of the same origin. */
export const openTab = async (src: string): Promise<{ frame: HTMLIFrameElement; harness: Harness }> => {
  const frame = document.createElement('iframe');
  frame.src = src;
  document.body.append(frame);
  return { frame, harness: await ready(frame) };
};

export const reload = async (frame: HTMLIFrameElement): Promise<Harness> => {
  const old = frame.contentWindow!.harness;
  frame.contentWindow!.location.reload();
  for (let i = 0; i < 300 && frame.contentWindow?.harness === old; i++) await sleep(10);
  return ready(frame);
};

/** The origin of a cross-site frame: `localhost` while the tests run on 127.0.0.1. */
export const crossSite = () => `http://localhost:${location.port}`;

export const setOffline = (offline: boolean) => executeServerCommand('heard-offline', { offline, url: crossSite() });

/** A frame on another site, driven by postMessage. */
export const openCrossSiteTab = async (src: string) => {
  const frame = document.createElement('iframe');
  const loaded = new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source === frame.contentWindow && event.data?.harnessReady) {
        removeEventListener('message', onMessage);
        resolve();
      }
    };
    addEventListener('message', onMessage);
  });
  frame.src = crossSite() + src;
  document.body.append(frame);
  await loaded;
  let seq = 0;
  const call = <T>(name: string, ...args: unknown[]) =>
    new Promise<T>((resolve) => {
      const id = ++seq;
      const onMessage = (event: MessageEvent) => {
        if (event.source === frame.contentWindow && event.data?.seq === id) {
          removeEventListener('message', onMessage);
          resolve(event.data.result as T);
        }
      };
      addEventListener('message', onMessage);
      frame.contentWindow!.postMessage({ call: name, args, seq: id }, '*');
    });
  return { frame, call };
};

/** Erases everything Heard stored on this origin, so tests do not see each other's queues. */
export const clearHeardStorage = () => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('heard:')) localStorage.removeItem(key);
};

export const removeFrames = () => {
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
};

export const countBy = (ids: string[]) => {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
};
