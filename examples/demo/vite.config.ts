/** Serves the demo page and, beside it, a local protocol endpoint (the SDK's in-memory collector) at /__heard/demo. */
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';
// @ts-expect-error -- a plain ES module without type declarations.
import { handle, seed } from '../../packages/sdk/dev/memory-endpoint.mjs';

const endpoint: Plugin = {
  name: 'heard-memory-endpoint',
  configureServer(server) {
    (seed as (name: string, data: unknown) => void)('demo', {
      polls: { 'next-flavour': { forest: 18, ocean: 11, sunset: 6 } },
      boards: {
        'product-ideas': [
          { id: 'dark', title: 'Dark mode everywhere', votes: 41, description: 'Including the e-mails.' },
          { id: 'export', title: 'Export notes to Markdown', votes: 27, status: 'planned' },
          { id: 'share', title: 'Share a note with a link', votes: 19, status: 'in_progress' },
          { id: 'mobile', title: 'A mobile app', votes: 12, status: 'shipped' },
        ],
      },
    });
    server.middlewares.use((req, res, next) => {
      (handle as (req: unknown, res: unknown) => Promise<boolean>)(req, res).then((handled) => handled || next(), next);
    });
  },
};

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [endpoint],
});
