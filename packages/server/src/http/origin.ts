/**
 * The origin a request was made to, as the browser saw it. Behind a proxy that ends TLS
 * (`--trust-proxy`), the scheme comes from `X-Forwarded-Proto`: the collector itself hears
 * plain HTTP.
 */
import type { Context } from 'hono';

export const requestOrigin = (c: Context, trustProxy: boolean): string => {
  const url = new URL(c.req.url);
  const forwarded = trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  if (forwarded === 'https' || forwarded === 'http') url.protocol = `${forwarded}:`;
  return url.origin;
};
