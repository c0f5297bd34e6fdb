/**
 * The admin API, under `/v1/admin`, behind a bearer token: what a product team does with what
 * it heard. Status changes and merges are what voters see next; exports stream any widget's
 * events as CSV or NDJSON, a page of rows at a time.
 */
import {
  ERROR_CODES,
  EVENT_TYPES,
  IDEA_STATUSES,
  ISO_TIME,
  LINE_TEXT,
  NPS_CATEGORIES,
  type DefinitionVersion,
  type PollDefinition,
  type WidgetDefinitions,
} from '@heard/protocol';
import { Hono, type Context } from 'hono';
import { z } from 'zod/mini';
import type { Dialect, Storage } from '../db/connect.js';
import {
  adminLog,
  eventsPage,
  mergeIdeas,
  setIdeaStatus,
  setPollClosed,
  setSignupStatus,
  widgets,
  type Change,
} from '../store/admin.js';
import {
  betaQueue,
  betaSummary,
  boardSummary,
  npsComments,
  npsSummary,
  pollSummary,
  type Period,
  type Range,
} from '../store/insights.js';
import { betaStatus } from '../store/read.js';
import { definitionVersions, latestOf } from '../store/definitions.js';
import { toCsv, toNdjson, labelsFor, CSV_HEADER } from './export.js';
import { parse, paths, widgetId } from './params.js';
import { jsonBody } from './body.js';
import { problem } from './problem.js';
import { CSRF_HEADER, sameToken, type Sessions } from './session.js';
import { webhookRoutes } from './webhooks.js';

/** A public note shown to voters under a status, such as why an idea was declined. */
export const STATUS_NOTE_MAX = 280;

const statusBody = z.strictObject({
  status: z.enum(IDEA_STATUSES),
  note: z.optional(z.nullable(z.string().check(z.maxLength(STATUS_NOTE_MAX), z.regex(LINE_TEXT)))),
});
const mergeBody = z.strictObject({ into: widgetId });
const pollBody = z.strictObject({ closed: z.boolean() });
const signupBody = z.strictObject({ status: z.enum(['waiting', 'invited']) });

const EXPORT_PAGE = 1_000;

