/**
 * The dashboard read and operated as its users do, in real Chromium against the real
 * collector: charts whose labels never overprint and whose axes hold every mark, on a phone
 * (320 px) and a desktop (1,280 px), light and dark; summaries that describe a whole series;
 * field borders that can be seen; forced colours that still show the current view and a
 * pressed toggle; focus that follows the view chosen and the skip link; a console without
 * errors; axe, best practices included, on every view. Each view's screenshots at both widths,
 * in each scheme, are saved under `test-results/`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../web-test-runner.shared.mjs';
import { SCHEMES, axe, deep, emulate, fieldContrasts, type Scheme, openPage } from './dashboard-page.js';
import { ADMIN_TOKEN, envelope, form, startTestServer, type TestServer } from './helpers.js';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const WEEKS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10));

/**
 * Twelve weeks of answers, so that a week's label has little room: NPS that falls, then
 * rises; a poll, an idea board with long titles, a beta with sign-ups every week.
 */
const seed = async (server: TestServer) => {
  const scores = [
    [10, 9, 8, 7],
    [9, 9, 3],
    [6, 2, 10, 0],
    [1, 3, 8],
    [9, 10, 10, 9, 2],
    [10, 10, 9],
    [8, 9, 10, 10],
    [5, 10, 10],
    [10, 10, 10, 9],
    [9, 9, 10],
    [10, 10, 10, 10, 9, 9, 9, 10],
    [10, 10, 7],
  ];
  await server.post({
    events: WEEKS.flatMap((week, w) =>
      (scores[w] ?? []).map((score, i) =>
        envelope(
          'nps.response',
          'nps-onboarding',
          { score, comment: `Week ${w + 1}, answer ${i + 1}` },
          {
            at: `${week}T1${i}:00:00Z`,
          },
        ),
      ),
    ),
  });
  await server.post({
    events: WEEKS.flatMap((week, w) =>
      Array.from({ length: 1 + ((w * 7) % 5) }, (_, i) =>
        envelope(
          'poll.vote',
          'pricing-poll',
          { options: [['monthly', 'yearly', 'lifetime-licence'][(w + i) % 3] ?? 'monthly'] },
          { at: `${week}T0${i}:00:00Z` },
        ),
      ),
    ),
  });
  const ideas = [
    'Dark mode for every report, including the printed ones',
    'Export to Excel',
    'A weekly digest e-mail with the top ideas and their status',
  ].map((title) => envelope('idea.create', 'roadmap', { title, form: form() }));
  await server.post({ events: ideas });
  const votes = ideas.flatMap((idea, i) => Array.from({ length: [14, 3, 8][i] ?? 1 }, () => idea.id));
  await server.post({ events: votes.map((idea) => envelope('idea.vote', 'roadmap', { idea })) });
  await server.post({
    events: WEEKS.flatMap((week, w) =>
      Array.from({ length: 1 + (w % 4) }, (_, i) =>
        envelope(
          'beta.signup',
          'beta-reports',
          { email: `person-${w}-${i}@example.com`, consent: true, code: `beta-${w}-${i}`, form: form() },
          { at: `${week}T0${i}:00:00Z` },
        ),
      ),
    ),
  });
};

const VIEWS = ['#nps/nps-onboarding', '#polls/pricing-poll', '#boards/roadmap', '#betas/beta-reports'] as const;
/** Charts each view draws. */
const CHARTS: Record<(typeof VIEWS)[number], number> = {
  '#nps/nps-onboarding': 2,
  '#polls/pricing-poll': 2,
  '#boards/roadmap': 1,
  '#betas/beta-reports': 1,
};

