/**
 * The webhooks a team registers, under `/v1/admin/webhooks` (behind the admin API's token or
 * session): list, add (its signing secret is shown once, then never again), change, remove,
 * and the recent deliveries of one with each one's last answer.
 */
import { randomBytes } from 'node:crypto';
import { ERROR_CODES } from '@heard/protocol';
import { Hono, type Context, type Env } from 'hono';
import { z } from 'zod/mini';
import type { Storage } from '../db/connect.js';
import { newSecret } from '../webhooks/deliver.js';
import { WEBHOOK_EVENTS } from '../webhooks/outbox.js';
import { jsonBody } from './body.js';
import { parse } from './params.js';
import { problem } from './problem.js';

const webUrl = z.string().check(
  z.maxLength(2_000),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an http(s) URL without credentials'),
);
const events = z.array(z.enum(WEBHOOK_EVENTS)).check(z.minLength(1), z.maxLength(WEBHOOK_EVENTS.length));
const format = z.enum(['standard', 'slack']);
const createBody = z.strictObject({
  url: webUrl,
  events,
  format: z._default(format, 'standard'),
  /** Whether it may receive personal data (a sign-up's e-mail address). */
  personal: z._default(z.boolean(), false),
});
const changeBody = z.strictObject({
  url: z.optional(webUrl),
  events: z.optional(events),
  format: z.optional(format),
  personal: z.optional(z.boolean()),
  active: z.optional(z.boolean()),
});
const idPath = z.object({ id: z.string().check(z.regex(/^wh_[A-Za-z0-9_-]{8,32}$/)) });

const framed = (kinds: readonly string[]) => `,${[...new Set(kinds)].join(',')},`;

interface Row {
  id: string;
  url: string;
  events: string;
  format: string;
  personal: number;
  active: number;
  created_at: string;
}
const shown = (row: Row) => ({
  id: row.id,
  url: row.url,
  events: row.events.split(',').filter(Boolean),
  format: row.format,
  personal: row.personal === 1,
  active: row.active === 1,
  createdAt: row.created_at,
});

export const webhookRoutes = <E extends Env>(storage: Storage, now: () => Date) => {
  const routes = new Hono<E>();
  const { db } = storage;
  const columns = ['id', 'url', 'events', 'format', 'personal', 'active', 'created_at'] as const;
  const notFound = (c: Context, id: string) => problem(c, 404, ERROR_CODES.notFound, `No webhook "${id}"`);

  routes.get('/', async (c) => {
    const rows = await db.selectFrom('webhooks').select(columns).orderBy('created_at').orderBy('id').execute();
    const pending = await db
      .selectFrom('webhook_deliveries')
      .select(['webhook_id', (eb) => eb.fn.countAll<number>().as('pending')])
      .where('delivered_at', 'is', null)
      .where('failed_at', 'is', null)
      .groupBy('webhook_id')
      .execute();
    const waiting = new Map(pending.map((row) => [row.webhook_id, Number(row.pending)]));
    return c.json({ webhooks: rows.map((row) => ({ ...shown(row), pending: waiting.get(row.id) ?? 0 })) });
  });

  routes.post('/', async (c) => {
    const body = await jsonBody(c, createBody);
    if (!body.ok) return body.response;
    const row = {
      id: `wh_${randomBytes(12).toString('base64url')}`,
      url: body.value.url,
      events: framed(body.value.events),
      format: body.value.format,
      personal: body.value.personal ? 1 : 0,
      secret: newSecret(),
      active: 1,
      created_at: now().toISOString(),
    };
    await db.insertInto('webhooks').values(row).execute();
    // The secret is shown once: a receiver keeps it to check each delivery's signature.
    return c.json({ ...shown(row), secret: row.secret }, 201);
  });

  routes.patch('/:id', async (c) => {
    const path = parse(c, idPath, c.req.param());
    if (!path.ok) return path.response;
    const body = await jsonBody(c, changeBody);
    if (!body.ok) return body.response;
    const { url, events: kinds, format: chosen, personal, active } = body.value;
    const set = {
      ...(url === undefined ? {} : { url }),
      ...(kinds === undefined ? {} : { events: framed(kinds) }),
      ...(chosen === undefined ? {} : { format: chosen }),
      ...(personal === undefined ? {} : { personal: personal ? 1 : 0 }),
      ...(active === undefined ? {} : { active: active ? 1 : 0 }),
    };
    if (Object.keys(set).length) await db.updateTable('webhooks').set(set).where('id', '=', path.value.id).execute();
    const row = await db.selectFrom('webhooks').select(columns).where('id', '=', path.value.id).executeTakeFirst();
    return row ? c.json(shown(row)) : notFound(c, path.value.id);
  });

  routes.delete('/:id', async (c) => {
    const path = parse(c, idPath, c.req.param());
    if (!path.ok) return path.response;
    const removed = await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', path.value.id).execute();
      return trx.deleteFrom('webhooks').where('id', '=', path.value.id).executeTakeFirst();
    });
    return Number(removed.numDeletedRows) ? c.body(null, 204) : notFound(c, path.value.id);
  });

  routes.get('/:id/deliveries', async (c) => {
    const path = parse(c, idPath, c.req.param());
    if (!path.ok) return path.response;
    const known = await db.selectFrom('webhooks').select('id').where('id', '=', path.value.id).executeTakeFirst();
    if (!known) return notFound(c, path.value.id);
    const rows = await db
      .selectFrom('webhook_deliveries')
      .select([
        'id',
        'kind',
        'widget',
        'created_at',
        'attempts',
        'last_status',
        'last_error',
        'last_attempt_at',
        'next_attempt_at',
        'delivered_at',
        'failed_at',
      ])
      .where('webhook_id', '=', path.value.id)
      .orderBy('seq', 'desc')
      .limit(50)
      .execute();
    return c.json({
      deliveries: rows.map((row) => ({
        id: row.id,
        event: row.kind,
        widget: row.widget,
        at: row.created_at,
        attempts: row.attempts,
        state: row.delivered_at ? 'delivered' : row.failed_at ? 'failed' : 'pending',
        lastStatus: row.last_status,
        lastError: row.last_error,
        lastAttemptAt: row.last_attempt_at,
        nextAttemptAt: row.delivered_at || row.failed_at ? null : row.next_attempt_at,
      })),
    });
  });

  return routes;
};
