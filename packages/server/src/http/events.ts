/**
 * `POST /v1/events`: one envelope or a batch. Each envelope is judged alone (size, schema,
 * text no field may hold, spam, then the database's rules) and in order, so an idea created
 * early in a batch can be voted for later in it, and a refused envelope never takes the others
 * with it. The valid ones go to the writer together, so a batch is one transaction
 * (`store/write.ts`); the answer waits for its commit. A lone envelope that is refused gets its error's
 * status; a batch answers 200 and lists what it refused. The body itself must be whole, UTF-8
 * and nest no deeper than the protocol needs (`body.ts`), or nothing in it is judged.
 */
import {
  ERROR_CODES,
  LIMITS,
  UUID,
  batchFrame,
  envelope as envelopeSchema,
  issuesFromZod,
  utf8Bytes,
  type EventsResponse,
} from '@heard/protocol';
import type { Context } from 'hono';
import { judgeSpam, type SpamRules } from '../spam.js';
import type { VerifyUser } from '../store/subject.js';
import type { Writer, WriteOutcome } from '../store/write.js';
import { readJson, textIssues } from './body.js';
import { mediaType, problem, STATUS_OF } from './problem.js';

type Rejected = EventsResponse['rejected'][number];

const MEDIA_TYPES = new Set(['application/json', 'text/plain']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const readableId = (value: unknown): string | null =>
  isRecord(value) && typeof value.id === 'string' && UUID.test(value.id) ? value.id : null;

/** Who sent the envelopes: `trusted` when the request carried the admin token (a server-side sender). */
export interface Sender {
  trusted: boolean;
  /** Checks the site's signature of a user id. */
  verify: VerifyUser;
}

const judge = (
  writer: Writer,
  spam: SpamRules,
  item: unknown,
  now: Date,
  sender: Sender,
): WriteOutcome | Promise<WriteOutcome> => {
  if (utf8Bytes(JSON.stringify(item)) > LIMITS.envelopeBytes) {
    return {
      kind: 'rejected',
      code: ERROR_CODES.payloadTooLarge,
      message: `An envelope is at most ${LIMITS.envelopeBytes} bytes`,
    };
  }
  const parsed = envelopeSchema.safeParse(item);
  if (!parsed.success) {
    return {
      kind: 'rejected',
      code: ERROR_CODES.invalidBody,
      message: 'The envelope breaks the protocol',
      issues: issuesFromZod(parsed.error.issues),
    };
  }
  const badText = textIssues(item);
  if (badText.length) {
    return {
      kind: 'rejected',
      code: ERROR_CODES.invalidBody,
      message: 'The envelope holds text no field may hold',
      issues: badText,
    };
  }
  const spamVerdict = judgeSpam(parsed.data, spam, now, sender);
  if (spamVerdict) return { kind: 'rejected', ...spamVerdict };
  return writer.write(parsed.data, now, sender.verify);
};

export const receiveEvents = async (
  c: Context,
  writer: Writer,
  spam: SpamRules,
  now: () => Date,
  sender: Sender,
): Promise<Response> => {
  if (!MEDIA_TYPES.has(mediaType(c))) {
    return problem(
      c,
      415,
      ERROR_CODES.unsupportedMediaType,
      'Send the body as application/json (or text/plain for beacons)',
    );
  }
  const read = await readJson(c);
  if (!read.ok) return read.response;
  const body = read.value;
  const isBatch = isRecord(body) && Object.hasOwn(body, 'events');
  let items = [body];
  if (isBatch) {
    const frame = batchFrame.safeParse(body);
    if (!frame.success) {
      return problem(
        c,
        400,
        ERROR_CODES.invalidBody,
        'The batch breaks the protocol',
        issuesFromZod(frame.error.issues),
      );
    }
    items = frame.data.events;
  }
  const answer: EventsResponse = { accepted: [], duplicates: [], rejected: [] };
  // Judged in order, written together, answered once committed.
  const outcomes = await Promise.all(items.map((item) => judge(writer, spam, item, now(), sender)));
  for (const [index, item] of items.entries()) {
    const outcome = outcomes[index] as WriteOutcome;
    const id = readableId(item);
    if (outcome.kind !== 'rejected') {
      // Only a valid envelope, whose id is readable, gets this far.
      if (id) answer[outcome.kind === 'accepted' ? 'accepted' : 'duplicates'].push(id);
    } else if (!isBatch) {
      return problem(c, STATUS_OF[outcome.code] ?? 400, outcome.code, outcome.message, outcome.issues);
    } else {
      const rejected: Rejected = { id, index, code: outcome.code, message: outcome.message };
      if (outcome.issues) rejected.issues = outcome.issues;
      answer.rejected.push(rejected);
    }
  }
  return c.json(answer);
};
