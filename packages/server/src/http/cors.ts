/**
 * CORS from an allow-list, without credentials. A request from an origin not on the list is
 * refused outright (403 `origin_not_allowed`), not merely left without CORS headers: beacons
 * are simple requests that a browser sends without asking first, and they must not be stored.
 * Requests without an Origin (servers, curl) and the collector's own pages pass. The
 * collector's own origin is configured (`--public-url`), never read from the request's `Host`,
 * which anyone can set (a rebinding DNS name would otherwise be "same origin").
 */
import { ERROR_CODES } from '@heard/protocol';
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.js';

export type Origins = readonly string[] | '*';

export const cors = (origins: Origins, ownOrigin: () => string | undefined = () => undefined): MiddlewareHandler => {
  const allowed = origins === '*' ? null : new Set(origins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    const own = ownOrigin();
    if (origin !== own && allowed !== null && !allowed.has(origin)) {
      return problem(c, 403, ERROR_CODES.originNotAllowed, `The origin ${origin} is not allowed to use this collector`);
    }
    c.header('Vary', 'Origin', { append: true });
    if (origin !== own) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After');
    }
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Authorization');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    return next();
  };
};
