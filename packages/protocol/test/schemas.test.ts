import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import {
  LIMITS,
  batch,
  betaStatus,
  checkEnvelope,
  envelope,
  errorBody,
  eventsRequest,
  eventsResponse,
  ideaList,
  issuesFromZod,
  pollResults,
  similarIdeas,
  utf8Bytes,
} from '../src/index.js';
import { validEnvelopes, validReads } from './examples.js';

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);
const withData = (index: number, data: Json) => ({ ...clone(validEnvelopes[index]!), data }) as Json;
const pollVote = 0;
const npsResponse = 3;
const ideaCreate = 6;
const betaSignup = 9;
const describedPoll = 10;
const describedBeta = 13;
const withDefinition = (index: number, definition: unknown) =>
  ({ ...clone(validEnvelopes[index]!), definition }) as Json;
const pollDefinition = () => clone((validEnvelopes[describedPoll] as { definition?: unknown }).definition) as Json;

/** Invalid envelopes, each with the path that must be named. */
const invalid: [string, unknown, string][] = [
  ['not an object', 'hello', ''],
  ['an array', [], ''],
  ['null', null, ''],
  ['unknown type', { ...clone(validEnvelopes[0]!), type: 'poll.hack' }, 'type'],
  ['wrong version', { ...clone(validEnvelopes[0]!), v: 2 }, 'v'],
  ['uppercase uuid', { ...clone(validEnvelopes[0]!), id: '3B241101-E2BB-4255-8CAF-4136C566A962' }, 'id'],
  ['id not a uuid', { ...clone(validEnvelopes[0]!), id: 'x'.repeat(36) }, 'id'],
  ['widget id with a space', { ...clone(validEnvelopes[0]!), widget: 'next flavour' }, 'widget'],
  ['widget id too long', { ...clone(validEnvelopes[0]!), widget: 'a'.repeat(65) }, 'widget'],
  ['time without offset', { ...clone(validEnvelopes[0]!), at: '2026-11-22T10:15:00' }, 'at'],
  ['time in month 13', { ...clone(validEnvelopes[0]!), at: '2026-13-22T10:15:00Z' }, 'at'],
  ['time as a number', { ...clone(validEnvelopes[0]!), at: 1763806500000 }, 'at'],
  ['extra top-level field', { ...clone(validEnvelopes[0]!), ip: '1.2.3.4' }, ''],
  ['missing subject', (({ subject: _s, ...rest }) => rest)(clone(validEnvelopes[0]!)), 'subject'],
  ['short anonymous id', { ...clone(validEnvelopes[0]!), subject: { anonymousId: 'abc' } }, 'subject.anonymousId'],
  [
    'extra subject field',
    { ...clone(validEnvelopes[0]!), subject: { anonymousId: 'a1b2c3d4e5f6a7b8c9d0', ip: 'x' } },
    'subject',
  ],
  [
    'NUL in user id',
    { ...clone(validEnvelopes[0]!), subject: { anonymousId: 'a1b2c3d4e5f6a7b8c9d0', userId: 'a\u0000b' } },
    'subject.userId',
  ],
  [
    'nested trait',
    {
      ...clone(validEnvelopes[0]!),
      subject: { anonymousId: 'a1b2c3d4e5f6a7b8c9d0', traits: { deep: { deeper: { deepest: 1 } } } },
    },
    'subject.traits.deep',
  ],
  [
    'too many traits',
    {
      ...clone(validEnvelopes[0]!),
      subject: {
        anonymousId: 'a1b2c3d4e5f6a7b8c9d0',
        traits: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`t${i}`, i])),
      },
    },
    'subject.traits',
  ],
  [
    'page with a query',
    { ...clone(validEnvelopes[0]!), context: { locale: 'en', page: '/a?email=x', sdk: 'heard/1' } },
    'context.page',
  ],
  [
    'page with a fragment',
    { ...clone(validEnvelopes[0]!), context: { locale: 'en', page: '/a#t', sdk: 'heard/1' } },
    'context.page',
  ],
  [
    'bad locale',
    { ...clone(validEnvelopes[0]!), context: { locale: 'english please', sdk: 'heard/1' } },
    'context.locale',
  ],
  ['vote for nothing', withData(pollVote, { options: [] }), 'data'],
  ['duplicate options', withData(pollVote, { options: ['a', 'a'] }), 'data.options'],
  ['too many options', withData(pollVote, { options: Array.from({ length: 21 }, (_, i) => `o${i}`) }), 'data.options'],
  ['option not an id', withData(pollVote, { options: ['<script>'] }), 'data.options.0'],
  ['options as a string', withData(pollVote, { options: 'mango' }), 'data.options'],
  ['empty other', withData(pollVote, { options: [], other: '' }), 'data.other'],
  ['blank other', withData(pollVote, { options: [], other: '   ' }), 'data.other'],
  ['huge other', withData(pollVote, { options: [], other: 'x'.repeat(281) }), 'data.other'],
  ['NUL in other', withData(pollVote, { options: [], other: 'a\u0000' }), 'data.other'],
  ['NPS 11', withData(npsResponse, { score: 11 }), 'data.score'],
  ['NPS -1', withData(npsResponse, { score: -1 }), 'data.score'],
  ['NPS 7.5', withData(npsResponse, { score: 7.5 }), 'data.score'],
  ['NPS as a string', withData(npsResponse, { score: '7' }), 'data.score'],
  ['NPS NaN-like', withData(npsResponse, { score: null }), 'data.score'],
  ['comment too long', withData(npsResponse, { score: 7, comment: 'x'.repeat(2001) }), 'data.comment'],
  ['comment with a bell', withData(npsResponse, { score: 7, comment: 'ding\u0007' }), 'data.comment'],
  ['dismissal with data', withData(5, { score: 3 }), 'data'],
  ['title too short', withData(ideaCreate, { title: 'ab' }), 'data.title'],
  ['title too long', withData(ideaCreate, { title: 'x'.repeat(141) }), 'data.title'],
  ['title with a newline', withData(ideaCreate, { title: 'one\ntwo' }), 'data.title'],
  ['title of spaces', withData(ideaCreate, { title: '     ' }), 'data.title'],
  [
    'negative fill time',
    withData(ideaCreate, { title: 'Dark mode', form: { honeypot: '', fillMs: -5 } }),
    'data.form.fillMs',
  ],
  [
    'e-mail without @',
    withData(betaSignup, { email: 'ada.example.com', consent: true, code: 'k3J9x_Qa' }),
    'data.email',
  ],
  [
    'e-mail with markup',
    withData(betaSignup, { email: '<a>@example.com', consent: true, code: 'k3J9x_Qa' }),
    'data.email',
  ],
  [
    'e-mail too long',
    withData(betaSignup, {
      email: `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(70)}.com`,
      consent: true,
      code: 'k3J9x_Qa',
    }),
    'data.email',
  ],
  ['no consent', withData(betaSignup, { email: 'ada@example.com', consent: false, code: 'k3J9x_Qa' }), 'data.consent'],
  [
    'consent as a string',
    withData(betaSignup, { email: 'ada@example.com', consent: 'yes', code: 'k3J9x_Qa' }),
    'data.consent',
  ],
  ['short code', withData(betaSignup, { email: 'ada@example.com', consent: true, code: 'abc' }), 'data.code'],
  [
    'too many fields',
    withData(betaSignup, {
      email: 'ada@example.com',
      consent: true,
      code: 'k3J9x_Qa',
      fields: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'x'])),
    }),
    'data.fields',
  ],
  [
    'field named like markup',
    withData(betaSignup, { email: 'ada@example.com', consent: true, code: 'k3J9x_Qa', fields: { '<b>': 'x' } }),
    'data.fields.<b>',
  ],
  ['definition on a dismissal', withDefinition(5, {}), ''],
  ['definition on an idea vote', withDefinition(7, { name: 'Roadmap' }), ''],
  ['definition as a string', withDefinition(describedPoll, 'Which theme?'), 'definition'],
  [
    'definition without its question',
    withDefinition(describedPoll, { options: pollDefinition().options }),
    'definition.question',
  ],
  ['blank question', withDefinition(describedPoll, { ...pollDefinition(), question: '   ' }), 'definition.question'],
  [
    'question too long',
    withDefinition(describedPoll, { ...pollDefinition(), question: 'q'.repeat(501) }),
    'definition.question',
  ],
  [
    'NUL in a question',
    withDefinition(describedPoll, { ...pollDefinition(), question: 'a\u0000' }),
    'definition.question',
  ],
  [
    'definition without options',
    withDefinition(describedPoll, { ...pollDefinition(), options: [] }),
    'definition.options',
  ],
  [
    'too many defined options',
    withDefinition(describedPoll, {
      ...pollDefinition(),
      options: Array.from({ length: 21 }, (_, i) => ({ id: `o${i}`, label: `O ${i}` })),
    }),
    'definition.options',
  ],
  [
    'two options with one id',
    withDefinition(describedPoll, {
      ...pollDefinition(),
      options: [
        { id: 'a', label: 'A' },
        { id: 'a', label: 'B' },
      ],
    }),
    'definition.options',
  ],
  [
    'label too long',
    withDefinition(describedPoll, { ...pollDefinition(), options: [{ id: 'a', label: 'x'.repeat(201) }] }),
    'definition.options.0.label',
  ],
  [
    'option id not an id',
    withDefinition(describedPoll, { ...pollDefinition(), options: [{ id: '<b>', label: 'B' }] }),
    'definition.options.0.id',
  ],
  [
    'javascript: image',
    withDefinition(describedPoll, {
      ...pollDefinition(),
      options: [{ id: 'a', label: 'A', image: 'javascript:alert(1)' }],
    }),
    'definition.options.0.image',
  ],
  [
    'image URL too long',
    withDefinition(describedPoll, {
      ...pollDefinition(),
      options: [{ id: 'a', label: 'A', image: `https://x.example/${'a'.repeat(2048)}` }],
    }),
    'definition.options.0.image',
  ],
  [
    'unknown option field',
    withDefinition(describedPoll, { ...pollDefinition(), options: [{ id: 'a', label: 'A', votes: 3 }] }),
    'definition.options.0',
  ],
  [
    'multiple as a string',
    withDefinition(describedPoll, { ...pollDefinition(), multiple: 'yes' }),
    'definition.multiple',
  ],
  ['unknown definition field', withDefinition(describedPoll, { ...pollDefinition(), closes: 'soon' }), 'definition'],
  ['NPS definition without a question', withDefinition(npsResponse, { product: 'Acme' }), 'definition.question'],
  ['beta definition without consent', withDefinition(describedBeta, { name: 'AI beta' }), 'definition.consent'],
  ['consent wording too long', withDefinition(describedBeta, { consent: 'x'.repeat(2001) }), 'definition.consent'],
  ['poll definition on a sign-up', withDefinition(describedBeta, pollDefinition()), 'definition'],
];

