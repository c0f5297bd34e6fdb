/**
 * The dashboard as a team member uses it, in real Chromium against the real collector on each
 * database: sign in with the keyboard, read each view, change an idea's status, merge a
 * duplicate, switch to Chinese and to dark mode. Axe checks every view; a screenshot of each
 * is saved under `test-results/` and checked for charts drawn with data.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../web-test-runner.shared.mjs';
import { axe, deep } from './dashboard-page.js';
import { ADMIN_TOKEN, KINDS, envelope, form, json, startTestServer, type TestServer } from './helpers.js';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

/** The palette's mark colours (page.css), light and dark. */
const BAR = { light: [0x0b, 0x57, 0xd0], dark: [0xa8, 0xc7, 0xfa] } as const;
const PROMOTER = [0x1b, 0x7f, 0x3b] as const;
const DETRACTOR = [0xc0, 0x36, 0x2c] as const;

/** Known answers: three weeks of NPS with comments, a poll, a board with a duplicate, a beta. */
const seed = async (server: TestServer) => {
  const weeks = ['2026-10-05', '2026-10-12', '2026-10-19'];
  const scores = [
    [10, 9, 9, 8, 3],
    [10, 7, 6, 2, 0],
    [10, 10, 9, 9, 8],
  ];
  await server.post({
    events: weeks.flatMap((week, w) =>
      (scores[w] ?? []).map((score, i) =>
        envelope(
          'nps.response',
          'nps-onboarding',
          { score, comment: score <= 6 ? `Too slow to load, week ${w + 1}` : `Clear and quick ${w}-${i}` },
          { at: `${week}T1${i}:00:00Z` },
        ),
      ),
    ),
  });
  await server.post({
    events: [
      ...['monthly', 'monthly', 'monthly', 'yearly', 'yearly'].map((option, i) =>
        envelope('poll.vote', 'pricing-poll', { options: [option] }, { at: `2026-10-0${i + 1}T09:00:00Z` }),
      ),
      envelope('poll.vote', 'pricing-poll', { options: [], other: 'Pay per seat' }, { at: '2026-10-20T09:00:00Z' }),
    ],
  });
  const ideas = ['Dark mode for reports', 'Export to Excel', 'Night theme for reports'].map((title) =>
    envelope('idea.create', 'roadmap', { title, form: form() }),
  );
  await server.post({ events: ideas });
  const [dark, excel, night] = ideas.map((idea) => idea.id);
  const votes = [
    ...Array.from({ length: 4 }, () => dark),
    ...Array.from({ length: 2 }, () => excel),
    ...Array.from({ length: 3 }, () => night),
  ];
  await server.post({ events: votes.map((idea) => envelope('idea.vote', 'roadmap', { idea: idea ?? '' })) });
  for (const [email, code, referredBy] of [
    ['ada@example.com', 'beta-ada'],
    ['grace@example.com', 'beta-grace', 'beta-ada'],
    ['alan@example.com', 'beta-alan'],
  ] as const) {
    await server.post(
      envelope('beta.signup', 'beta-reports', {
        email,
        consent: true,
        code,
        form: form(),
        ...(referredBy ? { referredBy } : {}),
      }),
    );
  }
  return { dark: dark ?? '', night: night ?? '' };
};

interface Watch {
  violations: string[];
  errors: string[];
}

/**
 * A page of its own, with no session and no stored choice left by another page: the browser's
 * cookies go, and its first document clears local storage. The HTTP cache stays, so a page
 * takes no longer to open than a view to switch.
 */
