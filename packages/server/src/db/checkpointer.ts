/**
 * SQLite's WAL checkpoints, off the event loop. By default the connection that commits copies
 * the log back into the database file whenever the log passes 1,000 pages, inside that commit:
 * about half of what a write costs under load, on the thread that answers requests. Here the
 * writer's connection never checkpoints; a worker thread with a connection of its own runs
 * passive checkpoints (which never wait for, nor block, the writer) every quarter second, and
 * a last full one when the storage closes. Durability is the log's, unchanged: a checkpoint
 * only moves what is already committed.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

const EVERY_MS = 250;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const database = new Database(workerData.path, { fileMustExist: true });
database.pragma('busy_timeout = 1000');
const checkpoint = (mode) => {
  try {
    database.pragma('wal_checkpoint(' + mode + ')');
  } catch {
    // Busy or locked: the next round tries again.
  }
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint('TRUNCATE');
  database.close();
  parentPort.postMessage('closed');
});
`;

export interface Checkpointer {
  /** Stops the worker after a last checkpoint. */
  close(): Promise<void>;
}

/** Takes over the checkpoints of `database` (a file in WAL mode at `path`). */
export const startCheckpointer = (database: BetterSqlite3.Database, path: string): Checkpointer => {
  database.pragma('wal_autocheckpoint = 0');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, everyMs: EVERY_MS } });
  worker.unref();
  let failed = false;
  worker.on('error', (error) => {
    // Without the worker the writer checkpoints again itself, as SQLite does by default.
    failed = true;
    console.error(`heard-server: storage: checkpoints back on the writer (${error.message})`);
    if (database.open) database.pragma('wal_autocheckpoint = 1000');
  });
  return {
    close: () =>
      failed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            worker.once('message', () => void worker.terminate().then(() => resolve()));
            worker.once('exit', () => resolve());
            worker.postMessage('close');
          }),
  };
};
