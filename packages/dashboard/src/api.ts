/**
 * The dashboard's calls to the collector, all same-origin: the session cookie authenticates
 * them, and writes carry the session's CSRF token. Failures become `ApiError`s with the
 * collector's stable code and failing fields.
 */
import type { ErrorBody, Issue } from '@heard/protocol';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[];

  constructor(status: number, body: Partial<ErrorBody>) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'unknown';
    this.issues = body.issues ?? [];
  }
}

const answer = async <T>(response: Response): Promise<T> => {
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body as Partial<ErrorBody>);
  return body as T;
};

export interface Session {
  csrf: string;
  expiresAt: string;
}

/** The page's origin root: the dashboard is served at `<root>/dashboard/`. */
const root = new URL('..', document.baseURI);
const url = (path: string, query: Record<string, string | number | undefined> = {}) => {
  const target = new URL(path.replace(/^\//, ''), root);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') target.searchParams.set(key, String(value));
  }
  return target.toString();
};

export const session = {
  current: () => fetch(url('dashboard/session')).then((r) => answer<Session>(r)),
  signIn: (token: string) =>
    fetch(url('dashboard/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    }).then((r) => answer<Session>(r)),
  /** Ends the session on the collector; like every session write, it carries the CSRF token. */
  signOut: (csrf: string) =>
    fetch(url('dashboard/session'), { method: 'DELETE', headers: { 'x-heard-csrf': csrf } }).then((r) =>
      answer<undefined>(r),
    ),
};

/** Reads and writes of the admin API under a signed-in session. */
export class AdminApi {
  /** The session's CSRF token, which every write carries. */
  readonly csrf: string;
  /** Called when the session has ended, so the page can ask to sign in again. */
  onSignedOut: () => void = () => undefined;

  constructor(csrf: string) {
    this.csrf = csrf;
  }

  /** The link that downloads `path` (exports use the cookie too). */
  link(path: string, query: Record<string, string | number | undefined> = {}): string {
    return url(`v1/admin${path}`, query);
  }

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    return this.expect401(fetch(this.link(path, query)).then((r) => answer<T>(r)));
  }

  async send<T>(method: 'PATCH' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const request = fetch(this.link(path), {
      method,
      headers: { 'content-type': 'application/json', 'x-heard-csrf': this.csrf },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return this.expect401(request.then((r) => answer<T>(r)));
  }

  private async expect401<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.onSignedOut();
      throw error;
    }
  }
}
