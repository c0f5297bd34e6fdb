/**
 * The collector's configuration, from command-line flags first, then the environment, then
 * defaults that work on a laptop: a SQLite file beside you, loopback only.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod/mini';
import type { Origins } from './http/cors.js';

export interface Config {
  port: number;
  host: string;
  /** A SQLite path (`./heard.db`, `sqlite:/var/lib/heard.db`) or a `postgres://` URL. */
  storage: string;
  origins: Origins;
  adminToken?: string | undefined;
  writesPerMinute: number;
  readsPerMinute: number;
  minFillMs: number;
  trustProxy: boolean;
  /** Leading zero bits of the proof of work new ideas and sign-ups must carry; 0 asks for none. */
  powDifficulty?: number;
  /** Key of the proof-of-work challenges; instances that share a database share it too. */
  secret?: string | undefined;
  /**
   * The origin people reach the collector at (`https://feedback.example.com`): its dashboard's
   * origin. Without it, the address it listens on. Never taken from a request's `Host`.
   */
  publicUrl?: string | undefined;
  /** How long opening a database connection may take, in ms. */
  dbConnectTimeoutMs?: number;
  /** How long one database statement may run, in ms. */
  dbStatementTimeoutMs?: number;
  /** How long a request may wait for its answer before it gets 503, in ms. */
  requestTimeoutMs?: number;
  /** Secrets the site signs user ids with; all are accepted (several while rotating). */
  identitySecrets?: string[];
  /** How long a webhook receiver gets to answer, in ms. */
  webhookTimeoutMs?: number;
  /** The first wait before a failed webhook delivery is tried again, in ms (each next one 4× longer, up to 2 h). */
  webhookBackoffMs?: number;
}

export const USAGE = `Usage: heard-server [options]

  --port <n>               port to listen on            (PORT, default 8787)
  --host <name>            address to listen on         (HOST, default 127.0.0.1)
  --storage <url>          SQLite file or postgres:// URL (HEARD_STORAGE or DATABASE_URL, default ./heard.db);
                           a relative path is taken from the folder the command was typed in
                           (INIT_CWD under npm and pnpm, else the working directory)
  --origins <list>         comma-separated origins allowed to call the collector, or *
                                                        (HEARD_ORIGINS, default none: same-origin and server-side only)
  --admin-token <token>    bearer token of the admin API (HEARD_ADMIN_TOKEN; the admin API is off without one)
  --writes-per-minute <n>  write requests per client per minute, 0 = unlimited (HEARD_WRITES_PER_MINUTE, default 120)
  --reads-per-minute <n>   read requests per client per minute, 0 = unlimited  (HEARD_READS_PER_MINUTE, default 600)
  --min-fill-ms <n>        forms sent sooner after showing are spam (HEARD_MIN_FILL_MS, default 1500)
  --trust-proxy            behind one proxy: client address from X-Forwarded-For, scheme from X-Forwarded-Proto (HEARD_TRUST_PROXY=1)
  --pow-difficulty <n>     ask new ideas and sign-ups for a proof of work of n bits, 0 = off (HEARD_POW_DIFFICULTY, default 0)
  --secret <key>           key of the proof-of-work challenges, shared by all instances (HEARD_SECRET, default random)
  --public-url <origin>    the origin people reach the collector and its dashboard at, e.g. https://feedback.example.com
                                                        (HEARD_PUBLIC_URL, default the address it listens on)
  --db-connect-timeout-ms <n>    how long connecting to PostgreSQL may take (HEARD_DB_CONNECT_TIMEOUT_MS, default 3000)
  --db-statement-timeout-ms <n>  how long one statement may run; SQLite's wait for a lock, at most 5000
                                                        (HEARD_DB_STATEMENT_TIMEOUT_MS, default 5000)
  --request-timeout-ms <n> how long a request may wait for storage before it is answered 503
                                                        (HEARD_REQUEST_TIMEOUT_MS, default 10000)
  --identity-secret <list> secrets the site signs user ids with (HMAC-SHA256), comma-separated while rotating
                                                        (HEARD_IDENTITY_SECRET; without one, user ids are not trusted)
  --webhook-timeout-ms <n> how long a webhook receiver gets to answer (HEARD_WEBHOOK_TIMEOUT_MS, default 10000)
  --webhook-backoff-ms <n> the first wait before a failed webhook delivery is tried again; each next
                           one is 4 times longer, up to 2 hours, for a day (HEARD_WEBHOOK_BACKOFF_MS, default 5000)
  --help                   show this help
`;

const count = (name: string, max: number) =>
  z
    .pipe(z.string().check(z.regex(/^\d+$/, `${name} must be a whole number`)), z.transform(Number))
    .check(z.refine((value: number) => value <= max, `${name} must be at most ${max}`));

