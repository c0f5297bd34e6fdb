/**
 * The public reads widgets make: a poll's results, a board's ideas and those like a draft,
 * whether a proof of work is asked (and a challenge), a beta sign-up's place. Each names the
 * asker only by a user id the site signed, or by the anonymous id the widget sent.
 */
import { ERROR_CODES } from '@heard/protocol';
import { hash } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Storage } from '../db/connect.js';
import { issueChallenge, type ProofOfWork } from '../pow.js';
import { betaStatus, ideaList, pollResults, reader, similarIdeas } from '../store/read.js';
import { askerKey, type VerifyUser } from '../store/subject.js';
import { askerOnly, ideaListParams, parse, paths, queryOf, similarParams } from './params.js';
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

/** Whether an `If-None-Match` header names `tag` (weakly: `W/` is ignored on both sides). */
const names = (header: string | undefined, tag: string): boolean => {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return header.split(',').some((entry) => entry.trim().replace(/^W\//, '') === opaque);
};

/**
 * A read's answer, which the browser that asked may keep (never a shared cache: it may say
 * what this person voted) and checks again before each use: a weak `ETag` of the body, and
 * `304 Not Modified` while it is the same. Never `no-store`, which would keep every host page
 * out of the back/forward cache. The tag is a hash of the text about to be sent, taken at once.
 */
const revalidated = (c: Context, value: unknown): Response => {
  const text = JSON.stringify(value);
  const tag = `W/"${hash('sha1', text, 'base64url')}"`;
  c.header('ETag', tag);
  c.header('Cache-Control', 'private, no-cache');
  if (names(c.req.header('if-none-match'), tag)) return c.body(null, 304);
  return c.body(text, 200, { 'Content-Type': 'application/json' });
};

/** The routes under `/v1`. */
export const readRoutes = ({ storage, pow, now, verify, limit }: ReadDeps): Hono => {
  const app = new Hono();

  app.get('/polls/:poll/results', limit, async (c) => {
    const path = parse(c, paths.poll, c.req.param());
    const query = parse(c, askerOnly, queryOf(c));
    if (!path.ok) return path.response;
    if (!query.ok) return query.response;
    return revalidated(
      c,
      await pollResults(
        reader(storage.driver),
        path.value.poll,
        askerKey(query.value.subject, query.value.user, query.value.userSignature, verify),
      ),
    );
  });

  app.get('/boards/:board/ideas', limit, async (c) => {
    const path = parse(c, paths.board, c.req.param());
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
    return revalidated(c, list);
  });

  app.get('/boards/:board/ideas/similar', limit, async (c) => {
    const path = parse(c, paths.board, c.req.param());
    const query = parse(c, similarParams, queryOf(c));
    if (!path.ok) return path.response;
    if (!query.ok) return query.response;
    const { q, subject, user, userSignature } = query.value;
    return revalidated(
      c,
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

  app.get('/betas/:program/signups/:code', limit, async (c) => {
    const path = parse(c, paths.signup, c.req.param());
    if (!path.ok) return path.response;
    const status = await betaStatus(storage.db, path.value.program, path.value.code);
    return status ? revalidated(c, status) : problem(c, 404, ERROR_CODES.notFound, 'No sign-up with this code');
  });
  return app;
};
