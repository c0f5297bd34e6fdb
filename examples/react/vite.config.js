/** Builds the React example with relative asset paths, so the page works wherever it is served. */
import { defineConfig, defaultClientConditions } from 'vite';

export default defineConfig({
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // JSX with React's automatic runtime: esbuild does it, no plugin needed.
  esbuild: { jsx: 'automatic' },
  server: {
    proxy: { '/collector': { target: 'http://127.0.0.1:8787', rewrite: (path) => path.replace(/^\/collector/, '') } },
  },
});
