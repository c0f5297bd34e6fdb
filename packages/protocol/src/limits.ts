/* eslint-disable no-control-regex -- these patterns exist to refuse control characters. */
/**
 * The protocol's limits and formats as plain values, with no dependency: the zod schemas,
 * the browser's validator and the server all read them from here, so a limit changes in
 * one place.
 */

export { ANONYMOUS_ID, BATCH_EVENTS, LOCALE, PAGE_PATH, utf8Bytes } from './client-limits.js';
import { BATCH_EVENTS } from './client-limits.js';

export const PROTOCOL_VERSION = 1;

export const EVENT_TYPES = [
  'poll.vote',
  'nps.response',
  'nps.dismissed',
  'idea.create',
  'idea.vote',
  'idea.unvote',
  'beta.signup',
] as const;

export const IDEA_STATUSES = ['open', 'planned', 'in_progress', 'shipped', 'declined'] as const;

export const BETA_STATES = ['waiting', 'invited'] as const;

/**
 * The limits the elements check as people type, alone for the same reason (a page ships
 * only the numbers it uses, not the table); the same values as in `LIMITS`.
 */
export const POLL_OPTIONS = 20;
export const LONG_TEXT = 2_000;
export const IDEA_TITLE_MIN = 3;
export const IDEA_TITLE_MAX = 140;
export const FILL_MS = 86_400_000;

export const LIMITS = {
  /** Serialized size of one envelope, in UTF-8 bytes. */
  envelopeBytes: 16_384,
  /** Serialized size of one request body to `POST /v1/events`, in UTF-8 bytes. */
  bodyBytes: 262_144,
  /** Envelopes in one batch. */
  batchEvents: BATCH_EVENTS,
  /** Options one poll may offer, and so one vote may name. */
  pollOptions: POLL_OPTIONS,
  /** Free-text "other" answer of a poll. */
  otherText: 280,
  /** NPS follow-up comment, idea description. */
  longText: LONG_TEXT,
  ideaTitleMin: IDEA_TITLE_MIN,
  ideaTitleMax: IDEA_TITLE_MAX,
  /** Extra fields of a beta sign-up, and each value's length. */
  signupFields: 10,
  signupFieldValue: 200,
  email: 254,
  /** Traits of an identified user, and each string value's length. */
  traits: 20,
  traitValue: 256,
  userId: 128,
  honeypot: 200,
  /** A form open longer than a day is no faster than a human: clamp the signal there. */
  fillMs: FILL_MS,
  /** A proof of work: the collector's challenge and the nonce that solves it. */
  proof: 200,
  npsMin: 0,
  npsMax: 10,
  /** A definition's question, product, board or programme name (`definition.question`, `.product`, `.name`). */
  definitionText: 500,
  /** One option's label in a poll's definition. */
  definitionLabel: 200,
  /** One option's image URL in a poll's definition (a long `data:` URL leaves the definition out). */
  definitionImage: 2_048,
  /** The consent wording of a beta sign-up's definition. */
  consentText: LONG_TEXT,
} as const;

/** Widget, board, poll, option and idea ids: what a team writes in an attribute. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** Event ids: a lowercase UUID made by the client, the idempotency key. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The site's signature of a user id: HMAC-SHA256 of the id (UTF-8) with a secret it shares with the collector, as lowercase hex. */
export const USER_SIGNATURE = /^[0-9a-f]{64}$/;
/** Referral codes of beta sign-ups. */
export const REFERRAL_CODE = /^[A-Za-z0-9_-]{6,32}$/;
/** A proof of work, `<challenge>.<nonce>`: URL-safe base64 parts and digits joined by dots. */
export const PROOF = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;
/** Trait and sign-up field names. */
export const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
/** ISO 8601 date and time with seconds and an explicit offset (`Z` or `±hh:mm`). */
export const ISO_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** The sending library and its version, `heard/1.2.3`. */
export const SDK_NAME = /^[a-z0-9-]{1,32}\/[0-9A-Za-z.+-]{1,32}$/;
/** An e-mail address: one `@`, a dot in the domain, no spaces or angle brackets. */
export const EMAIL =
  /^[^\s@<>()[\]\\,;:"\u0000-\u001F\u007F]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** One line of user text: no control characters at all, and something besides spaces. */
export const LINE_TEXT = /^(?=[\s\S]*\S)[^\u0000-\u001F\u007F]*$/;
/** Several lines of user text: tabs and line breaks allowed, other control characters not. */
export const BLOCK_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
/** What a widget showed, in a definition: block text with something besides spaces. */
export const SHOWN_TEXT = /^(?=[\s\S]*\S)[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
/** An image a definition shows: an http(s) URL or an inline `data:image/…`, no spaces or control characters. */
export const IMAGE_URL = /^(https?:\/\/|data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,])[^\s\u0000-\u001F\u007F]*$/i;
/** Free text without a "something besides spaces" rule: honeypot contents, user ids. */
export const PLAIN_TEXT = /^[^\u0000-\u001F\u007F]*$/;

export const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'] as const;

/** The category of an NPS answer: 9–10 promote, 7–8 are passive, 0–6 detract. */
export const npsCategory = (score: number): (typeof NPS_CATEGORIES)[number] =>
  score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
