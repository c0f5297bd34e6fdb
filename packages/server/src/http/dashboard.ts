/**
 * The dashboard's own routes: its page and assets (the `@heard/dashboard` build, read once),
 * and signing in and out. The page is served under a strict Content Security Policy: scripts
 * and styles from this origin only, Trusted Types required, no framing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { ERROR_CODES } from '@heard/protocol';
import { Hono, type Context } from 'hono';
import { z } from 'zod/mini';
import { jsonBody } from './body.js';
import { problem, setHeader } from './problem.js';
import type { Buckets } from './rate-limit.js';
import { CSRF_HEADER, sameToken, type Sessions } from './session.js';

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** Sign-in attempts per client address per minute. */
export const SIGN_INS_PER_MINUTE = 10;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

interface Asset {
  body: Uint8Array;
  type: string;
  /** The same bytes compressed at build (`name.br`, `name.gz` beside the file), by coding. */
  encoded: Map<Coding, Uint8Array>;
}

/** The codings a file may be sent in, best first. */
const CODINGS = ['br', 'gzip'] as const;
type Coding = (typeof CODINGS)[number];
const SUFFIX: Record<Coding, string> = { br: '.br', gzip: '.gz' };

/**
 * The best coding both the browser takes (`Accept-Encoding`, a coding with `q=0` refused) and
 * the file has; undefined for the bytes as they are.
 */
const codingFor = (accept: string | undefined, asset: Asset): Coding | undefined => {
  const taken = new Map<string, number>();
  for (const entry of (accept ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim());
    const q = params.find((param) => param.startsWith('q='));
    if (name) taken.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  return CODINGS.find((coding) => asset.encoded.has(coding) && (taken.get(coding) ?? taken.get('*') ?? 0) > 0);
};

/** Where the dashboard's build is: `@heard/dashboard`'s `dist/`, if it is installed and built. */
export const dashboardDir = (): string | undefined => {
  try {
    const manifest = createRequire(import.meta.url).resolve('@heard/dashboard/package.json');
    const dir = join(dirname(manifest), 'dist');
    return statSync(join(dir, 'index.html')).isFile() ? dir : undefined;
  } catch {
    return undefined;
  }
};

const readAssets = (dir: string): Map<string, Asset> => {
  const assets = new Map<string, Asset>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (TYPES[extname(entry.name)]) {
        const type = TYPES[extname(entry.name)] ?? 'application/octet-stream';
        const encoded = new Map<Coding, Uint8Array>();
        for (const coding of CODINGS) {
          const file = `${path}${SUFFIX[coding]}`;
          if (existsSync(file)) encoded.set(coding, readFileSync(file));
        }
        assets.set(relative(dir, path).split(sep).join('/'), { body: readFileSync(path), type, encoded });
      }
    }
  };
  walk(dir);
  return assets;
};

const signInBody = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(1_000)) });

export const dashboardRoutes = (options: {
  dir: string | undefined;
  token: string | undefined;
  sessions: Sessions;
  clientOf: (c: Context) => string;
  /** Sign-in attempts, {@link SIGN_INS_PER_MINUTE} per client address. */
  signIns: Buckets;
}) => {
  const { sessions, token } = options;
  const dashboard = new Hono();
  const assets = options.dir ? readAssets(options.dir) : new Map<string, Asset>();
  const { signIns } = options;

  dashboard.use(async (c, next) => {
    await next();
    setHeader(c, 'Content-Security-Policy', DASHBOARD_CSP);
    setHeader(c, 'X-Content-Type-Options', 'nosniff');
    setHeader(c, 'Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Cache-Control')) setHeader(c, 'Cache-Control', 'no-store');
  });

  const session = (c: Context, open: { csrf: string; expiresAt: number }) =>
    c.json({ csrf: open.csrf, expiresAt: new Date(open.expiresAt).toISOString() });

  dashboard.get('/session', async (c) => {
    const open = await sessions.of(c, Date.now());
    return open ? session(c, open) : problem(c, 401, ERROR_CODES.unauthorized, 'Not signed in');
  });

  dashboard.post('/session', async (c) => {
    if (!token) {
      return problem(c, 401, ERROR_CODES.unauthorized, 'The dashboard is off: start the collector with an admin token');
    }
    const wait = await signIns.take(options.clientOf(c), Date.now());
    if (wait) {
      return problem(c, 429, ERROR_CODES.rateLimited, 'Too many sign-in attempts; wait a minute', undefined, {
        'Retry-After': String(Math.ceil(wait / 1000)),
      });
    }
    const body = await jsonBody(c, signInBody);
    if (!body.ok) return body.response;
    if (!sameToken(body.value.token, token)) {
      return problem(c, 401, ERROR_CODES.unauthorized, 'That is not the admin token', [
        { path: 'token', code: 'custom', message: 'Not the admin token' },
      ]);
    }
    return session(c, await sessions.open(c, Date.now()));
  });

  dashboard.delete('/session', async (c) => {
    const open = await sessions.of(c, Date.now());
    const csrf = c.req.header(CSRF_HEADER);
    if (open && (!csrf || !sameToken(csrf, open.csrf))) {
      return problem(c, 403, ERROR_CODES.forbidden, `Signing out needs the session's ${CSRF_HEADER} header`);
    }
    await sessions.close(c);
    return c.body(null, 204);
  });

  const serve = (c: Context, path: string) => {
    const asset = assets.get(path);
    if (!asset) {
      return problem(
        c,
        404,
        ERROR_CODES.notFound,
        assets.size ? `No dashboard file ${path}` : 'The dashboard is not built: run `pnpm build`',
      );
    }
    // Vite names assets by their content: they never change under one name.
    const immutable = path.startsWith('assets/');
    const coding = codingFor(c.req.header('accept-encoding'), asset);
    const body = (coding && asset.encoded.get(coding)) || asset.body;
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': asset.type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
      ...(coding ? { 'Content-Encoding': coding } : {}),
    });
  };

  dashboard.get('/*', (c) => serve(c, c.req.path.replace(/^\/dashboard\/?/, '') || 'index.html'));
  return dashboard;
};
