/**
 * The public reads widgets make: a poll's results, a board's ideas and those like a draft,
 * whether a proof of work is asked (and a challenge), a beta sign-up's place. Each names the
 * asker only by a user id the site signed, or by the anonymous id the widget sent.
 */
import { ERROR_CODES } from '@heard/protocol';
import { Hono, type MiddlewareHandler } from 'hono';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { z } from 'zod/mini';
import type { Storage } from '../db/connect.js';
import { issueChallenge, type ProofOfWork } from '../pow.js';
import { betaStatus, ideaList, pollResults, similarIdeas } from '../store/read.js';
import { askerKey, type VerifyUser } from '../store/subject.js';
import { askerOnly, ideaListParams, parse, queryOf, referralCode, similarParams, widgetId } from './params.js';
import { problem } from './problem.js';

export interface ReadDeps {
  storage: Storage;
  /** The proof of work the spam rules ask for, if any. */
  pow: ProofOfWork | undefined;
  now: () => Date;
  verify: VerifyUser;
  /** The read rate limit. */
  limit: MiddlewareHandler;
}

/**
 * A read's answer may be kept by the browser that asked (never by a shared cache: it may say
 * what this person voted) and is checked again before each use: an `ETag`, and `304 Not
 * Modified` while the answer is the same. Never `no-store`, which would keep every host page
 * out of the back/forward cache.
 */
const revalidated: MiddlewareHandler[] = [
  etag({
    weak: true,
    // A 304 keeps what lets a page on another origin read the answer its cache holds.
    retainedHeaders: [
      ...RETAINED_304_HEADERS,
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'access-control-expose-headers',
      'x-content-type-options',
    ],
  }),
  async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'private, no-cache');
  },
];

/** The routes under `/v1`. */
export const readRoutes = ({ storage, pow, now, verify, limit }: ReadDeps): Hono => {
  const app = new Hono();

  app.get('/polls/:poll/results', limit, ...revalidated, async (c) => {
    const path = parse(c, z.object({ poll: widgetId }), c.req.param());
    const query = parse(c, askerOnly, queryOf(c));
    if (!path.ok) return path.response;
    if (!query.ok) return query.response;
    return c.json(
      await pollResults(
        storage.db,
        path.value.poll,
        askerKey(query.value.subject, query.value.user, query.value.userSignature, verify),
      ),
    );
  });

  app.get('/boards/:board/ideas', limit, ...revalidated, async (c) => {
    const path = parse(c, z.object({ board: widgetId }), c.req.param());
    const query = parse(c, ideaListParams, queryOf(c));
    if (!path.ok) return path.response;
    if (!query.ok) return query.response;
    const { sort, status, cursor, limit, subject, user, userSignature } = query.value;
    const list = await ideaList(
      storage.db,
      path.value.board,
      { sort, status, offset: Number(cursor), limit: Number(limit) },
      askerKey(subject, user, userSignature, verify),
      now(),
    );
    return c.json(list);
  });

  app.get('/boards/:board/ideas/similar', limit, ...revalidated, async (c) => {
    const path = parse(c, z.object({ board: widgetId }), c.req.param());
    const query = parse(c, similarParams, queryOf(c));
    if (!path.ok) return path.response;
    if (!query.ok) return query.response;
    const { q, subject, user, userSignature } = query.value;
    return c.json(
      await similarIdeas(
        storage.db,
        storage.dialect,
        path.value.board,
        q,
        askerKey(subject, user, userSignature, verify),
        now(),
      ),
    );
  });

  // Asking for no proof is an answer, not an error: 204, so host pages log no failed request.
  app.get('/challenge', limit, (c) => (pow ? c.json(issueChallenge(pow, now())) : c.body(null, 204)));

  app.get('/betas/:program/signups/:code', limit, ...revalidated, async (c) => {
    const path = parse(c, z.object({ program: widgetId, code: referralCode }), c.req.param());
    if (!path.ok) return path.response;
    const status = await betaStatus(storage.db, path.value.program, path.value.code);
    return status ? c.json(status) : problem(c, 404, ERROR_CODES.notFound, 'No sign-up with this code');
  });
  return app;
};
