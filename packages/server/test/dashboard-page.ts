/**
 * What the dashboard's browser tests share: finding an element through shadow roots, axe with
 * best practices, the contrast of every field's border, and the colour scheme emulated.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, CDPSession, Page } from 'puppeteer-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number] | 'forced';

/** Emulates a colour scheme, or forced colours. */
export const emulate = (cdp: CDPSession, name: Scheme) =>
  cdp.send('Emulation.setEmulatedMedia', {
    features:
      name === 'forced'
        ? [{ name: 'forced-colors', value: 'active' }]
        : [
            { name: 'prefers-color-scheme', value: name },
            { name: 'forced-colors', value: 'none' },
          ],
  });

/** Axe's violations on the page (WCAG 2.2 A and AA, and best practices), one line each. */
export const axe = async (page: Page) => {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run(
          context: Document,
          options: unknown,
        ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
      };
    };
    const result = await axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((node) => node.target))}`);
  });
};

/** The element matching `selector` in the page or any shadow root, once there. */
export const deep = async (page: Page, selector: string) => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await page.$(`>>> ${selector}`);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Nothing matches ${selector} after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** WCAG's contrast ratio of each field's border against the field and against what surrounds it. */
export const fieldContrasts = (page: Page) =>
  page.evaluate(() => {
    const parse = (colour: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a: colour.startsWith('rgba') ? a : 1 };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const [R, G, B] = [r, g, b].map((c) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    const ratio = (a: string, b: string) => {
      const [x, y] = [luminance(parse(a)), luminance(parse(b))].sort((m, n) => n - m);
      return (x! + 0.05) / (y! + 0.05);
    };
    /** The first opaque background at or behind an element, across shadow boundaries. */
    const behind = (element: Element | null): string => {
      for (let at: Element | null = element; at;) {
        const background = getComputedStyle(at).backgroundColor;
        if (parse(background).a > 0) return background;
        at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host || null);
      }
      return getComputedStyle(document.documentElement).backgroundColor;
    };
    const fields: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.matches('input, select, textarea')) fields.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return fields.map((field) => {
      const border = getComputedStyle(field).borderTopColor;
      const name = `${field.localName}${field.getAttribute('type') ? `[type=${field.getAttribute('type')}]` : ''}`;
      return { name, ratio: Math.min(ratio(border, behind(field)), ratio(border, behind(field.parentElement))) };
    });
  });

/**
 * A new page for one test: signed out, nothing left in storage by another page (kept across
 * its own reloads), 1,280 px wide, collecting every console error and uncaught exception.
 */
export const openPage = async (browser: Browser): Promise<{ page: Page; cdp: CDPSession; errors: string[] }> => {
  await browser.deleteCookie(...(await browser.cookies()));
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await page.setViewport({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.evaluateOnNewDocument(() => {
    if (!sessionStorage.getItem('heard-test-page')) {
      localStorage.clear();
      sessionStorage.setItem('heard-test-page', 'open');
    }
  });
  return { page, cdp, errors };
};
