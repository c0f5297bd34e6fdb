/** Serves the demo page and, beside it, the in-memory protocol endpoint at /__heard/demo. */
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';
// @ts-expect-error -- a plain ES module without type declarations.
import { handle } from '../../packages/sdk/dev/memory-endpoint.mjs';

const endpoint: Plugin = {
  name: 'heard-memory-endpoint',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      (handle as (req: unknown, res: unknown) => Promise<boolean>)(req, res).then((handled) => handled || next(), next);
    });
  },
};

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [endpoint],
});
