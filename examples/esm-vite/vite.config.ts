/** Builds the ESM example with relative asset paths; in development /collector goes to a local collector. */
import { defineConfig, defaultClientConditions } from 'vite';

export default defineConfig({
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    proxy: { '/collector': { target: 'http://127.0.0.1:8787', rewrite: (path) => path.replace(/^\/collector/, '') } },
  },
});
