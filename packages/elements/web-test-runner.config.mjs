/** The elements' tests in real Chromium, with axe through @open-wc/testing, and the demo page on a local endpoint. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { shared, typescript } from '../../web-test-runner.shared.mjs';
import { handle } from '../sdk/dev/memory-endpoint.mjs';

/** What a careful site sends: no inline code, no eval, no inline styles, Trusted Types required. */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  // `lit-html`: the Lit of a page or an app (which an npm install of Heard shares); `heard`: the
  // Lit inside the CDN build, which never takes another Lit's name. Heard's elements never
  // write HTML from strings.
  'trusted-types lit-html heard',
].join('; ');

/**
 * `forced-colors` for tests, by Chromium's own emulation (DevTools protocol): neither
 * @web/test-runner-commands' `emulateMedia` nor Puppeteer passes it on to Chromium.
 */
const forcedColors = {
  name: 'heard-forced-colors',
  async executeCommand({ command, payload, session }) {
    if (command !== 'heard-forced-colors') return undefined;
    const cdp = await session.browser.getPage(session.id).createCDPSession();
    await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload }] });
    return true;
  },
};

export default {
  ...shared,
  files: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  // One page at a time: keyboard tests need the focused page, and background pages have throttled timers.
  concurrency: 1,
  // The tsconfig that itself sets experimentalDecorators: esbuild does not follow `extends`.
  plugins: [typescript(fileURLToPath(new URL('../../tsconfig.base.json', import.meta.url))), forcedColors],
  middleware: [
    async (ctx, next) => {
      // The CDN build is served byte for byte, as a CDN would: the dev server's module
      // rewriting would change the files and break their integrity hashes.
      // An unversioned URL, as CDNs answer it: a redirect to the build.
      if (ctx.path.startsWith('/heard-latest/')) {
        ctx.redirect(`/packages/elements/dist/cdn/${ctx.path.slice('/heard-latest/'.length)}`);
        return;
      }
      if (ctx.path.startsWith('/packages/elements/dist/cdn/')) {
        const file = fileURLToPath(new URL(`.${ctx.path.slice('/packages/elements'.length)}`, import.meta.url));
        ctx.type = ctx.path.endsWith('.json') ? 'application/json' : 'text/javascript';
        ctx.body = await readFile(file);
        return;
      }
      if (await handle(ctx.req, ctx.res)) ctx.respond = false;
      else await next();
      if (/\/test\/fixtures\/(script-tag|redirect|iife|hostile|hostile-iife)\.html$/.test(ctx.path))
        ctx.set('Content-Security-Policy', STRICT_CSP);
    },
  ],
};
