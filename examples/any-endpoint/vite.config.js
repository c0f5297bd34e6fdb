import { defineConfig, defaultClientConditions } from 'vite';

export default defineConfig({
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
});
