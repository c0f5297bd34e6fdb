/**
 * Collector load benchmark: writes per second and latency of `POST /v1/events` on SQLite,
 * next to a bare Node HTTP server answering 204, measured in the same run on loopback. Each
 * server runs in its own process; autocannon drives them from this one. Every request is a
 * new vote from a new person (a real insert, never a duplicate); then the poll's results are
 * read, as every page that shows the poll does.
 *
 *   pnpm bench:collector [--seconds 10] [--connections 10]
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const serverBin = new URL('../packages/server/bin/heard-server.js', import.meta.url).pathname;

const BARE = `
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.statusCode = 204; res.end(); });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

const startProcess = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found) resolve({ child, url: found[1] });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });

const vote = () =>
  JSON.stringify({
    v: 1,
    id: randomUUID(),
    type: 'poll.vote',
    widget: 'bench-poll',
    at: new Date().toISOString(),
    subject: { anonymousId: randomUUID().replaceAll('-', '') },
    context: { locale: 'en', page: '/bench', sdk: 'heard/0.1.0' },
    data: { options: [`option-${Math.floor(Math.random() * 5)}`] },
  });

const load = (url, path) =>
  autocannon({
    url: `${url}${path}`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: vote() }) }],
  });

const row = (name, result) => ({
  name,
  'requests/s': Math.round(result.requests.average),
  'p50 ms': result.latency.p50,
  'p99 ms': result.latency.p99,
  '2xx': result['2xx'],
  errors: result.errors + result.non2xx,
});

const bare = await startProcess(['-e', BARE]);
const storage = join(mkdtempSync(join(tmpdir(), 'heard-bench-')), 'heard.db');
const heard = await startProcess([
  serverBin,
  '--port',
  '0',
  '--storage',
  storage,
  '--writes-per-minute',
  '0',
  '--reads-per-minute',
  '0',
]);
try {
  // A short warm-up of each, then the measured runs, baseline first.
  await autocannon({ url: bare.url, duration: 1, connections });
  await load(heard.url, '/v1/events');
  const baseline = row('bare Node http, 204', await load(bare.url, '/'));
  const collector = row('heard-server POST /v1/events, SQLite', await load(heard.url, '/v1/events'));
  const reads = row(
    'heard-server GET poll results, SQLite',
    await autocannon({ url: `${heard.url}/v1/polls/bench-poll/results`, connections, duration: seconds }),
  );
  console.table([baseline, collector, reads]);
  console.log(
    `writes: ${(collector['requests/s'] / baseline['requests/s']).toFixed(2)}× the bare server's requests/s, ` +
      `p99 ${(collector['p99 ms'] / Math.max(baseline['p99 ms'], 1)).toFixed(1)}× its p99 ` +
      `(${connections} connections, ${seconds} s each, storage ${storage})`,
  );
  console.log(
    `reads: ${(reads['requests/s'] / baseline['requests/s']).toFixed(2)}× the bare server's requests/s, ` +
      `on a poll of ${collector['2xx'] + 1} votes or more`,
  );
} finally {
  bare.child.kill();
  heard.child.kill('SIGTERM');
}
