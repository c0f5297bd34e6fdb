/**
 * The read models widgets show: poll results, idea lists, similar ideas and a beta sign-up's
 * place in the queue. Each read has a timeout and fails with a typed `HeardReadError`; each
 * answer is checked for the fields widgets use before a widget sees it.
 */
import type { BetaStatus, Challenge, IdeaList, PollResults, SimilarIdeas } from '@heard/protocol';
import { HeardReadError } from './errors.js';
import type { HeardRequest, MapRequest, Transport } from './transport.js';

type Guard = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const isString = (value: unknown) => typeof value === 'string';
const isBoolean = (value: unknown) => typeof value === 'boolean';
const listOf = (value: unknown, item: Guard) => Array.isArray(value) && value.every(item);
const shape =
  (fields: Record<string, Guard>): Guard =>
  (value) =>
    isObject(value) && Object.entries(fields).every(([key, guard]) => guard(value[key]));
const nullable =
  (guard: Guard): Guard =>
  (value) =>
    value === null || guard(value);

const STATUSES = new Set(['open', 'planned', 'in_progress', 'shipped', 'declined']);
const isStatus = (value: unknown) => STATUSES.has(value as string);

const ideaGuard = shape({
  id: isString,
  title: isString,
  status: isStatus,
  votes: isCount,
  voted: isBoolean,
});

export const guards = {
  pollResults: shape({
    poll: isString,
    total: isCount,
    other: isCount,
    closed: isBoolean,
    options: (value) => listOf(value, shape({ id: isString, votes: isCount })),
    mine: nullable(shape({ options: (value) => listOf(value, isString) })),
  }),
  ideaList: shape({
    ideas: (value) =>
      listOf(value, (idea) => ideaGuard(idea) && shape({ createdAt: isString, description: nullable(isString) })(idea)),
    nextCursor: nullable(isString),
  }),
  similarIdeas: shape({ ideas: (value) => listOf(value, ideaGuard) }),
  betaStatus: shape({
    program: isString,
    position: (value) => isCount(value) && (value as number) >= 1,
    total: isCount,
    referralCode: isString,
    referrals: isCount,
    status: (value) => value === 'waiting' || value === 'invited',
  }),
  challenge: shape({
    challenge: isString,
    difficulty: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 32,
  }),
} satisfies Record<string, Guard>;

export interface ReadModels {
  pollResults: PollResults;
  ideaList: IdeaList;
  similarIdeas: SimilarIdeas;
  betaStatus: BetaStatus;
  challenge: Challenge;
}

export interface Reader {
  transport: Transport;
  mapRequest: MapRequest | undefined;
  timeoutMs: number;
}

export const read = async <K extends keyof ReadModels>(
  reader: Reader,
  model: K,
  url: string,
  signal?: AbortSignal,
): Promise<ReadModels[K]> => {
  const base: HeardRequest = { method: 'GET', url, headers: { accept: 'application/json' } };
  const request = reader.mapRequest ? reader.mapRequest(base) : base;
  if (!request) throw new HeardReadError('unsupported', 'This endpoint does not serve this read');

  const controller = new AbortController();
  let stop!: (reason: unknown) => void;
  // Not left to the transport: a read ends on its timeout, or when its caller gives up,
  // whether or not the transport heeds its signal.
  const ended = new Promise<never>((_, reject) => {
    // Settled before the abort, so the reason wins over the transport's abort error.
    stop = (reason) => {
      reject(reason);
      controller.abort();
    };
  });
  const timer = setTimeout(
    () => stop(new HeardReadError('timeout', `No answer within ${reader.timeoutMs} ms`)),
    reader.timeoutMs,
  );
  const forward = () => stop(signal?.reason);
  signal?.addEventListener('abort', forward);
  if (signal?.aborted) forward();
  try {
    const response = await Promise.race([reader.transport({ ...request, signal: controller.signal }), ended]);
    const text = await Promise.race([response.text(), ended]);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: no body, checked as such below.
    }
    if (response.status < 200 || response.status >= 300) {
      const code = isObject(body) && isString(body.code) ? (body.code as string) : undefined;
      const message =
        isObject(body) && isString(body.message)
          ? (body.message as string)
          : `The endpoint answered ${response.status}`;
      throw new HeardReadError(
        [404, 405, 501].includes(response.status) ? 'unsupported' : 'http',
        message,
        response.status,
        code,
      );
    }
    if (!guards[model](body))
      throw new HeardReadError('invalid_response', `The endpoint's answer is not a valid ${model}`, response.status);
    return body as ReadModels[K];
  } catch (error) {
    if (error instanceof HeardReadError) throw error;
    if (signal?.aborted) throw error;
    throw new HeardReadError('network', 'The endpoint could not be reached');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
};
