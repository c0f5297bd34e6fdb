/**
 * The collector while its storage comes and goes: requests wait for storage at most
 * `requestTimeoutMs`, then get 503 `storage_unavailable` with `Retry-After` (as they do when
 * the schema is not up to date yet, or the database refused or dropped them); health in the
 * convention operators know, `/health/live` (the process answers) and `/health/ready` (so does
 * its storage).
 */
import { ERROR_CODES } from '@heard/protocol';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Storage } from '../db/connect.js';
import { bodiesRead, hasBody } from './body.js';
import { problem, setHeader } from './problem.js';

/** Seconds a client is asked to wait before it tries again while storage is away. */
export const RETRY_AFTER_SECONDS = 2;

export const unavailable = (c: Context, message: string): Response =>
  problem(c, 503, ERROR_CODES.storageUnavailable, message, undefined, {
    'Retry-After': String(RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
  });

/** Answers 503 until the storage's schema is up to date (a database away at start). */
export const whenReady =
  (storage: Storage): MiddlewareHandler =>
  async (c, next) => {
    if (!storage.ready) return unavailable(c, 'The collector is waiting for its database');
    return next();
  };

/**
 * Answers 503 when the rest of the chain has not answered within `ms` (a database that
 * stopped answering). What was in flight may still finish: a write that commits after its
 * 503 is a duplicate when the client retries it, so nothing counts twice. A body still
 * arriving is the client's time, not the database's: it is left to the server's request
 * timeout (an upload that never ends is cut with 408).
 */
export const deadline =
  (ms: number): MiddlewareHandler =>
  async (c, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    const done = next().then(() => 'done' as const);
    const first = await Promise.race([done, late]);
    clearTimeout(timer);
    if (first === 'late') {
      if (hasBody(c) && !bodiesRead.has(c.req.raw)) {
        await done;
        return undefined;
      }
      done.catch(() => undefined);
      return unavailable(c, `The database did not answer within ${ms} ms`);
    }
    return undefined;
  };

export const healthRoutes = (storage: Storage) => {
  const health = new Hono();
  health.use(async (c, next) => {
    await next();
    setHeader(c, 'Cache-Control', 'no-store');
  });
  const live = (c: Context) => c.json({ ok: true });
  health.get('/', live);
  health.get('/live', live);
  health.get('/ready', async (c) =>
    (await storage.ping())
      ? c.json({ ok: true, storage: 'ready' })
      : problem(c, 503, ERROR_CODES.storageUnavailable, 'The database does not answer', undefined, {
          'Retry-After': String(RETRY_AFTER_SECONDS),
        }),
  );
  return health;
};
