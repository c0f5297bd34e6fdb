/**
 * Serves the demo page and starts the Heard collector beside it, on its embedded SQLite
 * (`.heard/demo.db` at the repository's root, so answers survive a restart). The page talks
 * to the collector through `/__heard/demo`, which this server forwards, as it forwards the
 * results dashboard (`/dashboard/`) and the admin API behind it.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '@heard/server';
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';
import { seedDemo } from './seed.js';

const PORT = Number(process.env.HEARD_DEMO_COLLECTOR_PORT ?? 8787);
const DATA = fileURLToPath(new URL('../../.heard/', import.meta.url));
const ADMIN_TOKEN = process.env.HEARD_ADMIN_TOKEN ?? 'demo-admin-token-change-me';

const collector: Plugin = {
  name: 'heard-collector',
  apply: 'serve',
  async configureServer(server) {
    mkdirSync(DATA, { recursive: true });
    const running = await startServer({
      port: PORT,
      host: '127.0.0.1',
      storage: `${DATA}demo.db`,
      origins: ['http://127.0.0.1:5173', 'http://localhost:5173'],
      adminToken: ADMIN_TOKEN,
      writesPerMinute: 600,
      readsPerMinute: 3_000,
      minFillMs: 1_500,
      trustProxy: false,
    });
    const { count } = await running.storage.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(count) === 0) await seedDemo(running.url, ADMIN_TOKEN);
    server.config.logger.info(`  Heard collector: ${running.url} (${running.storage.description})`);
    server.config.logger.info(`  Results dashboard: http://127.0.0.1:5173/dashboard/ (admin token: ${ADMIN_TOKEN})`);
    server.httpServer?.once('close', () => void running.close());
  },
};

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [collector],
  server: {
    proxy: {
      '/__heard/demo': {
        target: `http://127.0.0.1:${PORT}`,
        rewrite: (path) => path.replace(/^\/__heard\/demo/, ''),
      },
      // The collector's results dashboard and the admin API it calls, on the demo's origin.
      '/dashboard': `http://127.0.0.1:${PORT}`,
      '/v1/admin': `http://127.0.0.1:${PORT}`,
    },
  },
});
