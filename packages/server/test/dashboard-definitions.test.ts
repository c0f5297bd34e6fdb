/**
 * What people were shown, in the dashboard, in real Chromium against the real collector: a poll
 * drawn with its labels and its question as the subtitle, an option's inline picture, a label
 * edited mid-poll told as "Definition changed" with its date, the NPS question and product, and
 * the consent wording a beta's sign-ups agreed to with its earlier wording; in Chinese too. Axe
 * with best practices, light and dark, nothing wider than 320 px; screenshots of the poll view
 * at 320 and 1,280 px in each scheme are saved under `test-results/`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '@heard/protocol';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../web-test-runner.shared.mjs';
import { SCHEMES, axe, deep, emulate, openPage } from './dashboard-page.js';
import { ADMIN_TOKEN, envelope, form, startTestServer, type TestServer } from './helpers.js';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const described = (base: Envelope, definition: unknown): Envelope => ({ ...base, definition }) as Envelope;
/** An 8×8 green square, inline: the dashboard's CSP shows inline pictures only. */
const GREEN =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGPQ6w7HihiGlgQAiA5EAZSjA9sAAAAASUVORK5CYII=';

const theme = (forest: string) => ({
  question: 'Which theme should the next release be dressed in?',
  options: [
    { id: 'forest', label: forest, image: GREEN },
    { id: 'sea', label: 'Deep sea' },
    { id: 'desert', label: 'Desert at dusk' },
  ],
  allowOther: true,
});

// Time under test: the next version must arrive a clock tick later, to be told apart by its time.
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

const viewText = (page: Page, view: string) =>
  page.$eval(`>>> ${view}`, (el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));

describe('definitions in the dashboard, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  let errors: string[];

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    browser = await launchChromium(puppeteer);
    await server.post({
      events: ['forest', 'forest', 'sea'].map((option) =>
        described(envelope('poll.vote', 'theme-poll', { options: [option] }), theme('Forest')),
      ),
    });
    await pause();
    await server.post({
      events: [
        described(envelope('poll.vote', 'theme-poll', { options: ['forest'] }), theme('Old-growth forest')),
        described(envelope('poll.vote', 'theme-poll', { options: [], other: 'Tundra' }), theme('Old-growth forest')),
      ],
    });
    await server.post(
      described(envelope('nps.response', 'acme-nps', { score: 9 }), {
        question: 'How likely are you to recommend Acme to a friend or colleague?',
        product: 'Acme',
      }),
    );
    const signup = (email: string, code: string, consent: string) =>
      server.post(
        described(envelope('beta.signup', 'ai-beta', { email, consent: true, code, form: form() }), { consent }),
      );
    await signup('ada@example.com', 'ada12345', 'I agree to receive e-mails about the AI beta.');
    await pause();
    await signup('bob@example.com', 'bob12345', 'I agree to receive e-mails about the AI beta and to give feedback.');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    ({ page, cdp, errors } = await openPage(browser));
  });
  afterEach(async () => {
    await page.close();
    expect(errors).toEqual([]);
  });

  const signIn = async (hash: string) => {
    await page.goto(`${server.url}/dashboard/${hash}`);
    await (await deep(page, '#token')).type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await deep(page, 'main h2');
  };

  it('draws a poll with the labels people saw, its question, its pictures, and what changed mid-poll', async () => {
    await signIn('#polls/theme-poll');
    await deep(page, 'hd-poll >>> .subtitle');
    expect(await page.$eval('>>> hd-poll >>> .subtitle', (el) => el.textContent?.trim())).toBe(
      'Which theme should the next release be dressed in?',
    );
    // The bars are named by label, not id.
    await deep(page, 'hd-poll >>> hd-chart >>> svg');
    const axis = await page.$eval('>>> hd-poll >>> hd-chart >>> svg', (svg) => svg.textContent ?? '');
    expect(axis).toContain('Old-growth forest');
    expect(axis).toContain('Deep sea');
    // The same figures as a table: labels, "Other" with its voters.
    await (await deep(page, 'hd-poll >>> hd-chart >>> figcaption button')).click();
    await deep(page, 'hd-poll >>> hd-chart >>> tbody tr');
    const rows = await page.$$eval('>>> hd-poll >>> hd-chart >>> tbody tr', (trs) =>
      trs.map((tr) => tr.querySelector('th, td')?.textContent?.trim()),
    );
    expect(rows).toEqual(['Old-growth forest', 'Deep sea', 'Desert at dusk', 'Other']);
    await (await deep(page, 'hd-poll >>> hd-chart >>> figcaption button')).click();
    const text = await viewText(page, 'hd-poll');
    expect(text).toContain('Definition changed');
    expect(text).toContain('“Forest” → “Old-growth forest” (forest)');
    expect(text).toContain('Tundra');
    const picture = await page.$eval('>>> hd-poll >>> .shown img', (img) => ({
      src: img.getAttribute('src'),
      loaded: (img as HTMLImageElement).naturalWidth,
    }));
    expect(picture).toEqual({ src: GREEN, loaded: 8 });

    for (const name of SCHEMES) {
      await emulate(cdp, name);
      for (const width of [320, 1280]) {
        await page.setViewport({ width, height: 900 });
        // Laid out at the new width before measuring: two frames.
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
        );
        expect(await axe(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(SHOTS, `view-poll-labels-${width}-${name}.png`), fullPage: true });
      }
    }
  });

  it('shows the NPS question and product, and the consent wording with its earlier wording', async () => {
    await signIn('#nps/acme-nps');
    await deep(page, 'hd-nps >>> .subtitle');
    const nps = await viewText(page, 'hd-nps');
    expect(nps).toContain('How likely are you to recommend Acme to a friend or colleague?');
    expect(nps).toContain('Product: Acme');

    await page.goto(`${server.url}/dashboard/#betas/ai-beta`);
    await deep(page, 'hd-beta >>> blockquote.consent');
    const quotes = await page.$$eval('>>> hd-beta >>> blockquote.consent', (els) => els.map((el) => el.textContent));
    expect(quotes).toEqual([
      'I agree to receive e-mails about the AI beta and to give feedback.',
      'I agree to receive e-mails about the AI beta.',
    ]);
    expect(await viewText(page, 'hd-beta')).toContain('Definition changed');
    expect(await axe(page)).toEqual([]);
  });

  it('tells what changed in Simplified Chinese', async () => {
    await page.evaluateOnNewDocument(() => {
      if (sessionStorage.getItem('heard-test-lang')) return;
      localStorage.setItem('heard-dashboard-lang', 'zh-CN');
      sessionStorage.setItem('heard-test-lang', 'set');
    });
    await signIn('#polls/theme-poll');
    await deep(page, 'hd-poll >>> .note');
    const text = await viewText(page, 'hd-poll');
    expect(text).toContain('定义已更改');
    expect(text).toContain('人们看到的选项');
  });
});
