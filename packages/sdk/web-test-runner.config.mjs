/**
 * Browser tests in real Chromium. The dev server also hosts the in-memory protocol endpoint
 * (`/__heard/<name>/...`) the tests post to and steer, serves the strict-CSP fixture with its
 * headers, and lets tests switch the page's network off through the DevTools protocol.
 */
import { handle } from './dev/memory-endpoint.mjs';
import { shared, typescript } from '../../web-test-runner.shared.mjs';

export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types heard',
].join('; ');

/**
 * Takes one cross-site frame (a tab stand-in on `localhost` while tests run on 127.0.0.1)
 * offline through the DevTools protocol. Chromium runs such a frame in its own process, so
 * the test page keeps its connection to the runner while the frame's network is cut.
 */
const sessions = new Map();
const networkPlugin = {
  name: 'heard-network',
  async executeCommand({ command, payload, session }) {
    if (command !== 'heard-offline') return undefined;
    const page = session.browser.getPage(session.id);
    const target = page
      .browser()
      .targets()
      .find((t) => t.url().startsWith(payload.url));
    // Going online with no frame left is a no-op (tests reset the network after each case).
    if (!target) {
      if (payload.offline) throw new Error(`No frame target at ${payload.url}`);
      return true;
    }
    // Emulation belongs to the DevTools session that set it: undo it through the same one.
    let cdp = sessions.get(target);
    if (!cdp) {
      cdp = await target.createCDPSession();
      await cdp.send('Network.enable');
      sessions.set(target, cdp);
    }
    try {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: Boolean(payload.offline),
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    } catch (error) {
      sessions.delete(target);
      if (payload.offline) throw error;
    }
    return true;
  },
};

export default {
  ...shared,
  files: ['test/**/*.test.ts'],
  // One file at a time: several files assert what Heard keeps in this origin's storage.
  concurrency: 1,
  plugins: [typescript(), networkPlugin],
  middleware: [
    async (ctx, next) => {
      if (await handle(ctx.req, ctx.res)) {
        ctx.respond = false;
        return;
      }
      await next();
      if (ctx.path.endsWith('/fixtures/strict-csp.html')) ctx.set('Content-Security-Policy', STRICT_CSP);
      // Sandboxed iframes have an opaque origin: their module scripts are cross-origin loads.
      ctx.set('Access-Control-Allow-Origin', '*');
    },
  ],
};
