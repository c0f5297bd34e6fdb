/**
 * The wire contract as zod schemas: the single source of truth for the server, the types and
 * the JSON Schema files. Writes are strict (an unknown field is an error); reads are tolerant
 * (unknown fields are dropped), so a server can add to its answers without breaking clients.
 */
import { z } from 'zod/mini';
import {
  ANONYMOUS_ID,
  USER_SIGNATURE,
  BETA_STATES,
  BLOCK_TEXT,
  EMAIL,
  ID,
  IDEA_STATUSES,
  IMAGE_URL,
  ISO_TIME,
  KEY,
  LIMITS,
  LINE_TEXT,
  LOCALE,
  PAGE_PATH,
  PLAIN_TEXT,
  PROOF,
  PROTOCOL_VERSION,
  REFERRAL_CODE,
  SDK_NAME,
  SHOWN_TEXT,
  UUID,
} from './limits.js';

const text = (pattern: RegExp, min: number, max: number) =>
  z.string().check(z.minLength(min), z.maxLength(max), z.regex(pattern));

export const id = text(ID, 1, 64);
export const eventId = text(UUID, 36, 36);
export const isoTime = text(ISO_TIME, 20, 35);
const count = z.int().check(z.gte(0));

const formSignals = z.strictObject({
  /** What the hidden honeypot field held; a person leaves it empty. */
  honeypot: text(PLAIN_TEXT, 0, LIMITS.honeypot),
  /** Milliseconds from the form's first render to its submission. */
  fillMs: z.int().check(z.gte(0), z.lte(LIMITS.fillMs)),
  /** A solved proof-of-work challenge, for collectors that ask for one (`GET /v1/challenge`). */
  proof: z.optional(text(PROOF, 3, LIMITS.proof)),
});

const traitValue = z.union([text(PLAIN_TEXT, 0, LIMITS.traitValue), z.number(), z.boolean(), z.null()]);

const maxKeys = (max: number) =>
  z.refine((value: unknown) => Object.keys(value as object).length <= max, {
    message: `At most ${max} entries`,
  });

export const subject = z.strictObject({
  anonymousId: text(ANONYMOUS_ID, 16, 64),
  userId: z.optional(text(PLAIN_TEXT, 1, LIMITS.userId)),
  /** The site's HMAC-SHA256 of `userId`: without it, a collector counts the envelope as anonymous. */
  userSignature: z.optional(text(USER_SIGNATURE, 64, 64)),
  traits: z.optional(z.record(text(KEY, 1, 64), traitValue).check(maxKeys(LIMITS.traits))),
});

export const context = z.strictObject({
  locale: text(LOCALE, 2, 35),
  page: z.optional(text(PAGE_PATH, 1, 512)),
  sdk: text(SDK_NAME, 3, 65),
});

export const pollVoteData = z
  .strictObject({
    options: z.array(id).check(
      z.maxLength(LIMITS.pollOptions),
      z.refine((ids) => new Set(ids).size === ids.length, { message: 'Options must be unique' }),
    ),
    other: z.optional(text(LINE_TEXT, 1, LIMITS.otherText)),
  })
  .check(
    z.refine((vote) => vote.options.length > 0 || vote.other !== undefined, {
      message: 'A vote names at least one option or an "other" answer',
    }),
  );

export const npsResponseData = z.strictObject({
  score: z.int().check(z.gte(LIMITS.npsMin), z.lte(LIMITS.npsMax)),
  comment: z.optional(text(BLOCK_TEXT, 0, LIMITS.longText)),
});

export const npsDismissedData = z.strictObject({});

export const ideaCreateData = z.strictObject({
  title: text(LINE_TEXT, LIMITS.ideaTitleMin, LIMITS.ideaTitleMax),
  description: z.optional(text(BLOCK_TEXT, 0, LIMITS.longText)),
  form: z.optional(formSignals),
});

export const ideaVoteData = z.strictObject({ idea: id });

