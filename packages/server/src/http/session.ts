/**
 * Dashboard sessions. Signing in with the admin token gives a random session id in an
 * HttpOnly, SameSite=Strict cookie, so the token never sits in a URL, in history or in
 * scripts; writes made with the cookie also carry the session's CSRF token in a header.
 * Sessions live in the process: a restart signs everyone out, and each instance behind a load
 * balancer keeps its own (pin the dashboard to one, or sign in again).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { requestOrigin } from './origin.js';

export const SESSION_COOKIE = 'heard_session';
export const CSRF_HEADER = 'x-heard-csrf';
/** A session ends this long after sign-in. */
export const SESSION_MS = 12 * 60 * 60 * 1000;
/** Sessions kept at most; the oldest end first. */
const MAX_SESSIONS = 1_000;

export interface Session {
  csrf: string;
  expiresAt: number;
}

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly trustProxy: boolean;

  /** Behind a proxy that ends TLS, `trustProxy` reads the scheme from `X-Forwarded-Proto`. */
  constructor(trustProxy: boolean) {
    this.trustProxy = trustProxy;
  }

  private secure(c: Context): boolean {
    return requestOrigin(c, this.trustProxy).startsWith('https:');
  }

  open(c: Context, now: number): Session {
    for (const [id, session] of this.sessions) {
      if (session.expiresAt <= now || this.sessions.size >= MAX_SESSIONS) this.sessions.delete(id);
    }
    const id = randomBytes(32).toString('base64url');
    const session = { csrf: randomBytes(24).toString('base64url'), expiresAt: now + SESSION_MS };
    this.sessions.set(id, session);
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
  of(c: Context, now: number): Session | undefined {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session || session.expiresAt <= now) return undefined;
    return session;
  }

  close(c: Context): void {
    const id = getCookie(c, SESSION_COOKIE);
    if (id !== undefined) this.sessions.delete(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
  }
}
