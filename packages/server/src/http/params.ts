/** Path and query parameters, checked with the protocol's own patterns; a bad one is a 400. */
import {
  ANONYMOUS_ID,
  ERROR_CODES,
  ID,
  IDEA_STATUSES,
  LIMITS,
  PLAIN_TEXT,
  REFERRAL_CODE,
  USER_SIGNATURE,
  issuesFromZod,
  type Issue,
} from '@heard/protocol';
import type { Context } from 'hono';
import { z } from 'zod/mini';
import { problem } from './problem.js';

const text = (pattern: RegExp, min: number, max: number) =>
  z.string().check(z.minLength(min), z.maxLength(max), z.regex(pattern));

export const widgetId = text(ID, 1, 64);
export const referralCode = text(REFERRAL_CODE, 6, 32);

/** Each route's path parameters, as one schema made once (not one per request). */
export const paths = {
  poll: z.object({ poll: widgetId }),
  board: z.object({ board: widgetId }),
  idea: z.object({ board: widgetId, idea: widgetId }),
  signup: z.object({ program: widgetId, code: referralCode }),
  id: z.object({ id: widgetId }),
  widget: z.object({ widget: widgetId }),
};

/** Who asks: reads are personal (`mine`, `voted`) and say so with these parameters; `user` counts only signed. */
export const askerParams = {
  subject: z.optional(text(ANONYMOUS_ID, 16, 64)),
  user: z.optional(text(PLAIN_TEXT, 1, LIMITS.userId)),
  userSignature: z.optional(text(USER_SIGNATURE, 64, 64)),
};

export const ideaListParams = z.object({
  ...askerParams,
  sort: z._default(z.enum(['top', 'new', 'trending']), 'top'),
  status: z.optional(z.enum(IDEA_STATUSES)),
  cursor: z._default(z.string().check(z.regex(/^\d{1,7}$/)), '0'),
  limit: z._default(z.string().check(z.regex(/^(100|[1-9]\d?)$/)), '20'),
});

export const similarParams = z.object({
  ...askerParams,
  q: z.string().check(z.maxLength(200)),
});

export const askerOnly = z.object(askerParams);

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Parses what a route was given; names the failing parameter when it fails. */
export const parse = <T>(c: Context, schema: z.ZodMiniType<T>, value: unknown, prefix = ''): Parsed<T> => {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues: Issue[] = issuesFromZod(result.error.issues, prefix);
  const names = [...new Set(issues.map((issue) => issue.path || 'query'))].join(', ');
  return { ok: false, response: problem(c, 400, ERROR_CODES.invalidParameter, `Bad parameter: ${names}`, issues) };
};

/** The query string as a plain object of first values. */
export const queryOf = (c: Context): Record<string, string> => {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(c.req.url).searchParams) if (!(key in query)) query[key] = value;
  return query;
};
