/**
 * A dependency-free validator of outgoing envelopes for the browser. zod stays the source of
 * truth; this mirrors it at a fraction of the bytes and without zod's `new Function` probe,
 * which a strict Content Security Policy reports. Tests on generated inputs prove the two
 * accept exactly the same envelopes.
 */
import type { EventType, Issue } from './schemas.js';
import {
  ANONYMOUS_ID,
  USER_SIGNATURE,
  BLOCK_TEXT,
  EMAIL,
  EVENT_TYPES,
  ID,
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

type Check = (value: unknown, path: string, issues: Issue[]) => void;
type Shape = Record<string, Check | { optional: Check }>;

const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

const fail = (issues: Issue[], path: string, code: string, message: string) => {
  issues.push({ path, code, message });
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const codePoints = (text: string): number => {
  let count = 0;
  for (let i = 0; i < text.length; i++, count++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
};

const str =
  (pattern: RegExp, min: number, max: number): Check =>
  (value, path, issues) => {
    if (typeof value !== 'string') return fail(issues, path, 'invalid_type', 'Expected a string');
    // Lengths count code points, as zod and JSON Schema do; UTF-16 units only bound them.
    const length = value.length > max || value.length < 2 * min ? codePoints(value) : value.length;
    if (length < min) return fail(issues, path, 'too_small', `At least ${min} characters`);
    if (length > max) return fail(issues, path, 'too_big', `At most ${max} characters`);
    if (!pattern.test(value)) fail(issues, path, 'invalid_format', 'Invalid format');
  };

const int =
  (min: number, max: number): Check =>
  (value, path, issues) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      return fail(issues, path, 'invalid_type', 'Expected an integer');
    if (value < min) fail(issues, path, 'too_small', `At least ${min}`);
    else if (value > max) fail(issues, path, 'too_big', `At most ${max}`);
  };

const literal =
  (expected: unknown): Check =>
  (value, path, issues) => {
    if (value !== expected) fail(issues, path, 'invalid_value', `Expected ${JSON.stringify(expected)}`);
  };

const object =
  (shape: Shape, refine?: (value: Record<string, unknown>) => string | undefined): Check =>
  (value, path, issues) => {
    if (!isPlainObject(value)) return fail(issues, path, 'invalid_type', 'Expected an object');
    const before = issues.length;
    for (const [key, rule] of Object.entries(shape)) {
      const field = value[key];
      if (typeof rule === 'function') rule(field, at(path, key), issues);
      else if (field !== undefined) rule.optional(field, at(path, key), issues);
    }
    const unknown = Object.keys(value).filter((key) => !Object.hasOwn(shape, key));
    if (unknown.length) fail(issues, path, 'unrecognized_keys', `Unknown fields: ${unknown.join(', ')}`);
    const message = issues.length === before ? refine?.(value) : undefined;
    if (message) fail(issues, path, 'custom', message);
  };

const record =
  (valueCheck: Check, maxKeys: number): Check =>
  (value, path, issues) => {
    if (!isPlainObject(value)) return fail(issues, path, 'invalid_type', 'Expected an object');
    const keyCheck = str(KEY, 1, 64);
    const before = issues.length;
    for (const key of Object.keys(value)) {
      keyCheck(key, at(path, key), issues);
      valueCheck(value[key], at(path, key), issues);
    }
    if (issues.length === before && Object.keys(value).length > maxKeys)
      fail(issues, path, 'custom', `At most ${maxKeys} entries`);
  };

const optional = (check: Check) => ({ optional: check });

const id = str(ID, 1, 64);
const plain = (max: number) => str(PLAIN_TEXT, 0, max);
const formSignals = object({
  honeypot: plain(LIMITS.honeypot),
  fillMs: int(0, LIMITS.fillMs),
  proof: optional(str(PROOF, 3, LIMITS.proof)),
});

const traitValue: Check = (value, path, issues) => {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(issues, path, 'invalid_type', 'Expected a finite number');
    return;
  }
  if (typeof value === 'string') return plain(LIMITS.traitValue)(value, path, issues);
  fail(issues, path, 'invalid_union', 'Expected a string, number, boolean or null');
};

const pollVote = object(
  {
    options: (value, path, issues) => {
      if (!Array.isArray(value)) return fail(issues, path, 'invalid_type', 'Expected an array');
      if (value.length > LIMITS.pollOptions)
        return fail(issues, path, 'too_big', `At most ${LIMITS.pollOptions} options`);
      const before = issues.length;
      for (let index = 0; index < value.length; index++) id(value[index], at(path, index), issues);
      if (issues.length === before && new Set(value).size !== value.length)
        fail(issues, path, 'custom', 'Options must be unique');
    },
    other: optional(str(LINE_TEXT, 1, LIMITS.otherText)),
  },
  (vote) =>
    (vote.options as unknown[]).length > 0 || vote.other !== undefined
      ? undefined
      : 'A vote names at least one option or an "other" answer',
);

const ideaVote = object({ idea: id });

const DATA: Record<EventType, Check> = {
  'poll.vote': pollVote,
  'nps.response': object({
    score: int(LIMITS.npsMin, LIMITS.npsMax),
    comment: optional(str(BLOCK_TEXT, 0, LIMITS.longText)),
  }),
  'nps.dismissed': object({}),
  'idea.create': object({
    title: str(LINE_TEXT, LIMITS.ideaTitleMin, LIMITS.ideaTitleMax),
    description: optional(str(BLOCK_TEXT, 0, LIMITS.longText)),
    form: optional(formSignals),
  }),
  'idea.vote': ideaVote,
  'idea.unvote': ideaVote,
  'beta.signup': object({
    email: str(EMAIL, 3, LIMITS.email),
    consent: literal(true),
    code: str(REFERRAL_CODE, 6, 32),
    fields: optional(record(plain(LIMITS.signupFieldValue), LIMITS.signupFields)),
    referredBy: optional(str(REFERRAL_CODE, 6, 32)),
    form: optional(formSignals),
  }),
};

const shown = (max: number) => str(SHOWN_TEXT, 1, max);
const bool: Check = (value, path, issues) => {
  if (typeof value !== 'boolean') fail(issues, path, 'invalid_type', 'Expected a boolean');
};
const pollOption = object({
  id,
  label: shown(LIMITS.definitionLabel),
  image: optional(str(IMAGE_URL, 1, LIMITS.definitionImage)),
});

/** What each type may carry of how its widget looked. */
const DEFINITIONS: Partial<Record<EventType, Check>> = {
  'poll.vote': object({
    question: shown(LIMITS.definitionText),
    options: (value, path, issues) => {
      if (!Array.isArray(value)) return fail(issues, path, 'invalid_type', 'Expected an array');
      if (value.length < 1) return fail(issues, path, 'too_small', 'At least 1 option');
      if (value.length > LIMITS.pollOptions)
        return fail(issues, path, 'too_big', `At most ${LIMITS.pollOptions} options`);
      const before = issues.length;
      for (let index = 0; index < value.length; index++) pollOption(value[index], at(path, index), issues);
      if (issues.length === before && new Set(value.map((option: { id: unknown }) => option.id)).size !== value.length)
        fail(issues, path, 'custom', 'Option ids must be unique');
    },
    multiple: optional(bool),
    allowOther: optional(bool),
  }),
  'nps.response': object({ question: shown(LIMITS.definitionText), product: optional(shown(LIMITS.definitionText)) }),
  'idea.create': object({ name: optional(shown(LIMITS.definitionText)) }),
  'beta.signup': object({ name: optional(shown(LIMITS.definitionText)), consent: shown(LIMITS.consentText) }),
};

const envelopeShape = (data: Check, definition: Check | undefined): Shape => ({
  v: literal(PROTOCOL_VERSION),
  id: str(UUID, 36, 36),
  type: () => undefined,
  widget: id,
  at: str(ISO_TIME, 20, 35),
  subject: object({
    anonymousId: str(ANONYMOUS_ID, 16, 64),
    userId: optional(str(PLAIN_TEXT, 1, LIMITS.userId)),
    userSignature: optional(str(USER_SIGNATURE, 64, 64)),
    traits: optional(record(traitValue, LIMITS.traits)),
  }),
  context: object({
    locale: str(LOCALE, 2, 35),
    page: optional(str(PAGE_PATH, 1, 512)),
    sdk: str(SDK_NAME, 3, 65),
  }),
  data,
  ...(definition ? { definition: optional(definition) } : {}),
});

const isEventType = (value: unknown): value is EventType => (EVENT_TYPES as readonly unknown[]).includes(value);

/** The problems of one envelope, empty when it is valid. */
export const checkEnvelope = (value: unknown): Issue[] => {
  const issues: Issue[] = [];
  if (!isPlainObject(value)) {
    fail(issues, '', 'invalid_type', 'Expected an object');
  } else if (!isEventType(value.type)) {
    fail(issues, 'type', 'invalid_union', `Expected one of ${EVENT_TYPES.join(', ')}`);
  } else {
    object(envelopeShape(DATA[value.type], DEFINITIONS[value.type]))(value, '', issues);
  }
  return issues;
};

export { utf8Bytes } from './limits.js';
