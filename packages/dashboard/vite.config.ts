/**
 * Builds the dashboard into `dist/`, which `@heard/server` serves at `/dashboard/` under a
 * strict CSP: relative URLs, no inline scripts or styles, no module-preload polyfill. Each
 * file is also written compressed (`.br`, brotli at its best; `.gz`, gzip at its best), once,
 * here: the collector sends the one a browser takes, and compresses nothing per request.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(html|js|css|svg|json)$/;

const precompress = (): Plugin => ({
  name: 'heard-precompress',
  apply: 'build',
  writeBundle({ dir = 'dist' }) {
    const walk = (at: string): string[] =>
      readdirSync(at, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(join(at, entry.name)) : [join(at, entry.name)],
      );
    for (const file of walk(dir).filter((path) => COMPRESSIBLE.test(path))) {
      const body = readFileSync(file);
      writeFileSync(
        `${file}.br`,
        brotliCompressSync(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }),
      );
      writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    }
  },
});

export default defineConfig({
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [precompress()],
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
