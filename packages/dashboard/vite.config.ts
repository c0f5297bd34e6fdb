/**
 * Builds the dashboard into `dist/`, which `@heard/server` serves at `/dashboard/` under a
 * strict CSP: relative URLs, no inline scripts or styles, no module-preload polyfill.
 */
import { defineConfig, defaultClientConditions } from 'vite';

export default defineConfig({
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `pnpm --filter @heard/dashboard dev` against a collector on its default port.
    proxy: { '/v1': 'http://127.0.0.1:8787', '/dashboard/session': 'http://127.0.0.1:8787' },
  },
});