const open = async (browser: Browser): Promise<{ page: Page; watch: Watch }> => {
  await browser.deleteCookie(...(await browser.cookies()));
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const watch: Watch = { violations: [], errors: [] };
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  await page.exposeFunction('reportViolation', (text: string) => watch.violations.push(text));
  await page.evaluateOnNewDocument(() => {
    if (!sessionStorage.getItem('heard-test-page')) {
      localStorage.clear();
      sessionStorage.setItem('heard-test-page', 'open');
    }
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI} ${event.sample}`,
      );
    });
  });
  return { page, watch };
};

/** Waits until an element in a view's shadow root says `text`. */
const says = (page: Page, view: string, selector: string, text: string) =>
  page.waitForFunction(
    (view: string, selector: string, text: string) =>
      document
        .querySelector('heard-dashboard')
        ?.shadowRoot?.querySelector(view)
        ?.shadowRoot?.querySelector(selector)
        ?.textContent?.includes(text),
    { timeout: 10_000 },
    view,
    selector,
    text,
  );

/** Pixels of a screenshot near each colour, counted in a blank page's canvas. */
const countColours = async (browser: Browser, png: Uint8Array, colours: readonly (readonly number[])[]) => {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async (base64: string, wanted: number[][]) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, image.width, image.height);
        const counts = wanted.map(() => 0);
        for (let i = 0; i < data.length; i += 4) {
          wanted.forEach(([r, g, b], c) => {
            if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 24) counts[c]!++;
          });
        }
        return counts;
      },
      Buffer.from(png).toString('base64'),
      colours.map((colour) => [...colour]),
    );
  } finally {
    await page.close();
  }
};

/** Waits for a view's charts, saves the page's screenshot, and returns each chart's picture. */
const shoot = async (page: Page, name: string, charts: number) => {
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
      return (
        found.length >= n &&
        found.every((chart) =>
          chart.shadowRoot?.querySelector('.plot svg [aria-label], .plot svg g rect, .plot svg path'),
        )
      );
    },
    { timeout: 10_000 },
    charts,
  );
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const handles = (await page.$$('>>> hd-chart')) as ElementHandle<Element>[];
  return Promise.all(handles.map((handle) => handle.screenshot()));
};

const marks = (page: Page, selector: string) =>
  page.$$eval(
    `>>> hd-chart`,
    (charts, mark) => charts.map((chart) => chart.shadowRoot!.querySelectorAll(mark).length),
    selector,
  );

describe.each(KINDS)('the dashboard on %s, in Chromium', (kind) => {
  let server: TestServer;
  let browser: Browser;
  let ideas: { dark: string; night: string };
  let page: Page;
  let watch: Watch;

  beforeAll(async () => {
    server = await startTestServer(kind);
    ideas = await seed(server);
    browser = await launchChromium(puppeteer);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  // Each test has its own page, signed out, and ends without a CSP violation or a script error.
  beforeEach(async () => {
    ({ page, watch } = await open(browser));
  });
  afterEach(async () => {
    await page.close();
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  const view = async (hash: string) => {
    await page.evaluate((to: string) => (location.hash = to), hash);
    await deep(page, 'main h2');
  };

  /** Opens the dashboard at `hash` under a session of its own, signed in as the sign-in form does. */
  const signIn = async (hash: string) => {
    const session = await fetch(`${server.url}/dashboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    expect(session.status).toBe(200);
    const [pair] = session.headers.get('set-cookie')!.split(';');
    const [name, value] = pair!.split('=') as [string, string];
    await browser.setCookie({ name, value, domain: new URL(server.url).hostname, path: '/' });
    // What the sign-in form leaves in the page: when the session ends.
    const { expiresAt } = (await session.json()) as { expiresAt: string };
    await page.evaluateOnNewDocument((at: string) => localStorage.setItem('heard-dashboard-session', at), expiresAt);
    await page.goto(`${server.url}/dashboard/${hash}`);
    await deep(page, 'main h2');
  };

  it('signs in with the keyboard alone, and says so when the token is wrong', async () => {
    await page.goto(`${server.url}/dashboard/`);
    const field = await deep(page, '#token');
    expect(await axe(page)).toEqual([]);
    await field.focus();
    await page.keyboard.type('not-the-admin-token');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const root = document.querySelector('heard-dashboard')?.shadowRoot;
      return root?.querySelector('#token-problem')?.textContent?.includes('not the admin token');
    });
    expect(await page.$eval('>>> #token', (input) => input.getAttribute('aria-invalid'))).toBe('true');
    await page.$eval('>>> #token', (input) => ((input as HTMLInputElement).value = ''));
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    const heading = await deep(page, 'main h2');
    // Focus moves to the first widget's heading; the token is nowhere in the URL.
    expect(
      await page.evaluate(() => document.querySelector('heard-dashboard')?.shadowRoot?.activeElement?.localName),
    ).toBe('h2');
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    expect(await heading!.evaluate((h) => h.textContent)).toContain('nps-onboarding');
    const nav = await page.$$eval('>>> nav a span', (names) => names.map((name) => name.textContent));
    expect(nav).toEqual(['nps-onboarding', 'pricing-poll', 'roadmap', 'beta-reports']);
  });

  it('shows NPS with its trend, the answers by category and searchable comments', async () => {
    await signIn('#nps/nps-onboarding');
    const charts = await shoot(page, `${kind}-nps`, 2);
    // 15 answers: 8 promoters, 3 passives, 4 detractors → 53.3 − 26.7 = 26.7.
    const figures = await page.$$eval('>>> hd-nps >>> .figures .value', (values) =>
      values.map((value) => value.textContent?.trim()),
    );
    expect(figures[0]).toBe('26.7');
    expect(await marks(page, 'circle')).toEqual([3, 0]);
    expect((await marks(page, 'rect'))[1]).toBeGreaterThanOrEqual(6);
    const [trend, bars] = await Promise.all(
      charts.map((png) => countColours(browser, png, [BAR.light, PROMOTER, DETRACTOR])),
    );
    expect(trend![0]).toBeGreaterThan(50);
    expect(bars![1]).toBeGreaterThan(200);
    expect(bars![2]).toBeGreaterThan(200);
    expect(await axe(page)).toEqual([]);

    const search = await deep(page, 'input[type=search]');
    await search!.type('slow');
    await page.waitForFunction(
      () => {
        const nps = document.querySelector('heard-dashboard')?.shadowRoot?.querySelector('hd-nps')?.shadowRoot;
        const items = [...(nps?.querySelectorAll('ul.plain li p') ?? [])].map((p) => p.textContent);
        return items.length === 4 && items.every((text) => text?.includes('slow'));
      },
      { timeout: 5_000 },
    );
  });

  it('shows a poll as bars with counts and shares, and closes it', async () => {
    await signIn('#polls/pricing-poll');
    const [results] = await shoot(page, `${kind}-poll`, 2);
    expect((await countColours(browser, results!, [BAR.light]))[0]).toBeGreaterThan(500);
    const labels = await page.$$eval('>>> hd-chart', (charts) =>
      [...(charts[0]?.shadowRoot?.querySelectorAll('text') ?? [])].map((text) => text.textContent),
    );
    // 6 voters: 3 monthly, 2 yearly, 1 with only an "other" answer.
    expect(labels).toContain('3 · 50%');
    expect(await axe(page)).toEqual([]);
    const close = await deep(page, 'hd-poll >>> .figures button');
    await close!.click();
    await says(page, 'hd-poll', '.badge', 'Closed');
    await says(page, 'hd-history', 'ul.plain', 'The poll was closed.');
    expect((await server.post(envelope('poll.vote', 'pricing-poll', { options: ['monthly'] }))).status).toBe(409);
  });

  it('changes an idea to declined only with a public reason, with the keyboard alone', async () => {
    await signIn('#boards/roadmap');
    const [top] = await shoot(page, `${kind}-board`, 1);
    expect((await countColours(browser, top!, [BAR.light]))[0]).toBeGreaterThan(500);
    expect(await axe(page)).toEqual([]);
    const status = await deep(page, `select[data-field=status][data-idea="${ideas.dark}"]`);
    await status!.focus();
    // Type-ahead picks "Declined"; Tab, Tab reaches Save past the empty note.
    await page.keyboard.type('D');
    expect(await status!.evaluate((select) => (select as HTMLSelectElement).value)).toBe('declined');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await says(page, 'hd-board', '[role=status]', 'Say why');
    // The note field asks for the reason and has focus.
    const focused = () =>
      page.evaluate(() => {
        const board = document.querySelector('heard-dashboard')?.shadowRoot?.querySelector('hd-board')?.shadowRoot;
        const active = board?.activeElement;
        return active ? `${active.localName}:${active.getAttribute('data-field') ?? active.id}` : null;
      });
    expect(await focused()).toBe('input:note');
    await page.keyboard.type('Reports follow the system theme already');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await says(page, 'hd-board', '[role=status]', 'is now Declined');
    // The history says what voters were told, and that it was done in the dashboard.
    await says(
      page,
      'hd-history',
      'ul.plain',
      '“Dark mode for reports” set to Declined — “Reports follow the system theme already”',
    );
    await says(page, 'hd-history', 'ul.plain li', 'in the dashboard');
    const list = await json<{ ideas: { id: string; status: string; statusNote: string | null }[] }>(
      await server.get('/v1/boards/roadmap/ideas?status=declined'),
    );
    expect(list.ideas).toMatchObject([
      { id: ideas.dark, status: 'declined', statusNote: 'Reports follow the system theme already' },
    ]);
  });

  it('merges a duplicate: its voters (and its author) count for the other idea', async () => {
    await signIn('#boards/roadmap');
    const into = await deep(page, `select[data-field=into][data-idea="${ideas.night}"]`);
    await into!.select(ideas.dark);
    await (await deep(page, `select[data-field=into][data-idea="${ideas.night}"] ~ button`))!.click();
    await says(page, 'hd-board', '[role=status]', 'was merged into');
    await says(page, 'hd-history', 'ul.plain li', '“Night theme for reports” was merged into “Dark mode for reports”');
    const summary = await json<{ ideas: { id: string; votes: number }[] }>(
      await server.admin('GET', '/boards/roadmap/summary'),
    );
    expect(summary.ideas.map(({ id, votes }) => [id, votes])).toContainEqual([ideas.dark, 9]);
    expect(summary.ideas.map(({ id }) => id)).not.toContain(ideas.night);
    const rows = await page.$$eval('>>> hd-board >>> tbody th', (cells) => cells.map((cell) => cell.textContent));
    expect(rows).toEqual(['Dark mode for reports', 'Export to Excel']);
    // The merged idea's row is gone; focus goes to the leaderboard's heading, not to the page.
    expect(
      await page.evaluate(
        () =>
          document.querySelector('heard-dashboard')?.shadowRoot?.querySelector('hd-board')?.shadowRoot?.activeElement
            ?.id,
      ),
    ).toBe('leaderboard');
  });

  it('shows a beta: sign-ups over time, referrers and the queue, and invites from it', async () => {
    await signIn('#betas/beta-reports');
    const [signups] = await shoot(page, `${kind}-beta`, 1);
    expect((await countColours(browser, signups!, [BAR.light]))[0]).toBeGreaterThan(200);
    expect(await axe(page)).toEqual([]);
    const queue = await page.$$eval('>>> hd-beta >>> tbody th', (cells) => cells.map((cell) => cell.textContent));
    expect(queue).toEqual(['ada@example.com', 'grace@example.com', 'alan@example.com']);
    await (await deep(page, 'hd-beta >>> tbody button'))!.click();
    await says(page, 'hd-beta', '[role=status]', 'ada@example.com: Invited');
    expect(await json(await server.get('/v1/betas/beta-reports/signups/beta-ada'))).toMatchObject({
      status: 'invited',
    });
  });

  it('offers every chart as a table, speaks Simplified Chinese, and draws in dark mode', async () => {
    await signIn('#polls/pricing-poll');
    const toggle = await deep(page, 'hd-chart >>> button[aria-pressed]');
    await toggle!.click();
    const table = await page.$$eval('>>> hd-chart >>> table tbody tr', (rows) =>
      rows.map((row) => [...row.children].map((cell) => cell.textContent)),
    );
    // The voter who only wrote their own answer is counted too: every voter is in the table.
    expect(table).toEqual([
      ['monthly', '3', '50%'],
      ['yearly', '2', '33.3%'],
      ['Other', '1', '16.7%'],
    ]);
    const language = await deep(page, 'header select');
    await language!.select('zh-CN');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.$eval('>>> header h1', (h1) => h1.textContent)).toBe('Heard 数据看板');
    await view('#nps/nps-onboarding');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const charts = await shoot(page, `${kind}-nps-dark-zh`, 2);
    expect(await page.$eval('>>> hd-nps >>> h3', (h3) => h3.textContent)).toBe('评论');
    const [background] = await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor]);
    expect(background).toBe('rgb(20, 20, 23)');
    expect((await countColours(browser, charts[0]!, [BAR.dark]))[0]).toBeGreaterThan(50);
    expect(await axe(page)).toEqual([]);
  });

  it('signs out: the session ends on the server, and the sign-in form is back', async () => {
    await signIn('#nps/nps-onboarding');
    expect((await page.cookies()).map((cookie) => cookie.name)).toContain('heard_session');
    await (await deep(page, 'header button:not(.skip)'))!.click();
    await deep(page, '#token');
    expect((await page.cookies()).map((cookie) => cookie.name)).not.toContain('heard_session');
    expect(await page.evaluate(() => fetch('/v1/admin/widgets').then((r) => r.status))).toBe(401);
  });
});
