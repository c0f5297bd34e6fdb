/**
 * Reading a JSON body as the collector takes it: read from the socket once, at most
 * `LIMITS.bodyBytes` (counted as it arrives: a longer one is a 413 at the byte that passes it),
 * whole (a body the client gave up on midway is a 400 and one line in the log), valid UTF-8, nested no deeper than {@link MAX_DEPTH}
 * (checked on the text before parsing, so no deep value ever reaches code that recurses), and
 * then parsed. `textIssues` finds strings no field may hold: NUL and lone surrogates, which
 * PostgreSQL refuses or SQLite stores as something else, so two different ids could become one.
 */
import { IncomingMessage } from 'node:http';
import { ERROR_CODES, LIMITS, issuesFromZod, type Issue } from '@heard/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod/mini';
import { mediaType, problem } from './problem.js';

/** Levels of arrays and objects a body may nest; an envelope needs five. */
export const MAX_DEPTH = 32;

/** Requests whose body has arrived whole: time after that is the server's, not the client's. */
export const bodiesRead = new WeakSet<Request>();

type Read<T> = { ok: true; value: T } | { ok: false; response: Response };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether JSON text nests arrays and objects deeper than `max`; strings are skipped. */
export const nestsDeeperThan = (text: string, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i++;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) inString = true;
    else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) depth--;
  }
  return false;
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Paths of the strings (values and keys) in `value` for which `bad` holds, with why. */
const findStrings = (
  value: unknown,
  bad: (text: string) => string | undefined,
  path: string,
  found: Issue[],
): Issue[] => {
  if (typeof value === 'string') {
    const why = bad(value);
    if (why) found.push({ path, code: 'invalid_format', message: why });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const keyWhy = bad(key);
      if (keyWhy) found.push({ path: at, code: 'invalid_format', message: `Its name: ${keyWhy}` });
      findStrings(child, bad, at, found);
    }
  }
  return found;
};

const forbiddenText = (text: string): string | undefined => {
  if (text.includes('\u0000')) return 'Holds a NUL character';
  if (LONE_SURROGATE.test(text)) return 'Holds a lone surrogate (not Unicode text)';
  return undefined;
};

/** Every string in `value` that holds a NUL or a lone surrogate, by path (below `prefix`). */
export const textIssues = (value: unknown, prefix = ''): Issue[] => findStrings(value, forbiddenText, prefix, []);

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false });

const TOO_LARGE = Symbol('too large');

/** The 413 for a body over the limit; the rest of it is never read, so the connection closes. */
const tooLarge = (c: Context) =>
  problem(c, 413, ERROR_CODES.payloadTooLarge, `A request body is at most ${LIMITS.bodyBytes} bytes`, undefined, {
    Connection: 'close',
  });

const declaredLength = (c: Context): number => Number(c.req.header('content-length') ?? 0);

/** Whether the request says a body comes with it (read or not), from its headers alone. */
export const hasBody = (c: Context): boolean =>
  declaredLength(c) > 0 || c.req.header('transfer-encoding') !== undefined;

/**
 * Refuses a request whose declared length is over the limit before anything reads it. A body
 * without a declared length is measured as it arrives, by whatever reads it (`readJson`).
 */
export const declaredWithinLimit: MiddlewareHandler = async (c, next) =>
  declaredLength(c) > LIMITS.bodyBytes ? tooLarge(c) : next();

/**
 * The body's bytes, read from the socket once and given up on as soon as they pass `max`. A
 * request that did not come through Node's HTTP server (`app.request` in tests) is read whole.
 */
const readBytes = async (c: Context, max: number): Promise<Uint8Array | typeof TOO_LARGE> => {
  if (declaredLength(c) > max) return TOO_LARGE;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  // Not through Node's server, or the client is gone already (what it sent may still be whole).
  if (!(incoming instanceof IncomingMessage) || incoming.destroyed) {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return bytes.byteLength > max ? TOO_LARGE : bytes;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > max) {
        done();
        incoming.pause();
        resolve(TOO_LARGE);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error('the client closed the connection'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
};

/**
 * The request's body parsed as JSON, or the 400 that says why it is not taken: incomplete,
 * not UTF-8 (naming the fields that hold the broken bytes when it parses), too deep, not JSON.
 */
export const readJson = async (c: Context): Promise<Read<unknown>> => {
  const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return {
      ok: false,
      response: problem(c, 415, ERROR_CODES.unsupportedMediaType, `Send the body unencoded, not ${encoding}`),
    };
  }
  let bytes: Uint8Array | typeof TOO_LARGE;
  try {
    bytes = await readBytes(c, LIMITS.bodyBytes);
  } catch (error) {
    console.error(
      `heard-server: ${c.req.method} ${c.req.path}: the body did not arrive whole (${(error as Error).message})`,
    );
    return {
      ok: false,
      response: problem(c, 400, ERROR_CODES.invalidJson, 'The body did not arrive whole', undefined, {
        Connection: 'close',
      }),
    };
  }
  if (bytes === TOO_LARGE) return { ok: false, response: tooLarge(c) };
  bodiesRead.add(c.req.raw);
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
    const issues = nestsDeeperThan(text, MAX_DEPTH)
      ? []
      : (() => {
          try {
            return findStrings(JSON.parse(text), (s) => (s.includes('\uFFFD') ? 'Not valid UTF-8' : undefined), '', []);
          } catch {
            return [];
          }
        })();
    return {
      ok: false,
      response: problem(
        c,
        400,
        ERROR_CODES.invalidJson,
        'The body is not valid UTF-8',
        issues.length ? issues : undefined,
      ),
    };
  }
  if (nestsDeeperThan(text, MAX_DEPTH)) {
    return {
      ok: false,
      response: problem(c, 400, ERROR_CODES.invalidJson, `The body nests deeper than ${MAX_DEPTH} levels`),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: problem(c, 400, ERROR_CODES.invalidJson, 'The body is not JSON') };
  }
};

/** An `application/json` body that `schema` takes, or the 4xx that names what is wrong. */
export const jsonBody = async <T>(c: Context, schema: z.ZodMiniType<T>): Promise<Read<T>> => {
  if (mediaType(c) !== 'application/json') {
    return { ok: false, response: problem(c, 415, ERROR_CODES.unsupportedMediaType, 'Send application/json') };
  }
  const body = await readJson(c);
  if (!body.ok) return body;
  const result = schema.safeParse(body.value);
  const issues = result.success ? textIssues(body.value) : issuesFromZod(result.error.issues);
  if (result.success && issues.length === 0) return { ok: true, value: result.data };
  return {
    ok: false,
    response: problem(c, 400, ERROR_CODES.invalidBody, 'The body is not what this route takes', issues),
  };
};
