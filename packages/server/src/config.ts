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
}

export const USAGE = `Usage: heard-server [options]

  --port <n>               port to listen on            (PORT, default 8787)
  --host <name>            address to listen on         (HOST, default 127.0.0.1)
  --storage <url>          SQLite file or postgres:// URL (HEARD_STORAGE or DATABASE_URL, default ./heard.db)
  --origins <list>         comma-separated origins allowed to call the collector, or *
                                                        (HEARD_ORIGINS, default none: same-origin and server-side only)
  --admin-token <token>    bearer token of the admin API (HEARD_ADMIN_TOKEN; the admin API is off without one)
  --writes-per-minute <n>  write requests per client per minute, 0 = unlimited (HEARD_WRITES_PER_MINUTE, default 120)
  --reads-per-minute <n>   read requests per client per minute, 0 = unlimited  (HEARD_READS_PER_MINUTE, default 600)
  --min-fill-ms <n>        forms sent sooner after showing are spam (HEARD_MIN_FILL_MS, default 1500)
  --trust-proxy            behind one proxy: client address from X-Forwarded-For, scheme from X-Forwarded-Proto (HEARD_TRUST_PROXY=1)
  --pow-difficulty <n>     ask new ideas and sign-ups for a proof of work of n bits, 0 = off (HEARD_POW_DIFFICULTY, default 0)
  --secret <key>           key of the proof-of-work challenges, shared by all instances (HEARD_SECRET, default random)
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
});

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
  });
  if (!result.success) throw new Error(result.error.issues.map((issue) => issue.message).join('; '));
  return { ...result.data, origins: parseOrigins(result.data.origins) };
};
