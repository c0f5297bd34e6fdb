/**
 * What a database error means for the request that met it. Storage that is away (refused or
 * dropped connections, a restart, a timeout, a locked SQLite file) is weather: the request is
 * answered 503 `storage_unavailable` and the client retries. A deadlock or serialization
 * failure is retried here, a few times, before anything is answered.
 */
import type { Kysely, Transaction } from 'kysely';

/** Thrown when storage did not answer in time or is not there; answered 503. */
export class StorageUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageUnavailable';
  }
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** PostgreSQL: deadlock detected, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/** Node's socket errors, seen when the database is unreachable or went away. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs of a server that is away or overloaded: connection exceptions (08),
 * too many connections, shutdowns and restarts, a statement or lock timeout, a read-only
 * standby after a failover.
 */
const POSTGRES_AWAY = new Set(['53300', '57P01', '57P02', '57P03', '57014', '55P03', '25006', '40001', '40P01']);

/** SQLite result codes of a file that is locked, unwritable or gone. */
const SQLITE_AWAY = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL)/;

/** The node-postgres driver's own messages for a connection that broke or never came. */
const DRIVER_AWAY =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended|not queryable|pool after calling end/i;

export const isRetryable = (error: unknown): boolean => RETRYABLE.has(codeOf(error) ?? '');

export const isStorageUnavailable = (error: unknown): boolean => {
  if (error instanceof StorageUnavailable) return true;
  const code = codeOf(error);
  if (code !== undefined && (NETWORK.has(code) || POSTGRES_AWAY.has(code) || code.startsWith('08'))) return true;
  if (code !== undefined && SQLITE_AWAY.test(code)) return true;
  return error instanceof Error && DRIVER_AWAY.test(error.message);
};

/** Attempts at a transaction that deadlocked or failed to serialize, the first included. */
export const TRANSACTION_ATTEMPTS = 5;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a transaction; a deadlock or serialization failure rolls it back and runs it
 * again (up to {@link TRANSACTION_ATTEMPTS} times, with a short random pause so the two
 * sides do not meet again). Other errors, and the last failure, are thrown.
 */
export const transact = async <DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
      await pause(Math.random() * 10 * attempt);
    }
  }
};
