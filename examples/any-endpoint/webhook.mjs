/**
 * A webhook receiver that knows nothing of Heard: it takes `{ kind, ... }` JSON at
 * POST /hooks/feedback, keeps it in memory, lists it at GET /hooks/feedback, and serves the
 * built page. `pnpm --filter @heard/example-any-endpoint start` → http://127.0.0.1:5176/
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('./dist/', import.meta.url));
const received = [];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/hooks/feedback') {
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      received.push(JSON.parse(body));
      console.log('webhook received', body);
      res.writeHead(204).end();
    } else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
    return;
  }
  const file = normalize(join(dist, url.pathname === '/' ? 'index.html' : url.pathname.slice(1)));
  try {
    if (!file.startsWith(dist)) throw new Error('outside');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  } catch {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  }
}).listen(5176, '127.0.0.1', () => console.log('Any-endpoint example: http://127.0.0.1:5176/'));