export const betaSignupData = z.strictObject({
  email: z.email({ pattern: EMAIL }).check(z.maxLength(LIMITS.email)),
  /** Only `true`: nothing is sent before the person agreed. */
  consent: z.literal(true),
  /** The referral code the client made for this sign-up. */
  code: text(REFERRAL_CODE, 6, 32),
  fields: z.optional(
    z.record(text(KEY, 1, 64), text(PLAIN_TEXT, 0, LIMITS.signupFieldValue)).check(maxKeys(LIMITS.signupFields)),
  ),
  /** The referral code of whoever shared the link this person arrived through. */
  referredBy: z.optional(text(REFERRAL_CODE, 6, 32)),
  form: z.optional(formSignals),
});

/** What a widget showed the person: its words as they read them, in the page's language. */
const shown = (max: number) => text(SHOWN_TEXT, 1, max);

/**
 * A poll as the person saw it when they voted: the question, each option's label (and image),
 * and whether it took several answers or an "Other" one.
 */
export const pollDefinition = z.strictObject({
  question: shown(LIMITS.definitionText),
  options: z
    .array(
      z.strictObject({
        id,
        label: shown(LIMITS.definitionLabel),
        image: z.optional(text(IMAGE_URL, 1, LIMITS.definitionImage)),
      }),
    )
    .check(
      z.minLength(1),
      z.maxLength(LIMITS.pollOptions),
      z.refine((options) => new Set(options.map((option) => option.id)).size === options.length, {
        message: 'Option ids must be unique',
      }),
    ),
  multiple: z.optional(z.boolean()),
  allowOther: z.optional(z.boolean()),
});

/** An NPS survey as the person saw it: the question asked, and the product it named. */
export const npsDefinition = z.strictObject({
  question: shown(LIMITS.definitionText),
  product: z.optional(shown(LIMITS.definitionText)),
});

/** An idea board's title, when the widget shows one. */
export const ideaDefinition = z.strictObject({
  name: z.optional(shown(LIMITS.definitionText)),
});

/**
 * A beta programme as the person saw it: its name, and the consent wording they agreed to —
 * evidence a team keeps of what each person accepted.
 */
export const betaDefinition = z.strictObject({
  name: z.optional(shown(LIMITS.definitionText)),
  consent: shown(LIMITS.consentText),
});

const envelopeOf = <T extends string, D extends z.ZodMiniType>(type: T, data: D) =>
  z.strictObject({
    v: z.literal(PROTOCOL_VERSION),
    id: eventId,
    type: z.literal(type),
    widget: id,
    at: isoTime,
    subject,
    context,
    data,
  });

/** An envelope that may carry the widget as the person saw it; one without it stays valid. */
const describedEnvelopeOf = <T extends string, D extends z.ZodMiniType, F extends z.ZodMiniType>(
  type: T,
  data: D,
  definition: F,
) => z.strictObject({ ...envelopeOf(type, data).shape, definition: z.optional(definition) });

export const envelope = z.discriminatedUnion('type', [
  describedEnvelopeOf('poll.vote', pollVoteData, pollDefinition),
  describedEnvelopeOf('nps.response', npsResponseData, npsDefinition),
  envelopeOf('nps.dismissed', npsDismissedData),
  describedEnvelopeOf('idea.create', ideaCreateData, ideaDefinition),
  envelopeOf('idea.vote', ideaVoteData),
  envelopeOf('idea.unvote', ideaVoteData),
  describedEnvelopeOf('beta.signup', betaSignupData, betaDefinition),
]);

const batchOf = <T extends z.ZodMiniType>(item: T) =>
  z.strictObject({
    events: z
      .array(item)
      .check(
        z.minLength(1, `A batch holds 1 to ${LIMITS.batchEvents} events`),
        z.maxLength(LIMITS.batchEvents, `A batch holds 1 to ${LIMITS.batchEvents} events`),
      ),
  });

export const batch = batchOf(envelope);

/**
 * A batch's frame, its envelopes not judged: `events` and nothing else, 1 to 50 of them. A
 * collector checks it first, then judges each envelope alone.
 */
export const batchFrame = batchOf(z.unknown());

/** The body of `POST /v1/events`: one envelope or a batch. */
export const eventsRequest = z.union([batch, envelope]);

export const issue = z.object({
  /** Where the problem is, as a dotted path: `events.0.data.score`. Empty for the whole body. */
  path: z.string(),
  code: z.string(),
  message: z.string(),
});

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.optional(z.array(issue)),
});

