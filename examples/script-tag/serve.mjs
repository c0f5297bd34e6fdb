/**
 * Serves the script-tag example as a site would: the page, Heard's CDN files under /heard/,
 * and the collector under /collector (same origin, so the page's CSP needs only 'self').
 * The collector keeps its data in `.heard/script-tag.db` at the repository's root
 * (`HEARD_STORAGE` names another file). A missing file or a bad request is answered 404 or
 * 400, never served from outside the page's files or the CDN build.
 *
 *   pnpm --filter @heard/example-script-tag start     →  http://127.0.0.1:5174/
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@heard/server';

const here = fileURLToPath(new URL('.', import.meta.url));
const cdn = fileURLToPath(new URL('../../packages/elements/dist/cdn/', import.meta.url));
const storage = process.env.HEARD_STORAGE || fileURLToPath(new URL('../../.heard/script-tag.db', import.meta.url));
const PORT = Number(process.env.PORT ?? 5174);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
// The site is the page and its stylesheet: not this script, its package.json or node_modules.
const PAGE = new Set(readdirSync(here).filter((name) => ['.html', '.css'].includes(extname(name))));

/** The file a path names under `root`, or undefined when it names none (or one outside `root`). */
const fileUnder = async (root, path) => {
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return undefined;
  try {
    // A symbolic link may point anywhere: what counts is where the file really is.
    const real = await realpath(file);
    return real.startsWith((await realpath(root)) + sep) ? real : undefined;
  } catch {
    return undefined;
  }
};

const notFound = (res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');

if (!existsSync(join(cdn, 'heard.js')))
  console.warn(`No ${cdn}heard.js: run \`pnpm build\` at the repository's root first.`);
mkdirSync(dirname(storage), { recursive: true });
const collector = await startServer({
  port: 0,
  host: '127.0.0.1',
  storage,
  origins: [`http://127.0.0.1:${PORT}`],
  writesPerMinute: 600,
  readsPerMinute: 3_000,
  minFillMs: 1_500,
  trustProxy: false,
});

const proxy = async (req, res, url) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = req.method === 'POST' ? Buffer.concat(chunks) : undefined;
  const answer = await fetch(collector.url + url.pathname.slice('/collector'.length) + url.search, {
    method: req.method,
    headers: {
      'content-type': req.headers['content-type'] ?? 'application/json',
      origin: `http://127.0.0.1:${PORT}`,
    },
    ...(body ? { body } : {}),
  });
  const bytes = Buffer.from(await answer.arrayBuffer());
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  res.end(bytes);
};

const serveFile = async (res, url) => {
  let path;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
    return;
  }
  if (path.includes('\0')) return notFound(res);
  let file;
  if (path.startsWith('/heard/')) file = await fileUnder(cdn, path.slice('/heard/'.length));
  else if (path === '/') file = join(here, 'index.html');
  else if (PAGE.has(path.slice(1))) file = join(here, path.slice(1));
  if (!file) return notFound(res);
  let content;
  try {
    content = await readFile(file);
  } catch {
    return notFound(res);
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(content);
};

const site = createServer((req, res) => {
  let url;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
    return;
  }
  const answer = url.pathname.startsWith('/collector/') ? proxy(req, res, url) : serveFile(res, url);
  answer.catch((error) => {
    console.error(`${req.method} ${req.url}:`, error);
    if (res.headersSent) res.destroy();
    else res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad gateway');
  });
});
site.listen(PORT, '127.0.0.1', () => {
  console.log(
    `Script-tag example: http://127.0.0.1:${PORT}/ (collector ${collector.url}, ${collector.storage.description})`,
  );
});
const stop = () => site.close(() => void collector.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
