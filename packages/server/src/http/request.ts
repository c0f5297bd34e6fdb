/**
 * What a request says about itself before any route reads it: a query string that is not
 * UTF-8 text, and the address of the client that sent it (for rate limits).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** A query string whose percent-escapes are not UTF-8, or that holds a NUL: the parameter's name. */
export const badQueryParameter = (url: string): string | undefined => {
  const query = url.split('?', 2)[1]?.split('#', 1)[0];
  if (!query) return undefined;
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    try {
      const decoded = [decodeURIComponent(name.replaceAll('+', ' ')), decodeURIComponent(value.replaceAll('+', ' '))];
      if (decoded.some((text) => text.includes('\u0000'))) return decoded[0] || 'query';
    } catch {
      return name || 'query';
    }
  }
  return undefined;
};

export const clientAddress = (trustProxy: boolean) => (c: Context) => {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Requests made in-process (app.request) have no socket.
    return 'local';
  }
};
