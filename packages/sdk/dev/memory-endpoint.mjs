import { MemoryCollector } from '../dist/memory.js';

/**
 * An in-memory endpoint that speaks Heard's protocol, for the SDK's browser tests and its
 * demo page. It is a stand-in for a collector, not one: it keeps events in memory, answers
 * reads from what it received, and can be told to fail (abort, hang, any status, chaos) so
 * tests can prove that delivery survives it.
 *
 * The protocol's answers come from the SDK's MemoryCollector (built by `tsc -b`); this file
 * adds the HTTP side and the failures.
 *
 * Routes, under `/__heard/<name>` (each test uses its own name):
 *   POST /v1/events, GET /v1/polls/:id/results, GET /v1/boards/:id/ideas[/similar],
 *   GET /v1/betas/:id/signups/:code   — the protocol;
 *   POST /control  { script?: Step[], chaos?: { seed, failRate }, reset?: true }
 *   GET  /control  — what was received: { requests, received: id[], accepted: {id: n} }.
 * A Step is "ok", "abort", "hang:<ms>" (answer late), "status:<code>[:<Retry-After, URI-encoded>]",
 * "reject:<code>" (a 400 error body).
 */

const endpoints = new Map();

const state = (name) => {
  let endpoint = endpoints.get(name);
  if (!endpoint) {
    endpoint = {
      script: [],
      chaos: null,
      requests: 0,
      received: [],
      log: [],
      collector: new MemoryCollector(),
      failures: 0,
    };
    endpoints.set(name, endpoint);
  }
  return endpoint;
};

/** A small seeded generator (mulberry32), so a chaos run can be repeated. */
const seeded = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const CHAOS = ['abort', 'status:500', 'status:503:1', 'status:429:0', 'status:408', 'hang:400'];

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const send = (res, status, body, headers = {}) => {
  if (res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
    'access-control-expose-headers': 'retry-after',
    ...headers,
  });
  res.end(body === undefined ? '' : JSON.stringify(body));
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const nextStep = (endpoint) => {
  if (endpoint.script.length) return endpoint.script.shift();
  if (endpoint.chaos && endpoint.chaos.random() < endpoint.chaos.failRate) {
    return CHAOS[Math.floor(endpoint.chaos.random() * CHAOS.length)];
  }
  return 'ok';
};

const handleEvents = async (endpoint, req, res) => {
  endpoint.requests++;
  const text = await readBody(req);
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return send(res, 400, { code: 'invalid_json', message: 'The body is not JSON' });
  }
  const events = Array.isArray(body?.events) ? body.events : [body];
  for (const event of events) {
    if (typeof event?.id === 'string') {
      endpoint.received.push(event.id);
      endpoint.log.push({ id: event.id, at: Date.now() });
    }
  }

  const step = nextStep(endpoint);
  const [kind, a, b] = step.split(':');
  if (kind !== 'ok') endpoint.failures++;
  if (kind === 'abort') {
    req.socket.destroy();
    return;
  }
  if (kind === 'status')
    return send(
      res,
      Number(a),
      { code: 'scripted', message: step },
      b === undefined ? {} : { 'retry-after': decodeURIComponent(b) },
    );
  if (kind === 'reject')
    return send(res, 400, {
      code: a,
      message: 'Scripted rejection',
      issues: [{ path: 'data', code: a, message: 'Scripted' }],
    });
  if (kind === 'hang') await sleep(Number(a));
  const answer = endpoint.collector.handle('POST', '/v1/events', text);
  send(res, answer.status, answer.body);
};

/** Starts an endpoint with data already in it (for the demo): votes, closed polls, ideas. */
export const seed = (name, data) => {
  endpoints.delete(name);
  state(name).collector = new MemoryCollector(data);
};

/** Handles a Node request if it is for the endpoint; resolves false otherwise. */
export const handle = async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const match = /^\/__heard\/([\w-]+)(\/.*)$/.exec(url.pathname);
  if (!match) return false;
  const [, name, route] = match;
  const endpoint = state(name);
  if (req.method === 'OPTIONS') {
    send(res, 204);
    return true;
  }
  if (route === '/control' && req.method === 'POST') {
    const body = JSON.parse((await readBody(req)) || '{}');
    if (body.reset) endpoints.delete(name);
    const fresh = state(name);
    if (body.script) fresh.script.push(...body.script);
    if (body.chaos) fresh.chaos = { random: seeded(body.chaos.seed), failRate: body.chaos.failRate };
    send(res, 200, { ok: true });
    return true;
  }
  if (route === '/control') {
    send(res, 200, {
      requests: endpoint.requests,
      failures: endpoint.failures,
      received: endpoint.received,
      log: endpoint.log,
      stored: [...endpoint.collector.events.keys()],
      events: [...endpoint.collector.events.values()],
    });
    return true;
  }
  if (route === '/v1/events' && req.method === 'POST') {
    await handleEvents(endpoint, req, res);
    return true;
  }
  const step = endpoint.script[0]?.startsWith('read-') ? endpoint.script.shift() : undefined;
  if (step === 'read-hang') await sleep(60_000);
  if (step === 'read-garbage') send(res, 200, { poll: 'x', total: 'many' });
  else if (step === 'read-404') send(res, 404, { code: 'not_found', message: 'No such route' });
  else {
    const answer = endpoint.collector.handle(req.method, route + url.search);
    send(res, answer.status, answer.body);
  }
  return true;
};