export const eventsResponse = z.object({
  accepted: z.array(z.string()),
  duplicates: z.array(z.string()),
  rejected: z.array(
    z.object({
      /** The envelope's id when it had a readable one. */
      id: z.nullable(z.string()),
      /** Its position in the request (0 for a single envelope). */
      index: count,
      code: z.string(),
      message: z.string(),
      issues: z.optional(z.array(issue)),
    }),
  ),
});

export const pollResults = z.object({
  poll: z.string(),
  /** People who voted. */
  total: count,
  options: z.array(z.object({ id: z.string(), votes: count })),
  /** People who gave an "other" answer. */
  other: count,
  /** The asker's own vote, or null. */
  mine: z.nullable(z.object({ options: z.array(z.string()), other: z.optional(z.string()) })),
  closed: z.boolean(),
});

export const ideaStatus = z.enum(IDEA_STATUSES);

export const idea = z.object({
  id: z.string(),
  title: z.string(),
  description: z.nullable(z.string()),
  status: ideaStatus,
  /** A short public note from the team, such as why an idea was declined. */
  statusNote: z.nullable(z.string()),
  statusChangedAt: z.nullable(z.string()),
  votes: count,
  /** Whether the asker voted for it. */
  voted: z.boolean(),
  createdAt: z.string(),
});

export const ideaList = z.object({
  ideas: z.array(idea),
  /** Pass as `cursor` to read the next page; null on the last one. */
  nextCursor: z.nullable(z.string()),
});

export const similarIdeas = z.object({
  ideas: z.array(z.object({ id: z.string(), title: z.string(), status: ideaStatus, votes: count, voted: z.boolean() })),
});

export const betaStatus = z.object({
  program: z.string(),
  /** 1 for the first in the queue. */
  position: z.int().check(z.gte(1)),
  total: count,
  referralCode: z.string(),
  referrals: count,
  status: z.enum(BETA_STATES),
});

/**
 * `GET /v1/challenge`: work for the browser, so a person never has to solve a puzzle. A
 * collector that asks for none answers 204 No Content instead.
 */
export const challenge = z
  .object({
    /** Send back as `form.proof`: `<challenge>.<nonce>`. */
    challenge: z.string(),
    /** Leading zero bits that SHA-256 of the proof must have. */
    difficulty: z.int().check(z.gte(1), z.lte(32)),
    expiresAt: z.string(),
  })
  .check(
    z.describe(
      'The answer (200) to GET /v1/challenge of a collector that asks for a proof of work; one that asks for none answers 204 No Content, with no body.',
    ),
  );

export type Envelope = z.infer<typeof envelope>;
export type EventType = Envelope['type'];
export type EventData<T extends EventType> = Extract<Envelope, { type: T }>['data'];
/** What a widget of type `T` may send of how it looked; `never` for types without a definition. */
export type EventDefinition<T extends EventType> =
  Extract<Envelope, { type: T }> extends { definition?: infer D } ? NonNullable<D> : never;
export type PollDefinition = z.infer<typeof pollDefinition>;
export type NpsDefinition = z.infer<typeof npsDefinition>;
export type IdeaDefinition = z.infer<typeof ideaDefinition>;
export type BetaDefinition = z.infer<typeof betaDefinition>;
/** Any widget's definition. */
export type Definition = PollDefinition | NpsDefinition | IdeaDefinition | BetaDefinition;
export type Subject = z.infer<typeof subject>;
export type Context = z.infer<typeof context>;
export type FormSignals = z.infer<typeof formSignals>;
export type Batch = z.infer<typeof batch>;
export type EventsRequest = z.infer<typeof eventsRequest>;
export type EventsResponse = z.infer<typeof eventsResponse>;
export type Issue = z.infer<typeof issue>;
export type ErrorBody = z.infer<typeof errorBody>;
export type PollResults = z.infer<typeof pollResults>;
export type IdeaStatus = z.infer<typeof ideaStatus>;
export type Idea = z.infer<typeof idea>;
export type IdeaList = z.infer<typeof ideaList>;
export type SimilarIdeas = z.infer<typeof similarIdeas>;
export type BetaStatus = z.infer<typeof betaStatus>;
export type Challenge = z.infer<typeof challenge>;