/** Waits until the page shows `count` charts, each drawn, and nothing has moved for a frame. */
const charted = async (page: Page, count: number) => {
  await page.waitForFunction(
    (n: number) => {
      const found: Element[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const element of root.querySelectorAll('*')) {
          if (element.localName === 'hd-chart') found.push(element);
          if (element.shadowRoot) walk(element.shadowRoot);
        }
      };
      walk(document);
      return found.length === n && found.every((chart) => chart.shadowRoot?.querySelector('.plot svg'));
    },
    { timeout: 10_000 },
    count,
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
};

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * What is wrong with each chart on the page, measured in the browser: tick labels that touch,
 * marks outside the frame the axes draw (the grid's extent along a count or score axis, the
 * plot itself along a band axis), text outside the chart, a chart wider than its box.
 */
const chartProblems = (page: Page) =>
  page.evaluate(() => {
    const problems: string[] = [];
    const charts: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.localName === 'hd-chart') charts.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    const box = (element: Element): Box => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    const overlap = (a: Box, b: Box) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const within = (inner: Box, outer: Box, slack = 0.5) =>
      inner.left >= outer.left - slack &&
      inner.right <= outer.right + slack &&
      inner.top >= outer.top - slack &&
      inner.bottom <= outer.bottom + slack;
    const show = (b: Box) => `[${[b.left, b.top, b.right, b.bottom].map((n) => Math.round(n)).join(', ')}]`;
    for (const chart of charts) {
      const name = chart.shadowRoot?.querySelector('figcaption span')?.textContent ?? '?';
      const svg = chart.shadowRoot?.querySelector('.plot svg');
      if (!svg) continue;
      const host = box(chart);
      const frame = box(svg);
      if (!within(frame, host)) problems.push(`${name}: the chart ${show(frame)} is wider than its box ${show(host)}`);
      const labels = [...svg.querySelectorAll('g[aria-label$="tick label"] text')].map((text) => ({
        text: text.textContent ?? '',
        box: box(text),
      }));
      labels.forEach((a, i) =>
        labels.slice(i + 1).forEach((b) => {
          if (overlap(a.box, b.box)) problems.push(`${name}: tick labels “${a.text}” and “${b.text}” overlap`);
        }),
      );
      // Along a count or score axis the grid spans the axis: its first and last lines bound the frame.
      for (const axis of ['x', 'y'] as const) {
        const lines = [...svg.querySelectorAll(`g[aria-label="${axis}-grid"] > *`)].map(box);
        if (!lines.length) continue;
        if (axis === 'x') {
          frame.left = Math.min(...lines.map((line) => line.left));
          frame.right = Math.max(...lines.map((line) => line.right));
        } else {
          frame.top = Math.min(...lines.map((line) => line.top));
          frame.bottom = Math.max(...lines.map((line) => line.bottom));
        }
      }
      for (const bar of svg.querySelectorAll('g[aria-label="bar"] rect')) {
        if (!within(box(bar), frame, 1))
          problems.push(`${name}: a bar ${show(box(bar))} leaves the frame ${show(frame)}`);
      }
      for (const dot of svg.querySelectorAll('g[aria-label="dot"] circle')) {
        const { left, top, right, bottom } = box(dot);
        const centre = {
          left: (left + right) / 2,
          right: (left + right) / 2,
          top: (top + bottom) / 2,
          bottom: (top + bottom) / 2,
        };
        if (!within(centre, frame, 1))
          problems.push(`${name}: a point ${show(centre)} leaves the frame ${show(frame)}`);
      }
      for (const text of svg.querySelectorAll('text')) {
        if (!within(box(text), host))
          problems.push(`${name}: “${text.textContent}” ${show(box(text))} leaves the chart ${show(host)}`);
      }
    }
    if (document.documentElement.scrollWidth > innerWidth) {
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${innerWidth} px window`);
    }
    return problems;
  });

describe('the dashboard, readable and operable, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  /** Every message the console shows as an error, and every script error. */
  let errors: string[];

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await seed(server);
    browser = await launchChromium(puppeteer);
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

  const scheme = (name: Scheme) => emulate(cdp, name);

  const signIn = async (hash: string) => {
    await page.goto(`${server.url}/dashboard/`);
    const field = await deep(page, '#token');
    await field.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await deep(page, 'main h2');
    await page.evaluate((to: string) => (location.hash = to), hash);
    await page.waitForFunction(
      (id: string) =>
        document.querySelector('heard-dashboard')?.shadowRoot?.querySelector('main h2')?.textContent?.includes(id),
      {},
      hash.split('/')[1] ?? '',
    );
  };

  /** The view at `hash`, its charts drawn. */
  const show = async (hash: (typeof VIEWS)[number]) => {
    await page.evaluate((to: string) => (location.hash = to), hash);
    await page.waitForFunction(
      (id: string) =>
        document.querySelector('heard-dashboard')?.shadowRoot?.querySelector('main h2')?.textContent?.includes(id),
      {},
      hash.split('/')[1] ?? '',
    );
    await charted(page, CHARTS[hash]);
  };

  it('draws every chart readably at 320 and 1,280 px, light, dark and in forced colours', async () => {
    await signIn(VIEWS[0]);
    const problems: string[] = [];
    for (const name of [...SCHEMES, 'forced'] as const) {
      await scheme(name);
      for (const width of [320, 1280]) {
        await page.setViewport({ width, height: 900 });
        for (const hash of VIEWS) {
          await show(hash);
          problems.push(...(await chartProblems(page)).map((problem) => `${hash} ${width} px ${name}: ${problem}`));
          const view = hash.slice(1).split('/')[0];
          await page.screenshot({ path: join(SHOTS, `view-${view}-${width}-${name}.png`), fullPage: true });
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('describes each trend as a whole: first and last, highest and lowest, and which way it went', async () => {
    await signIn('#nps/nps-onboarding');
    await charted(page, 2);
    const [trend] = await page.$$eval('>>> hd-chart >>> .plot[role=img]', (images) =>
      images.map((image) => image.getAttribute('aria-label') ?? ''),
    );
    // Week 1 (Sep 7): 2 promoters of 4 → 50; week 4 (Sep 28): 2 detractors of 3 → −66.7;
    // week 6 (Oct 12) first reaches 100; week 12 (Nov 23): 2 promoters of 3 → 66.7.
    expect(trend).toContain('12 periods, Sep 7, 2026 to Nov 23, 2026: from 50 to 66.7, up 16.7');
    expect(trend).toContain('highest 100 (Oct 12, 2026), lowest -66.7 (Sep 28, 2026)');
    await page.evaluate((to: string) => (location.hash = to), '#polls/pricing-poll');
    await charted(page, 2);
    const [, votes] = await page.$$eval('>>> hd-chart >>> .plot[role=img]', (images) =>
      images.map((image) => image.getAttribute('aria-label') ?? ''),
    );

    // 1, 3, 5, 2, 4 votes a week, and again: the first 5 is on Sep 21.
    expect(votes).toContain(
      '12 periods, Sep 7, 2026 to Nov 23, 2026: from 1 to 3, up 2; highest 5 (Sep 21, 2026), lowest 1 (Sep 7, 2026)',
    );
  });

  it('gives every field a border of at least 3:1 against the field and what surrounds it, light and dark', async () => {
    await signIn('#boards/roadmap');
    await charted(page, 1);
    for (const name of SCHEMES) {
      await scheme(name);
      for (const hash of VIEWS) {
        await show(hash);
        const faint = (await fieldContrasts(page)).filter((field) => field.ratio < 3);
        expect(faint, `${hash} ${name}`).toEqual([]);
      }
    }
    // Signed out: the sign-in form's field too.
    await (await deep(page, 'header button:not(.skip)')).click();
    await deep(page, '#token');
    for (const name of SCHEMES) {
      await scheme(name);
      expect(
        (await fieldContrasts(page)).filter((field) => field.ratio < 3),
        `sign-in ${name}`,
      ).toEqual([]);
    }
  });

  it('shows the current view and a pressed “Table” toggle apart from the others in forced colours', async () => {
    await signIn('#polls/pricing-poll');
    await charted(page, 2);
    await scheme('forced');
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    const looks = (selector: string) =>
      page.$eval(`>>> ${selector}`, (element) => {
        const style = getComputedStyle(element);
        return [
          style.backgroundColor,
          style.color,
          `${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor}`,
          `${style.outlineStyle} ${style.outlineWidth}`,
          style.textDecorationLine,
        ].join(' | ');
      });
    expect(await looks('nav a[aria-current=page]')).not.toBe(await looks('nav a[aria-current=false]'));
    await (await deep(page, 'hd-chart >>> button[aria-pressed]')).click();
    await deep(page, 'hd-chart >>> button[aria-pressed=true]');
    expect(await looks('hd-chart >>> button[aria-pressed=true]')).not.toBe(
      await looks('hd-chart >>> button[aria-pressed=false]'),
    );
    await page.screenshot({ path: join(SHOTS, 'view-polls-1280-forced-table.png') });
  });

  it('moves focus to the heading of the view chosen, and says which view it is', async () => {
    await signIn('#nps/nps-onboarding');
    await (await deep(page, 'nav a[href="#boards/roadmap"]')).click();
    await page.waitForFunction(() => {
      const active = document.querySelector('heard-dashboard')?.shadowRoot?.activeElement;
      return active?.localName === 'h2' && active.textContent?.includes('roadmap');
    });
    expect(await page.title()).toContain('roadmap');
    // The keyboard does the same: focus a link, press Enter.
    const link = await deep(page, 'nav a[href="#polls/pricing-poll"]');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const active = document.querySelector('heard-dashboard')?.shadowRoot?.activeElement;
      return active?.localName === 'h2' && active.textContent?.includes('pricing-poll');
    });
  });

  it('skips to the main content from the first Tab', async () => {
    await signIn('#nps/nps-onboarding');
    // A fresh start of the page, signed in: its first Tab.
    await page.reload();
    await deep(page, 'main h2');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.querySelector('heard-dashboard')?.shadowRoot?.activeElement?.className),
    ).toContain('skip');
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(() => {
        const active = document.querySelector('heard-dashboard')?.shadowRoot?.activeElement;
        return Boolean(active?.closest('main'));
      }),
    ).toBe(true);
    // The next Tab goes on from there, into the view, not back to the header.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => {
        const active = document.querySelector('heard-dashboard')?.shadowRoot?.activeElement;
        return Boolean(active?.closest('main'));
      }),
    ).toBe(true);
  });

  it('labels each idea’s note field', async () => {
    await signIn('#boards/roadmap');
    const labels = await page.$$eval('>>> input[data-field=note]', (inputs) =>
      inputs.map((input) => [...((input as HTMLInputElement).labels ?? [])].map((label) => label.textContent?.trim())),
    );
    expect(labels).toHaveLength(3);
    for (const label of labels) expect(label).toEqual(['Public note']);
  });

  it('shows the sign-in page without a console error, and passes axe with best practices, light and dark', async () => {
    await page.setViewport({ width: 320, height: 640 });
    for (const name of SCHEMES) {
      await scheme(name);
      await page.goto(`${server.url}/dashboard/`);
      await deep(page, '#token');
      expect(await axe(page), name).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `view-sign-in-320-${name}.png`) });
    }
  });

  it('passes axe with best practices on every view, light and dark', async () => {
    await signIn(VIEWS[0]);
    const problems: string[] = [];
    for (const name of SCHEMES) {
      await scheme(name);
      for (const hash of VIEWS) {
        await show(hash);
        problems.push(...(await axe(page)).map((violation) => `${hash} ${name}: ${violation}`));
      }
    }
    expect(problems).toEqual([]);
  });
});
