/**
 * The dashboard's webhooks view as a team uses it, in real Chromium against the real collector
 * and a real receiver on loopback: an endpoint added with the keyboard alone (its refusals
 * shown beside the fields, its secret shown once and copied), a delivery that fails with 500
 * and is then delivered, pausing, resuming and removing after a confirmation. Axe with best
 * practices, light and dark; states told apart in forced colours; nothing wider than 320 px.
 * Screenshots at both widths, in each scheme, are saved under `test-results/`.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../web-test-runner.shared.mjs';
import { SCHEMES, axe, deep, emulate, fieldContrasts, openPage } from './dashboard-page.js';
import { ADMIN_TOKEN, envelope, form, json, startTestServer, type TestServer } from './helpers.js';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

/**
 * A receiver on loopback: `/flaky` answers its first request 500 ("try later") and holds the
 * next until `release()`, then answers 200; every other path answers 200 at once.
 */
const receiver = async () => {
  const paths: string[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = request.url ?? '/';
      paths.push(path);
      if (path === '/flaky' && paths.filter((seen) => seen === path).length === 1) {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('try later');
        return;
      }
      void (path === '/flaky' ? released : Promise.resolve()).then(() =>
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    root,
    /** How many requests a path has had. */
    seen: (path: string) => paths.filter((seen) => seen === path).length,
    release,
    close: () => {
      release();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** A loopback port nothing listens on: connections to it are refused. */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

interface Listed {
  id: string;
  url: string;
  active: boolean;
}

/** What has focus, through shadow roots: its tag, its text or name, and selected attributes. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return { tag: '', text: '', id: '', name: '', value: '', type: '', label: '' };
    return {
      tag: active.localName,
      text: active.textContent?.trim() ?? '',
      id: active.id,
      name: active.getAttribute('name') ?? '',
      value: (active as HTMLInputElement).value ?? '',
      type: active.getAttribute('type') ?? '',
      label: active.getAttribute('aria-label') ?? '',
    };
  });

/** Presses Tab until what has focus matches; fails if Tab never gets there. */
const tabTo = async (page: Page, matches: (at: Awaited<ReturnType<typeof focused>>) => boolean, what: string) => {
  for (let presses = 0; presses < 60; presses++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
};

/** The text of the webhooks view, through its shadow root. */
const viewText = (page: Page) =>
  page.$eval('>>> hd-webhooks', (view) => (view.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));

/** The card of the endpoint at `url`, as its text. */
const cardText = (page: Page, url: string) =>
  page.$$eval(
    '>>> hd-webhooks >>> ul.endpoints > li',
    (cards, at) =>
      cards.find((card) => card.querySelector('h4')?.textContent === at)?.textContent?.replace(/\s+/g, ' ') ?? '',
    url,
  );

describe('the webhooks view, in Chromium', () => {
  let server: TestServer;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  /** Every message the console shows as an error, and every script error. */
  let errors: string[];

  const add = async (body: Record<string, unknown>) =>
    json<Listed & { secret: string }>(await server.admin('POST', '/webhooks', body));
  const listed = async () => (await json<{ webhooks: Listed[] }>(await server.admin('GET', '/webhooks'))).webhooks;

  beforeAll(async () => {
    hooks = await receiver();
    server = await startTestServer('sqlite', { webhookBackoffMs: 300 });
    browser = await launchChromium(puppeteer);
    await browser
      .defaultBrowserContext()
      .overridePermissions(server.url, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    // An endpoint that delivered, and a paused one whose receiver refuses the connection.
    await add({ url: `${hooks.root}/ok`, events: ['nps.answered'] });
    const refusing = await add({
      url: `http://127.0.0.1:${await closedPort()}/refuses-connections`,
      events: ['nps.answered', 'beta.signed_up'],
      format: 'slack',
      personal: true,
    });
    await server.post(envelope('nps.response', 'nps-onboarding', { score: 9, comment: 'Quick' }));
    await server.post(
      envelope('beta.signup', 'beta-reports', {
        email: 'ada@example.com',
        consent: true,
        code: 'ada-code-1',
        form: form(),
      }),
    );
    await until(() => hooks.seen('/ok') === 1, 'the first delivery');
    const tried = async () => {
      const { deliveries } = await json<{ deliveries: { attempts: number }[] }>(
        await server.admin('GET', `/webhooks/${refusing.id}/deliveries`),
      );
      return deliveries.length === 2 && deliveries.every((delivery) => delivery.attempts > 0);
    };
    await until(tried, 'both deliveries to the refusing receiver tried');
    await server.admin('PATCH', `/webhooks/${refusing.id}`, { active: false });
  });
  afterAll(async () => {
    await browser?.close();
    await hooks?.close();
    await server?.close();
  });
  beforeEach(async () => {
    ({ page, cdp, errors } = await openPage(browser));
  });
  afterEach(async () => {
    await page.close();
    expect(errors).toEqual([]);
  });

  /** Signs in with the token typed and Enter, and shows the webhooks view. */
  const signIn = async (hash = '#webhooks') => {
    await page.goto(`${server.url}/dashboard/${hash}`);
    await (await deep(page, '#token')).type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await deep(page, 'main h2');
  };
  const shown = () => deep(page, 'hd-webhooks >>> ul.endpoints');
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

  it('adds an endpoint with the keyboard alone at 320 px: refusals beside their fields, the secret shown once and copied', async () => {
    await page.setViewport({ width: 320, height: 800 });
    await signIn('#nps/nps-onboarding');
    // From the navigation: Enter on the link moves focus to the view's heading, and the title says it.
    await tabTo(page, (at) => at.tag === 'a' && at.text === 'Webhooks', 'the Webhooks link');
    await page.keyboard.press('Enter');
    // The link itself reads "Webhooks" too: wait for the heading, not the text.
    await until(async () => (await focused(page)).tag === 'h2', 'focus on the view’s heading');
    expect(await focused(page)).toMatchObject({ tag: 'h2', text: 'Webhooks' });
    expect(await page.title()).toBe('Webhooks — Heard dashboard');
    await shown();

    // A URL the collector refuses and no event: each refusal is said beside its field.
    await tabTo(page, (at) => at.name === 'url', 'the URL field');
    await page.keyboard.type('ftp://example.com/hook');
    // A 400 is the answer the form shows; Chromium logs the response itself.
    const expected = errors.length;
    await page.keyboard.press('Enter');
    await deep(page, 'hd-webhooks >>> #url-error:not(:empty)');
    errors.splice(expected).forEach((error) => expect(error).toContain('400'));
    const refusal = await page.$eval('>>> hd-webhooks', (view) => {
      const root = view.shadowRoot!;
      const text = (selector: string) => root.querySelector(selector)?.textContent?.trim();
      return {
        url: text('#url-error'),
        urlRole: root.querySelector('#url-error')?.getAttribute('role'),
        invalid: root.querySelector('input[name=url]')?.getAttribute('aria-invalid'),
        events: text('#events-error'),
      };
    });
    expect(refusal).toEqual({
      url: 'Enter an http or https address without a user name or password.',
      urlRole: 'alert',
      invalid: 'true',
      events: 'Choose at least one event.',
    });
    expect(await focused(page)).toMatchObject({ name: 'url' });
    expect(await pageWidth()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'view-webhooks-320-light-refused.png'), fullPage: true });

    // Corrected: a real address, two events, the Slack format, then Enter on the button.
    const url = `${hooks.root}/added-by-keyboard`;
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.type(url);
    await tabTo(page, (at) => at.value === 'idea.created', 'the first event');
    await page.keyboard.press('Space');
    await tabTo(page, (at) => at.value === 'poll.voted', 'the poll event');
    await page.keyboard.press('Space');
    await tabTo(page, (at) => at.name === 'format', 'the format');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (at) => at.tag === 'button' && at.type === 'submit', 'the add button');
    await page.keyboard.press('Enter');

    // The secret, once, with the words saying so; focus on its heading.
    await deep(page, 'hd-webhooks >>> .secret code');
    expect(await focused(page)).toMatchObject({ id: 'secret-title', text: `Signing secret of ${url}` });
    const secret = await page.$eval('>>> hd-webhooks >>> .secret code', (code) => code.textContent ?? '');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(await viewText(page)).toContain('This secret will not be shown again.');
    expect(await pageWidth()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'view-webhooks-320-light-secret.png'), fullPage: true });
    await tabTo(page, (at) => at.text === 'Copy the secret', 'the copy button');
    await page.keyboard.press('Enter');
    await until(async () => (await viewText(page)).includes('Copied.'), 'the copy said');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await tabTo(page, (at) => at.text === 'I have kept it', 'the kept button');
    await page.keyboard.press('Enter');
    await until(async () => (await focused(page)).id === 'endpoints', 'focus on the list');
    expect(await viewText(page)).not.toContain(secret);
    expect(await cardText(page, url)).toContain('A new idea, A poll vote');
    expect(await cardText(page, url)).toContain('Slack-compatible message');
    expect(await cardText(page, url)).toContain('Active');
    expect((await listed()).find((webhook) => webhook.url === url)).toMatchObject({ active: true });

    // Read again, the page never shows the secret.
    await page.reload();
    await shown();
    expect(await viewText(page)).not.toContain(secret);
  });

  it('shows a delivery failed with 500 and then delivered, with each last answer', async () => {
    const url = `${hooks.root}/flaky`;
    await add({ url, events: ['poll.voted'] });
    await server.post(envelope('poll.vote', 'pricing-poll', { options: ['yearly'] }));
    // The receiver answered 500, and holds the retry: the delivery waits with its first answer.
    await until(() => hooks.seen('/flaky') === 2, 'the retry');
    await signIn();
    await shown();
    const failed = await cardText(page, url);
    expect(failed).toContain('A poll vote · pricing-poll');
    expect(failed).toContain('Retrying');
    expect(failed).toContain('1 attempt ');
    expect(failed).toContain('Last answer: HTTP 500 — try later');
    expect(failed).toContain('Next try:');
    expect(failed).toContain('1 delivery waiting');

    hooks.release();
    await until(async () => {
      const webhook = (await listed()).find((row) => row.url === url) as (Listed & { pending: number }) | undefined;
      return webhook?.pending === 0;
    }, 'the delivery');
    await tabTo(page, (at) => at.text === 'Refresh', 'the refresh button');
    await page.keyboard.press('Enter');
    await until(async () => (await cardText(page, url)).includes('Delivered'), 'the delivery shown');
    const delivered = await cardText(page, url);
    expect(delivered).toContain('2 attempts');
    expect(delivered).toContain('Last answer: HTTP 200');
    expect(delivered).not.toContain('Next try');
    expect(await viewText(page)).toContain('Endpoints and deliveries read again.');
  });

  it('pauses, resumes, and removes an endpoint only once asked, with the keyboard', async () => {
    const url = `${hooks.root}/to-remove`;
    await add({ url, events: ['idea.created'] });
    await signIn();
    await shown();
    const named = (action: string) => (at: Awaited<ReturnType<typeof focused>>) => at.label === `${action}: ${url}`;
    await tabTo(page, named('Pause'), 'its pause button');
    await page.keyboard.press('Enter');
    await until(async () => (await cardText(page, url)).includes('Paused'), 'paused');
    expect(await viewText(page)).toContain(`${url} is paused`);
    expect((await listed()).find((webhook) => webhook.url === url)).toMatchObject({ active: false });
    // The button keeps focus and now resumes.
    await until(async () => named('Resume')(await focused(page)), 'focus on resume');
    await page.keyboard.press('Enter');
    await until(async () => (await cardText(page, url)).includes('Active'), 'resumed');

    await tabTo(page, named('Remove'), 'its remove button');
    await page.keyboard.press('Enter');
    await deep(page, 'hd-webhooks >>> dialog[open]');
    // The safe answer has focus; Escape keeps the endpoint and returns to the button.
    expect(await focused(page)).toMatchObject({ text: 'Keep it' });
    expect(await viewText(page)).toContain(`${url} will receive nothing more`);
    await page.keyboard.press('Escape');
    await until(async () => named('Remove')(await focused(page)), 'focus back on remove');
    expect(await page.$('>>> hd-webhooks >>> dialog[open]')).toBeNull();
    expect((await listed()).some((webhook) => webhook.url === url)).toBe(true);

    await page.keyboard.press('Enter');
    await deep(page, 'hd-webhooks >>> dialog[open]');
    await until(async () => (await focused(page)).text === 'Keep it', 'focus on keep');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ text: 'Remove the endpoint' });
    await page.keyboard.press('Enter');
    await until(async () => (await viewText(page)).includes(`${url} was removed.`), 'removed');
    // Its card is gone: focus is on the list's heading, not lost to the page.
    await until(async () => (await focused(page)).id === 'endpoints', 'focus on the list');
    expect(await cardText(page, url)).toBe('');
    expect((await listed()).some((webhook) => webhook.url === url)).toBe(false);
  });

  it('passes axe with best practices, light and dark, with field borders of 3:1, and fits 320 px', async () => {
    await signIn();
    await shown();
    for (const name of SCHEMES) {
      await emulate(cdp, name);
      for (const width of [320, 1280]) {
        await page.setViewport({ width, height: 900 });
        await shown();
        expect(await axe(page), `${name} ${width} px`).toEqual([]);
        expect(
          (await fieldContrasts(page)).filter((field) => field.ratio < 3),
          `${name} ${width} px`,
        ).toEqual([]);
        expect(await pageWidth(), `${name} ${width} px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `view-webhooks-${width}-${name}.png`), fullPage: true });
      }
    }
  });

  it('tells active from paused, and delivered from retrying, in forced colours', async () => {
    await signIn();
    await shown();
    await emulate(cdp, 'forced');
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    const looks = (selector: string) =>
      page.$eval(`>>> hd-webhooks >>> ${selector}`, (element) => {
        const style = getComputedStyle(element);
        return {
          text: element.textContent?.trim(),
          look: [
            `${style.borderTopStyle} ${style.borderTopWidth}`,
            style.fontWeight,
            style.borderTopColor === style.backgroundColor ? 'border unseen' : 'border seen',
          ].join(' | '),
        };
      });
    const active = await looks('.badge.active');
    const paused = await looks('.badge.paused');
    expect(active.text).toBe('Active');
    expect(paused.text).toBe('Paused');
    expect(active.look).not.toBe(paused.look);
    expect(active.look).toContain('border seen');
    expect((await looks('.badge.delivered')).look).not.toBe((await looks('.badge.pending')).look);
    expect((await looks('li.active')).look).not.toBe((await looks('li.paused')).look);
    for (const width of [320, 1280]) {
      await page.setViewport({ width, height: 900 });
      await shown();
      expect(await pageWidth()).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `view-webhooks-${width}-forced.png`), fullPage: true });
    }
  });
});
