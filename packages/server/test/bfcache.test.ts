/**
 * A host page with Heard stays eligible for the browser's back/forward cache, in real
 * Chromium against the real collector: the page loads `heard.js` and a poll, reads its
 * results, a person votes, goes to another page and comes back. The page must come back from
 * the cache (its own script state is still there), not be loaded again; Chromium's
 * `notRestoredReasons` says why when it is not.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../web-test-runner.shared.mjs';
import { startTestServer, type TestServer } from './helpers.js';

const CDN = new URL('../../elements/dist/cdn/', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
};

describe('the back/forward cache', () => {
  let host: Server;
  let origin: string;
  let collector: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    host = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://host').pathname;
      if (path.startsWith('/heard/')) {
        const file = normalize(join(CDN, path.slice('/heard/'.length)));
        if (!file.startsWith(CDN)) return void response.writeHead(404).end();
        readFile(file).then(
          (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' }).end(body),
          () => response.writeHead(404).end(),
        );
        return;
      }
      const page =
        path === '/'
          ? `<!doctype html><html lang="en"><title>Product</title>
             <script type="module" src="/heard/heard.js" data-endpoint="${collector.url}"></script>
             <heard-poll poll-id="bfcache-poll" question="Which?" options="Tea, Coffee"></heard-poll>
             <a href="/elsewhere">Elsewhere</a>`
          : '<!doctype html><html lang="en"><title>Elsewhere</title><p>Another page</p>';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    collector = await startTestServer('sqlite', { origins: [origin] });
    browser = await launchChromium(puppeteer);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    await new Promise((resolve) => host?.close(resolve));
  });

  it('keeps a page that read a poll’s results and voted in it', async () => {
    const page = await browser.newPage();
    const reads: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/v1/polls/bfcache-poll/results')) reads.push(response.status());
    });
    await page.goto(`${origin}/`);
    // Vote, and wait until the collector has it and the results are read.
    const voted = page.waitForResponse(
      (response) => response.url().endsWith('/v1/events') && response.request().method() === 'POST',
    );
    const poll = await page.waitForSelector('heard-poll');
    await (await poll!.waitForSelector('pierce/input[value=tea]'))!.click();
    await (await poll!.waitForSelector('pierce/button[type=submit]:not([disabled])'))!.click();
    expect((await voted).status()).toBe(200);
    await page.waitForFunction(() => document.querySelector('heard-poll')?.shadowRoot?.textContent?.includes('1'));
    expect(reads.length, 'the results were read').toBeGreaterThan(0);
    expect(reads.every((status) => status === 200 || status === 304)).toBe(true);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await page.goto(`${origin}/elsewhere`);
    await page.goBack();
    const state = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & {
        notRestoredReasons?: unknown;
      };
      return {
        restored: (window as unknown as { stayed?: boolean }).stayed === true,
        reasons: JSON.stringify(entry.notRestoredReasons ?? null),
      };
    });
    expect(state.restored, `not restored: ${state.reasons}`).toBe(true);
    await page.close();
  });
});