describe('envelope schema', () => {
  it('accepts every valid example, in the schema and in the browser validator', () => {
    for (const example of validEnvelopes) {
      expect(envelope.safeParse(example).error?.issues).toBeUndefined();
      expect(checkEnvelope(example)).toEqual([]);
    }
  });

  it.each(invalid)('rejects %s and names the field', (_name, value, path) => {
    const result = envelope.safeParse(value);
    expect(result.success).toBe(false);
    const zodPaths = issuesFromZod(result.error!.issues).map((issue) => issue.path);
    const lightPaths = checkEnvelope(value).map((issue) => issue.path);
    expect(lightPaths).toContain(path);
    // zod reports an unknown discriminator at the root of the union, which names no field.
    if (path !== 'type') expect(zodPaths).toContain(path);
  });

  it('rejects a JSON body with a __proto__ key as an unknown field, and pollutes nothing', () => {
    const value = JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(validEnvelopes[0]).slice(1)}`) as Json;
    // JSON.parse makes __proto__ an own key, not the prototype: the input does carry it.
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    const parsed = envelope.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['__proto__'] }),
    );
    expect(checkEnvelope(value).map((issue) => issue.code)).toContain('unrecognized_keys');
    // The unknown key is reported, not followed: nothing reached Object.prototype.
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    // Its own data are untouched too: the key is still there, as an own key holding the input's object.
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('rejects deeply nested input without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const value = { ...clone(validEnvelopes[0]!), data: deep };
    expect(envelope.safeParse(value).success).toBe(false);
    expect(checkEnvelope(value).length).toBeGreaterThan(0);
  });

  it('rejects megabyte strings in every text field quickly', () => {
    const huge = 'x'.repeat(1_000_000);
    const started = performance.now();
    for (const field of ['widget', 'at', 'id']) {
      const value = { ...clone(validEnvelopes[0]!), [field]: huge };
      expect(envelope.safeParse(value).success).toBe(false);
      expect(checkEnvelope(value)[0]?.code).toBe('too_big');
    }
    // Not a benchmark: length is checked before any pattern runs over the whole string.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('batches', () => {
  it('accepts one envelope or up to the batch limit', () => {
    expect(eventsRequest.safeParse(validEnvelopes[0]).success).toBe(true);
    expect(eventsRequest.safeParse({ events: validEnvelopes }).success).toBe(true);
    const full = Array.from({ length: LIMITS.batchEvents }, () => validEnvelopes[0]);
    expect(batch.safeParse({ events: full }).success).toBe(true);
  });

  it('rejects an empty batch, an oversized one and extra fields', () => {
    expect(batch.safeParse({ events: [] }).success).toBe(false);
    const over = Array.from({ length: LIMITS.batchEvents + 1 }, () => validEnvelopes[0]);
    expect(batch.safeParse({ events: over }).success).toBe(false);
    expect(batch.safeParse({ events: [validEnvelopes[0]], extra: 1 }).success).toBe(false);
  });

  it('names the failing envelope by index', () => {
    const result = batch.safeParse({ events: [validEnvelopes[0], { ...validEnvelopes[3], data: { score: 12 } }] });
    expect(issuesFromZod(result.error!.issues).map((issue) => issue.path)).toContain('events.1.data.score');
  });

  it('keeps a full envelope under the byte cap', () => {
    const biggest = withData(betaSignup, {
      email: `${'a'.repeat(64)}@${'b'.repeat(60)}.com`,
      consent: true,
      code: 'c'.repeat(32),
      fields: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, '字'.repeat(200)])),
      referredBy: 'r'.repeat(32),
      form: { honeypot: 'h'.repeat(200), fillMs: 1 },
    });
    expect(checkEnvelope(biggest)).toEqual([]);
    expect(utf8Bytes(JSON.stringify(biggest))).toBeLessThan(LIMITS.envelopeBytes);
  });
});

describe('utf8Bytes', () => {
  it('counts like TextEncoder, surrogate pairs included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => utf8Bytes(text) === new TextEncoder().encode(text).length),
      { numRuns: 500 },
    );
  });
});

describe('read responses', () => {
  it('accept valid examples and drop unknown fields', () => {
    const parsed = pollResults.parse({ ...validReads.pollResults, futureField: 1 });
    expect(parsed).not.toHaveProperty('futureField');
    expect(ideaList.parse(validReads.ideaList).ideas[0]!.status).toBe('shipped');
    expect(similarIdeas.parse(validReads.similarIdeas).ideas).toHaveLength(1);
    expect(betaStatus.parse(validReads.betaStatus).position).toBe(42);
    expect(eventsResponse.parse(validReads.eventsResponse).accepted).toHaveLength(1);
    expect(errorBody.parse(validReads.errorBody).issues![0]!.path).toBe('data.score');
  });

  it('reject wrong types, negative counts and unknown statuses', () => {
    expect(pollResults.safeParse({ ...validReads.pollResults, total: -1 }).success).toBe(false);
    expect(pollResults.safeParse({ ...validReads.pollResults, options: 'mango' }).success).toBe(false);
    const idea = { ...validReads.ideaList.ideas[0], status: 'abandoned' };
    expect(ideaList.safeParse({ ...validReads.ideaList, ideas: [idea] }).success).toBe(false);
    expect(betaStatus.safeParse({ ...validReads.betaStatus, position: 0 }).success).toBe(false);
    expect(errorBody.safeParse({ message: 'no code' }).success).toBe(false);
  });
});
