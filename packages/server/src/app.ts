/**
 * The collector as a Hono app: every route of the protocol, the admin API, and the rules
 * around them (CORS, rate limits, body caps, deadlines). Any error an input can cause is a 4xx
 * with a stable code; storage that is away is a 503 `storage_unavailable` with `Retry-After`;
 * a 500 means the collector broke, and is logged.
 */
import { ERROR_CODES } from '@heard/protocol';
import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { Storage } from './db/connect.js';
import { adminRoutes } from './http/admin.js';
import { declaredWithinLimit } from './http/body.js';
import { dashboardDir, dashboardRoutes } from './http/dashboard.js';
import { deadline, healthRoutes, unavailable, whenReady } from './http/availability.js';
import { cors, type Origins } from './http/cors.js';
import { receiveEvents } from './http/events.js';
import { problem, setHeader } from './http/problem.js';
import { rateLimit } from './http/rate-limit.js';
import { readRoutes } from './http/reads.js';
import { badQueryParameter, clientAddress } from './http/request.js';
import { sameToken, Sessions } from './http/session.js';
import { isStorageUnavailable } from './db/faults.js';
import { SIGN_INS_PER_MINUTE } from './http/dashboard.js';
import { SharedBuckets, TokenBuckets } from './http/rate-limit.js';
import type { SpamRules } from './spam.js';
import { userVerifier } from './store/subject.js';
import { Writer } from './store/write.js';

export interface AppOptions {
  storage: Storage;
  /** Origins whose pages may call the collector, or `*` for any. */
  origins: Origins;
  /** The admin API's bearer token; without one the admin API answers 401. */
  adminToken?: string | undefined;
  /** Requests per minute per client address; 0 for no limit. */
  writesPerMinute: number;
  readsPerMinute: number;
  spam: SpamRules;
  /** Take the client address from the last `X-Forwarded-For` entry (behind one proxy). */
  trustProxy?: boolean;
  now?: () => Date;
  /** The dashboard's built files; by default `@heard/dashboard`'s, when installed. */
  dashboardDir?: string | undefined;
  /**
   * The collector's own origin (its dashboard's), or a function that knows it once listening.
   * Never read from the request's `Host`. Without it, only the allow-list counts.
   */
  publicUrl?: string | (() => string) | undefined;
  /** How long a request may wait for storage before it is answered 503. */
  requestTimeoutMs?: number;
  /**
   * Secrets the site signs user ids with (HMAC-SHA256); more than one while rotating. Without
   * one, no user id is trusted: every envelope belongs to its anonymous id.
   */
  identitySecrets?: readonly string[];
  /** The writer that stores events; one of its own by default. */
  writer?: Writer;
  /** Told after a commit wrote webhook deliveries, so they go out at once, not at the next poll. */
  onStored?: () => void;
}

/** How long a request may wait for storage by default. */
export const REQUEST_TIMEOUT_MS = 10_000;

export const createApp = (options: AppOptions): Hono => {
  const { storage } = options;
  const now = options.now ?? (() => new Date());
  const clientOf = clientAddress(options.trustProxy ?? false);
  const app = new Hono();
  const publicUrl = options.publicUrl;
  const ownOrigin = typeof publicUrl === 'function' ? publicUrl : () => publicUrl;
  const shared = storage.dialect === 'postgres';
  const verify = userVerifier(options.identitySecrets ?? []);
  const writer = options.writer ?? new Writer(storage, options.onStored);

  app.use(async (c, next) => {
    await next();
    setHeader(c, 'X-Content-Type-Options', 'nosniff');
  });
  app.use(async (c, next) => {
    const name = badQueryParameter(c.req.url);
    if (name === undefined) return next();
    return problem(c, 400, ERROR_CODES.invalidParameter, `Bad parameter: ${name}`, [
      { path: name, code: 'invalid_format', message: 'Not UTF-8 text without NUL' },
    ]);
  });
  app.route('/health', healthRoutes(storage));
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problem(c, 405, ERROR_CODES.methodNotAllowed, `${c.req.method} is not allowed here`, undefined, {
          Allow: methods.join(', '),
        }),
    }),
  );
  app.use(cors(options.origins, ownOrigin));
  app.use('/v1/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) setHeader(c, 'Cache-Control', 'no-store');
  });
  const waitAtMost = deadline(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  app.use('/v1/*', whenReady(storage), waitAtMost);
  app.use('/dashboard/session', whenReady(storage), waitAtMost);

  const limiter = (kind: string, perMinute: number) =>
    rateLimit({ perMinute }, clientOf, shared ? { db: storage.db, kind } : undefined);
  const writes = limiter('writes', options.writesPerMinute);
  const reads = limiter('reads', options.readsPerMinute);
  // Bodies are measured as they are read (`readJson`); a declared length over the limit is
  // refused before anything reads it.
  const capped = declaredWithinLimit;

  app.post('/v1/events', writes, capped, async (c) => {
    const bearer = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const trusted = bearer !== undefined && options.adminToken !== undefined && sameToken(bearer, options.adminToken);
    // A server-side sender with a wrong token hears so, rather than meeting the browser's rules.
    if (bearer !== undefined && !trusted) {
      return problem(c, 401, ERROR_CODES.unauthorized, 'That is not the admin token');
    }
    return receiveEvents(c, writer, options.spam, now, { trusted, verify });
  });

  app.route('/v1', readRoutes({ storage, pow: options.spam.pow, now, verify, limit: reads }));

  const sessions = new Sessions(storage.db, options.trustProxy ?? false);
  app.use('/v1/admin/*', reads, capped);
  app.route('/v1/admin', adminRoutes(storage, options.adminToken, sessions, now));

  app.get('/dashboard', (c) => c.redirect('/dashboard/', 308));
  app.use('/dashboard/*', reads, capped);
  app.route(
    '/dashboard',
    dashboardRoutes({
      dir: 'dashboardDir' in options ? options.dashboardDir : dashboardDir(),
      token: options.adminToken,
      sessions,
      clientOf,
      signIns: shared
        ? new SharedBuckets(storage.db, 'sign-ins', SIGN_INS_PER_MINUTE)
        : new TokenBuckets(SIGN_INS_PER_MINUTE),
    }),
  );

  // A person who opens the collector's address learns what lives here.
  app.get('/', (c) =>
    c.json({
      name: 'Heard collector',
      protocol: 1,
      events: '/v1/events',
      dashboard: '/dashboard/',
      health: '/health/live',
    }),
  );

  app.notFound((c) => problem(c, 404, ERROR_CODES.notFound, `No route ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (isStorageUnavailable(error)) {
      // Weather, not a bug: one line, no stack.
      console.error(`heard-server: ${c.req.method} ${c.req.path}: storage unavailable (${error.message})`);
      return unavailable(c, 'The database is unavailable; try again shortly');
    }
    console.error('heard-server:', error);
    return problem(c, 500, ERROR_CODES.internal, 'The collector failed; try again later', undefined, {
      'Retry-After': '5',
    });
  });
  return app;
};
