/**
 * An in-memory endpoint that speaks Heard's protocol, for the SDK's browser tests and its
 * demo page. It is a stand-in for a collector, not one: it keeps events in memory, answers
 * reads from what it received, and can be told to fail (abort, hang, any status, chaos) so
 * tests can prove that delivery survives it.
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
    endpoint = { script: [], chaos: null, requests: 0, received: [], log: [], events: new Map(), failures: 0 };
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

const acceptEvents = (endpoint, events) => {
  const answer = { accepted: [], duplicates: [], rejected: [] };
  events.forEach((event, index) => {
    if (typeof event?.id !== 'string') {
      answer.rejected.push({ id: null, index, code: 'invalid_body', message: 'No id' });
    } else if (endpoint.events.has(event.id)) {
      answer.duplicates.push(event.id);
    } else {
      endpoint.events.set(event.id, event);
      answer.accepted.push(event.id);
    }
  });
  return answer;
};

const pollResults = (endpoint, poll, subject) => {
  const votes = new Map();
  for (const event of endpoint.events.values()) {
    if (event.type === 'poll.vote' && event.widget === poll) votes.set(event.subject.anonymousId, event.data);
  }
  const counts = new Map();
  let other = 0;
  for (const vote of votes.values()) {
    for (const option of vote.options) counts.set(option, (counts.get(option) ?? 0) + 1);
    if (vote.other) other++;
  }
  const mine = votes.get(subject);
  return {
    poll,
    total: votes.size,
    options: [...counts].map(([id, n]) => ({ id, votes: n })),
    other,
    mine: mine ? { options: mine.options, ...(mine.other ? { other: mine.other } : {}) } : null,
    closed: false,
  };
};

const ideas = (endpoint, board, subject) => {
  const list = [];
  for (const event of endpoint.events.values()) {
    if (event.type !== 'idea.create' || event.widget !== board) continue;
    const id = event.id.slice(0, 8);
    const voters = new Set([event.subject.anonymousId]);
    for (const vote of endpoint.events.values()) {
      if (vote.widget !== board || vote.data?.idea !== id) continue;
      if (vote.type === 'idea.vote') voters.add(vote.subject.anonymousId);
      if (vote.type === 'idea.unvote') voters.delete(vote.subject.anonymousId);
    }
    list.push({
      id,
      title: event.data.title,
      description: event.data.description ?? null,
      status: 'open',
      statusNote: null,
      statusChangedAt: null,
      votes: voters.size,
      voted: voters.has(subject),
      createdAt: event.at,
    });
  }
  return list.sort((a, b) => b.votes - a.votes);
};

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
  send(res, 200, acceptEvents(endpoint, events));
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
    const accepted = {};
    for (const id of endpoint.received) accepted[id] = (accepted[id] ?? 0) + 1;
    send(res, 200, {
      requests: endpoint.requests,
      failures: endpoint.failures,
      received: endpoint.received,
      log: endpoint.log,
      stored: [...endpoint.events.keys()],
      events: [...endpoint.events.values()],
    });
    return true;
  }
  if (route === '/v1/events' && req.method === 'POST') {
    await handleEvents(endpoint, req, res);
    return true;
  }
  const subject = url.searchParams.get('subject');
  let m;
  if ((m = /^\/v1\/polls\/([^/]+)\/results$/.exec(route))) {
    const step = endpoint.script[0]?.startsWith('read-') ? endpoint.script.shift() : undefined;
    if (step === 'read-hang') await sleep(60_000);
    else if (step === 'read-garbage') send(res, 200, { poll: 'x', total: 'many' });
    else if (step === 'read-404') send(res, 404, { code: 'not_found', message: 'No such route' });
    else send(res, 200, pollResults(endpoint, decodeURIComponent(m[1]), subject));
    return true;
  }
  if ((m = /^\/v1\/boards\/([^/]+)\/ideas\/similar$/.exec(route))) {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const found = ideas(endpoint, decodeURIComponent(m[1]), subject).filter(
      (idea) => q && idea.title.toLowerCase().includes(q),
    );
    send(res, 200, {
      ideas: found.map(({ id, title, status, votes, voted }) => ({ id, title, status, votes, voted })),
    });
    return true;
  }
  if ((m = /^\/v1\/boards\/([^/]+)\/ideas$/.exec(route))) {
    send(res, 200, { ideas: ideas(endpoint, decodeURIComponent(m[1]), subject), nextCursor: null });
    return true;
  }
  if ((m = /^\/v1\/betas\/([^/]+)\/signups\/([^/]+)$/.exec(route))) {
    const program = decodeURIComponent(m[1]);
    const signups = [...endpoint.events.values()].filter((e) => e.type === 'beta.signup' && e.widget === program);
    const index = signups.findIndex((e) => e.data.code === m[2]);
    if (index < 0) send(res, 404, { code: 'not_found', message: 'No such sign-up' });
    else {
      const referrals = signups.filter((e) => e.data.referredBy === m[2]).length;
      send(res, 200, {
        program,
        position: index + 1,
        total: signups.length,
        referralCode: m[2],
        referrals,
        status: 'waiting',
      });
    }
    return true;
  }
  send(res, 404, { code: 'not_found', message: `No route ${req.method} ${route}` });
  return true;
};
