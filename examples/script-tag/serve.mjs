/**
 * Serves the script-tag example as a site would: the page, Heard's CDN files under /heard/,
 * and the collector under /collector (same origin, so the page's CSP needs only 'self').
 * The collector keeps its data in `.heard/script-tag.db` at the repository's root.
 *
 *   pnpm --filter @heard/example-script-tag start     →  http://127.0.0.1:5174/
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@heard/server';

const here = fileURLToPath(new URL('.', import.meta.url));
const cdn = fileURLToPath(new URL('../../packages/elements/dist/cdn/', import.meta.url));
const data = fileURLToPath(new URL('../../.heard/', import.meta.url));
const PORT = Number(process.env.PORT ?? 5174);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

mkdirSync(data, { recursive: true });
const collector = await startServer({
  port: 0,
  host: '127.0.0.1',
  storage: join(data, 'script-tag.db'),
  origins: [`http://127.0.0.1:${PORT}`],
  writesPerMinute: 600,
  readsPerMinute: 3_000,
  minFillMs: 1_500,
  trustProxy: false,
});

const site = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/collector/')) {
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
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
    return;
  }
  const [root, path] = url.pathname.startsWith('/heard/')
    ? [cdn, url.pathname.slice('/heard/'.length)]
    : [here, url.pathname === '/' ? 'index.html' : url.pathname.slice(1)];
  const file = normalize(join(root, path));
  try {
    if (!file.startsWith(root)) throw new Error('outside');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  } catch {
    res.writeHead(404).end('Not found');
  }
});
site.listen(PORT, '127.0.0.1', () => {
  console.log(
    `Script-tag example: http://127.0.0.1:${PORT}/ (collector ${collector.url}, ${collector.storage.description})`,
  );
});
const stop = () => site.close(() => void collector.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
