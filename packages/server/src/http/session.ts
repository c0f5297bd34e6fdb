/**
 * Dashboard sessions. Signing in with the admin token gives a random session id in an
 * HttpOnly, SameSite=Strict cookie, so the token never sits in a URL, in history or in
 * scripts; writes made with the cookie (signing out included) also carry the session's CSRF
 * token in a header. Sessions live in the database, by the SHA-256 of their id: they survive
 * a restart, and every instance on one PostgreSQL knows them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { requestOrigin } from './origin.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares tokens in constant time (digests first, so lengths do not leak either). */
export const sameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

export const SESSION_COOKIE = 'heard_session';
export const CSRF_HEADER = 'x-heard-csrf';
/** A session ends this long after sign-in. */
export const SESSION_MS = 12 * 60 * 60 * 1000;
export interface Session {
  csrf: string;
  expiresAt: number;
}

const hashOf = (id: string) => createHash('sha256').update(id).digest('base64url');

export class Sessions {
  private readonly db: Kysely<Database>;
  private readonly trustProxy: boolean;

  /** Behind a proxy that ends TLS, `trustProxy` reads the scheme from `X-Forwarded-Proto`. */
  constructor(db: Kysely<Database>, trustProxy: boolean) {
    this.db = db;
    this.trustProxy = trustProxy;
  }

  private secure(c: Context): boolean {
    return requestOrigin(c, this.trustProxy).startsWith('https:');
  }

  async open(c: Context, now: number): Promise<Session> {
    await this.db.deleteFrom('dashboard_sessions').where('expires_at', '<=', now).execute();
    const id = randomBytes(32).toString('base64url');
    const session = { csrf: randomBytes(24).toString('base64url'), expiresAt: now + SESSION_MS };
    await this.db
      .insertInto('dashboard_sessions')
      .values({ id_hash: hashOf(id), csrf: session.csrf, expires_at: session.expiresAt })
      .execute();
    setCookie(c, SESSION_COOKIE, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      secure: this.secure(c),
      maxAge: SESSION_MS / 1000,
    });
    return session;
  }

  /** The request's live session, if its cookie names one. */
  async of(c: Context, now: number): Promise<Session | undefined> {
    const id = getCookie(c, SESSION_COOKIE);
    if (id === undefined || id.length > 100) return undefined;
    const row = await this.db
      .selectFrom('dashboard_sessions')
      .select(['csrf', 'expires_at'])
      .where('id_hash', '=', hashOf(id))
      .executeTakeFirst();
    if (!row || Number(row.expires_at) <= now) return undefined;
    return { csrf: row.csrf, expiresAt: Number(row.expires_at) };
  }

  async close(c: Context): Promise<void> {
    const id = getCookie(c, SESSION_COOKIE);
    if (id !== undefined) await this.db.deleteFrom('dashboard_sessions').where('id_hash', '=', hashOf(id)).execute();
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
  }
}
