/**
 * Starts the collector: opens (and migrates) the storage, listens, and stops cleanly: no new
 * connections, requests in flight finish, then the database closes. A PostgreSQL that is away
 * at start does not stop it: it listens, answers 503 and `/health/ready` 503 until the
 * database comes. Slow clients are cut off (headers, whole request, idle keep-alive), and a
 * request a client gave up on midway is one line in the log.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { openStorage, type Storage } from './db/connect.js';
import { Writer } from './store/write.js';
import { Deliverer } from './webhooks/deliver.js';

export interface RunningServer {
  /** Where it listens, `http://127.0.0.1:8787`. */
  readonly url: string;
  readonly storage: Storage;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), closes the database. */
  close(graceMs?: number): Promise<void>;
}

/** Node's HTTP server limits: a client gets this long to send headers, a whole request, another request. */
export const SERVER_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 } as const;

export const startServer = async (config: Config): Promise<RunningServer> => {
  const storage = await openStorage(config.storage, {
    ...(config.dbConnectTimeoutMs === undefined ? {} : { connectTimeoutMs: config.dbConnectTimeoutMs }),
    ...(config.dbStatementTimeoutMs === undefined ? {} : { statementTimeoutMs: config.dbStatementTimeoutMs }),
  });
  const deliverer = new Deliverer(storage.db, {
    ...(config.webhookTimeoutMs === undefined ? {} : { timeoutMs: config.webhookTimeoutMs }),
    ...(config.webhookBackoffMs === undefined ? {} : { backoffMs: config.webhookBackoffMs }),
  });
  const writer = new Writer(storage, () => deliverer.wake());
  const app = createApp({
    storage,
    writer,
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
    publicUrl: config.publicUrl ?? (() => listening),
    ...(config.identitySecrets ? { identitySecrets: config.identitySecrets } : {}),
    ...(config.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: config.requestTimeoutMs }),
  });
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: {
      headersTimeout: SERVER_TIMEOUTS.headersMs,
      requestTimeout: SERVER_TIMEOUTS.requestMs,
      keepAliveTimeout: SERVER_TIMEOUTS.keepAliveMs,
      // How often the two timeouts above are checked (Node's default is 30 s).
      connectionsCheckingInterval: 1_000,
    },
  }) as Server;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // A connection that broke or dawdled: one line, never a stack; an answer if it still listens.
    if (error.code === 'HPE_INVALID_EOF_STATE') {
      console.error('heard-server: a client left mid-request (its body did not arrive whole)');
    } else if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
      console.error(`heard-server: client error: ${error.code ?? error.message}`);
    }
    if (socket.writable && !socket.destroyed) {
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else {
      socket.destroy();
    }
  });
  let listening = 'http://127.0.0.1';
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
  listening = `http://${host}:${port}`;
  // Webhook deliveries go out once the schema is there (at once, unless the database was away).
  void storage.migrated.then(
    () => closing === undefined && deliverer.start(),
    () => undefined,
  );
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
        // What was handed to the writer is committed (or refused) before the storage closes.
        await writer.settled();
        await deliverer.stop();
        await storage.close();
      })();
      return closing;
    },
  };
};