const schema = z.object({
  port: count('--port', 65_535),
  host: z.string().check(z.minLength(1, '--host must not be empty')),
  storage: z.string().check(z.minLength(1, '--storage must not be empty')),
  origins: z.string(),
  adminToken: z.optional(z.string().check(z.minLength(16, '--admin-token must be at least 16 characters'))),
  writesPerMinute: count('--writes-per-minute', 1_000_000),
  readsPerMinute: count('--reads-per-minute', 1_000_000),
  minFillMs: count('--min-fill-ms', 600_000),
  trustProxy: z.boolean(),
  powDifficulty: count('--pow-difficulty', 32),
  secret: z.optional(z.string().check(z.minLength(16, '--secret must be at least 16 characters'))),
  publicUrl: z.optional(z.string()),
  dbConnectTimeoutMs: count('--db-connect-timeout-ms', 600_000),
  dbStatementTimeoutMs: count('--db-statement-timeout-ms', 3_600_000),
  requestTimeoutMs: count('--request-timeout-ms', 3_600_000),
  identitySecrets: z.optional(z.string()),
  webhookTimeoutMs: count('--webhook-timeout-ms', 600_000),
  webhookBackoffMs: count('--webhook-backoff-ms', 3_600_000),
});

/** `--identity-secret`: one secret, or several separated by commas while rotating. */
export const parseSecrets = (value: string): string[] => {
  const secrets = value
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  if (secrets.some((secret) => secret.length < 16))
    throw new Error('--identity-secret: each secret must be at least 16 characters');
  return secrets;
};

/** The collector's public origin, from `--public-url`: a URL whose origin is kept. */
export const parsePublicUrl = (value: string): string => {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    // Reported below.
  }
  throw new Error(`--public-url: "${value}" is not a URL like https://feedback.example.com`);
};

/** Origins as given: `*`, or a list of `scheme://host[:port]` each checked as a URL origin. */
export const parseOrigins = (value: string): Origins => {
  if (value.trim() === '*') return '*';
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // Reported below.
    }
    if (parsed?.origin !== origin) throw new Error(`--origins: "${origin}" is not an origin like https://example.com`);
  }
  return origins;
};

export const loadConfig = (argv: string[], env: NodeJS.ProcessEnv): Config | 'help' => {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      storage: { type: 'string' },
      origins: { type: 'string' },
      'admin-token': { type: 'string' },
      'writes-per-minute': { type: 'string' },
      'reads-per-minute': { type: 'string' },
      'min-fill-ms': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'pow-difficulty': { type: 'string' },
      secret: { type: 'string' },
      'public-url': { type: 'string' },
      'db-connect-timeout-ms': { type: 'string' },
      'db-statement-timeout-ms': { type: 'string' },
      'request-timeout-ms': { type: 'string' },
      'identity-secret': { type: 'string' },
      'webhook-timeout-ms': { type: 'string' },
      'webhook-backoff-ms': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const result = schema.safeParse({
    port: values.port ?? env.PORT ?? '8787',
    host: values.host ?? env.HOST ?? '127.0.0.1',
    storage: values.storage ?? env.HEARD_STORAGE ?? env.DATABASE_URL ?? './heard.db',
    origins: values.origins ?? env.HEARD_ORIGINS ?? '',
    adminToken: values['admin-token'] ?? (env.HEARD_ADMIN_TOKEN || undefined),
    writesPerMinute: values['writes-per-minute'] ?? env.HEARD_WRITES_PER_MINUTE ?? '120',
    readsPerMinute: values['reads-per-minute'] ?? env.HEARD_READS_PER_MINUTE ?? '600',
    minFillMs: values['min-fill-ms'] ?? env.HEARD_MIN_FILL_MS ?? '1500',
    trustProxy: values['trust-proxy'] ?? ['1', 'true', 'yes'].includes(env.HEARD_TRUST_PROXY ?? ''),
    powDifficulty: values['pow-difficulty'] ?? env.HEARD_POW_DIFFICULTY ?? '0',
    secret: values.secret ?? (env.HEARD_SECRET || undefined),
    publicUrl: values['public-url'] ?? (env.HEARD_PUBLIC_URL || undefined),
    dbConnectTimeoutMs: values['db-connect-timeout-ms'] ?? env.HEARD_DB_CONNECT_TIMEOUT_MS ?? '3000',
    dbStatementTimeoutMs: values['db-statement-timeout-ms'] ?? env.HEARD_DB_STATEMENT_TIMEOUT_MS ?? '5000',
    requestTimeoutMs: values['request-timeout-ms'] ?? env.HEARD_REQUEST_TIMEOUT_MS ?? '10000',
    identitySecrets: values['identity-secret'] ?? (env.HEARD_IDENTITY_SECRET || undefined),
    webhookTimeoutMs: values['webhook-timeout-ms'] ?? env.HEARD_WEBHOOK_TIMEOUT_MS ?? '10000',
    webhookBackoffMs: values['webhook-backoff-ms'] ?? env.HEARD_WEBHOOK_BACKOFF_MS ?? '5000',
  });
  if (!result.success) throw new Error(result.error.issues.map((issue) => issue.message).join('; '));
  const { publicUrl, identitySecrets, ...rest } = result.data;
  return {
    ...rest,
    origins: parseOrigins(result.data.origins),
    ...(identitySecrets === undefined ? {} : { identitySecrets: parseSecrets(identitySecrets) }),
    ...(publicUrl === undefined ? {} : { publicUrl: parsePublicUrl(publicUrl) }),
  };
};