const isoTime = z.string().check(z.regex(ISO_TIME));
/** `from` (inclusive) and `to` (exclusive) as ISO times. */
const rangeQuery = z.object({ from: z.optional(isoTime), to: z.optional(isoTime) });
const summaryQuery = z.object({ ...rangeQuery.shape, by: z._default(z.enum(['week', 'month']), 'week') });
const utc = (time: string | undefined) => (time === undefined ? undefined : new Date(time).toISOString());
const pageQuery = {
  offset: z._default(z.pipe(z.string().check(z.regex(/^\d{1,9}$/)), z.transform(Number)), 0),
  limit: z._default(
    z
      .pipe(z.string().check(z.regex(/^\d{1,3}$/)), z.transform(Number))
      .check(z.refine((n: number) => n >= 1 && n <= 200, 'limit is 1 to 200')),
    50,
  ),
};
const pagedQuery = z.object(pageQuery);
const definitionQuery = z.object({ type: z.optional(z.enum(EVENT_TYPES)) });
const exportQuery = z.object({ ...rangeQuery.shape, format: z._default(z.enum(['csv', 'ndjson']), 'ndjson') });
const commentsQuery = z.object({
  ...rangeQuery.shape,
  ...pageQuery,
  category: z.optional(z.enum(NPS_CATEGORIES)),
  q: z.optional(z.string().check(z.maxLength(200))),
});
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const adminRoutes = (storage: Storage, token: string | undefined, sessions: Sessions, now: () => Date) => {
  // Whether the request came from a dashboard session or with the token: the log says so.
  const admin = new Hono<{ Variables: { via: Change['via'] } }>();
  const change = (c: Context<{ Variables: { via: Change['via'] } }>): Change => ({ via: c.get('via'), now: now() });
  const { db } = storage;

  admin.use(async (c, next) => {
    if (!token) {
      return problem(c, 401, ERROR_CODES.unauthorized, 'The admin API is off: start the collector with an admin token');
    }
    const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const session = given === undefined ? await sessions.of(c, Date.now()) : undefined;
    if (session && !SAFE_METHODS.has(c.req.method)) {
      const csrf = c.req.header(CSRF_HEADER);
      if (!csrf || !sameToken(csrf, session.csrf)) {
        return problem(c, 403, ERROR_CODES.forbidden, `A dashboard write needs the session's ${CSRF_HEADER} header`);
      }
    }
    if (!session && (!given || !sameToken(given, token))) {
      return problem(c, 401, ERROR_CODES.unauthorized, 'A valid admin token is required', undefined, {
        'WWW-Authenticate': 'Bearer realm="heard-admin"',
      });
    }
    c.set('via', session ? 'dashboard' : 'api');
    c.header('Cache-Control', 'no-store');
    return next();
  });

  admin.route('/webhooks', webhookRoutes(storage, now));

  admin.get('/widgets', async (c) => {
    const rows = await widgets(db);
    return c.json({ widgets: rows.map((row) => ({ ...row, events: Number(row.events) })) });
  });

  admin.patch('/boards/:board/ideas/:idea', async (c) => {
    const path = parse(c, paths.idea, c.req.param());
    if (!path.ok) return path.response;
    const body = await jsonBody(c, statusBody);
    if (!body.ok) return body.response;
    const { board, idea } = path.value;
    const note = body.value.note?.trim() || null;
    const updated = await setIdeaStatus(db, board, idea, body.value.status, note, change(c));
    return updated
      ? c.json(updated)
      : problem(c, 404, ERROR_CODES.notFound, `No idea "${idea}" on the board "${board}"`);
  });

  admin.post('/boards/:board/ideas/:idea/merge', async (c) => {
    const path = parse(c, paths.idea, c.req.param());
    if (!path.ok) return path.response;
    const body = await jsonBody(c, mergeBody);
    if (!body.ok) return body.response;
    const { board, idea } = path.value;
    const merged = await mergeIdeas(storage, board, idea, body.value.into, change(c));
    if (merged === 'same') {
      return problem(c, 400, ERROR_CODES.invalidBody, 'An idea cannot be merged into itself', [
        { path: 'into', code: 'custom', message: 'Name another idea' },
      ]);
    }
    if (merged === 'missing-from') return problem(c, 404, ERROR_CODES.notFound, `No idea "${idea}" on "${board}"`);
    if (merged === 'missing-into') {
      return problem(c, 404, ERROR_CODES.notFound, `No idea "${body.value.into}" on "${board}"`, [
        { path: 'into', code: 'not_found', message: 'No such idea on this board' },
      ]);
    }
    return c.json(merged);
  });

  admin.patch('/polls/:poll', async (c) => {
    const path = parse(c, paths.poll, c.req.param());
    if (!path.ok) return path.response;
    const body = await jsonBody(c, pollBody);
    if (!body.ok) return body.response;
    await setPollClosed(db, path.value.poll, body.value.closed, change(c));
    return c.json({ poll: path.value.poll, closed: body.value.closed });
  });

  admin.patch('/betas/:program/signups/:code', async (c) => {
    const path = parse(c, paths.signup, c.req.param());
    if (!path.ok) return path.response;
    const body = await jsonBody(c, signupBody);
    if (!body.ok) return body.response;
    const { program, code } = path.value;
    if (!(await setSignupStatus(db, program, code, body.value.status, change(c)))) {
      return problem(c, 404, ERROR_CODES.notFound, `No sign-up "${code}" in "${program}"`);
    }
    return c.json(await betaStatus(db, program, code));
  });

  const summaries = {
    nps: npsSummary,
    polls: pollSummary,
    betas: betaSummary,
    boards: boardSummary,
  } satisfies Record<
    string,
    (db: typeof storage.db, id: string, range: Range, by: Period, dialect: Dialect) => Promise<unknown>
  >;
  for (const [kind, summarize] of Object.entries(summaries)) {
    admin.get(`/${kind}/:id/summary`, async (c) => {
      const path = parse(c, paths.id, c.req.param());
      if (!path.ok) return path.response;
      const query = parse(c, summaryQuery, c.req.query());
      if (!query.ok) return query.response;
      const { from, to, by } = query.value;
      return c.json(await summarize(db, path.value.id, { from: utc(from), to: utc(to) }, by, storage.dialect));
    });
  }

  admin.get('/nps/:id/comments', async (c) => {
    const path = parse(c, paths.id, c.req.param());
    if (!path.ok) return path.response;
    const query = parse(c, commentsQuery, c.req.query());
    if (!query.ok) return query.response;
    const { from, to, ...rest } = query.value;
    return c.json(await npsComments(db, storage.dialect, path.value.id, { ...rest, from: utc(from), to: utc(to) }));
  });

  admin.get('/betas/:id/signups', async (c) => {
    const path = parse(c, paths.id, c.req.param());
    if (!path.ok) return path.response;
    const query = parse(c, pagedQuery, c.req.query());
    if (!query.ok) return query.response;
    return c.json(await betaQueue(db, path.value.id, query.value));
  });

  admin.get('/widgets/:widget/log', async (c) => {
    const path = parse(c, paths.widget, c.req.param());
    if (!path.ok) return path.response;
    const query = parse(c, pagedQuery, c.req.query());
    if (!query.ok) return query.response;
    return c.json(await adminLog(db, path.value.widget, query.value));
  });

  // What the widget looked like to the people who answered: its latest definition and every version.
  admin.get('/widgets/:widget/definition', async (c) => {
    const path = parse(c, paths.widget, c.req.param());
    if (!path.ok) return path.response;
    const query = parse(c, definitionQuery, c.req.query());
    if (!query.ok) return query.response;
    const { widget } = path.value;
    const types: WidgetDefinitions['types'] = [];
    for (const { type, ...version } of await definitionVersions(db, widget, query.value.type)) {
      const last = types.at(-1);
      if (last?.type === type) last.history.push(version);
      else types.push({ type, latest: version, history: [version] });
    }
    for (const entry of types) entry.latest = latestOf(entry.history) ?? entry.latest;
    return c.json({ widget, types } satisfies WidgetDefinitions);
  });

  admin.get('/widgets/:widget/export', async (c) => {
    const path = parse(c, paths.widget, c.req.param());
    if (!path.ok) return path.response;
    const query = parse(c, exportQuery, c.req.query());
    if (!query.ok) return query.response;
    const { widget } = path.value;
    const range = { from: utc(query.value.from), to: utc(query.value.to) };
    const csv = query.value.format === 'csv';
    const encoder = new TextEncoder();
    // Labels as they were when each vote arrived, beside the ids.
    const versions = await definitionVersions(db, widget, 'poll.vote');
    const labelled = labelsFor(versions as DefinitionVersion<PollDefinition>[]);
    let after: Parameters<typeof eventsPage>[2] = null;
    let first = true;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const rows = await eventsPage(db, widget, after, EXPORT_PAGE, range);
        const head = first && csv ? CSV_HEADER : '';
        first = false;
        const line = (row: (typeof rows)[number]) => (csv ? toCsv : toNdjson)(row, labelled(row));
        if (rows.length) controller.enqueue(encoder.encode(head + rows.map(line).join('')));
        else if (head) controller.enqueue(encoder.encode(head));
        if (rows.length < EXPORT_PAGE) controller.close();
        else after = rows[rows.length - 1] ?? null;
      },
    });
    return c.body(stream, 200, {
      'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${widget}.${csv ? 'csv' : 'ndjson'}"`,
    });
  });

  return admin;
};
