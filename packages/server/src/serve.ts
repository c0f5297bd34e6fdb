/**
 * Starts the collector: opens (and migrates) the storage, listens, and stops cleanly: no new
 * connections, requests in flight finish, then the database closes.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { openStorage, type Storage } from './db/connect.js';

export interface RunningServer {
  /** Where it listens, `http://127.0.0.1:8787`. */
  readonly url: string;
  readonly storage: Storage;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), closes the database. */
  close(graceMs?: number): Promise<void>;
}

export const startServer = async (config: Config): Promise<RunningServer> => {
  const storage = await openStorage(config.storage);
  const app = createApp({
    storage,
    origins: config.origins,
    adminToken: config.adminToken,
    writesPerMinute: config.writesPerMinute,
    readsPerMinute: config.readsPerMinute,
    spam: {
      minFillMs: config.minFillMs,
      pow: config.powDifficulty
        ? { difficulty: config.powDifficulty, secret: config.secret ?? randomBytes(32).toString('base64url') }
        : undefined,
    },
    trustProxy: config.trustProxy,
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    storage,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(timer);
        await storage.close();
      })();
      return closing;
    },
  };
};
