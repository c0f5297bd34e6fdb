/**
 * The browser's validator must accept exactly what the zod schemas accept. fast-check makes
 * valid envelopes, then breaks them in random ways, and both must agree on every input.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { checkEnvelope, envelope } from '../src/index.js';
import { validEnvelopes } from './examples.js';

type Json = Record<string, unknown>;

const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('', ' ', '\u0000', 'a\nb', '<script>alert(1)</script>', '\u202Eevil', 'x'.repeat(3000), '__proto__'),
  fc.integer({ min: -20, max: 20 }),
  fc.double(),
  fc.constantFrom(true, false, null, 1, 0, -1, 10, 11, 7.5, Number.MAX_SAFE_INTEGER + 2),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 25 }),
);

/** Every path to a value inside an object tree. */
const paths = (value: unknown, prefix: string[] = []): string[][] => {
  if (typeof value !== 'object' || value === null) return [prefix];
  const children = Object.entries(value).flatMap(([key, child]) => paths(child, [...prefix, key]));
  return [prefix, ...children];
};

const mutate = (base: Json, path: string[], action: 'set' | 'delete' | 'add', newValue: unknown, key: string) => {
  const copy = structuredClone(base);
  if (path.length === 0) return action === 'add' ? { ...copy, [key]: newValue } : newValue;
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Json;
  const last = path.at(-1)!;
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing a generated key is the mutation.
  if (action === 'delete') delete parent[last];
  else if (action === 'set') parent[last] = newValue;
  else if (typeof parent[last] === 'object' && parent[last] !== null) (parent[last] as Json)[key] = newValue;
  else parent[last] = newValue;
  return copy;
};

const broken = fc
  .constantFrom(...validEnvelopes)
  .chain((base) =>
    fc.tuple(
      fc.constant(base as unknown as Json),
      fc.constantFrom(...paths(base)),
      fc.constantFrom('set' as const, 'delete' as const, 'add' as const),
      hostileValue,
      fc.constantFrom('extra', 'other', 'comment', 'userId', 'page', 'form', 'fields', 'definition', 'image', 'x'),
    ),
  )
  .map(([base, path, action, value, key]) => mutate(base, path, action, value, key));

describe('browser validator and zod schema', () => {
  it('agree on 5,000 broken envelopes', () => {
    let rejected = 0;
    fc.assert(
      fc.property(broken, (value) => {
        const zodOk = envelope.safeParse(value).success;
        const lightOk = checkEnvelope(value).length === 0;
        if (!zodOk) rejected++;
        expect(lightOk).toBe(zodOk);
      }),
      { numRuns: 5_000 },
    );
    // The generator must actually produce invalid inputs, or the test proves nothing.
    expect(rejected).toBeGreaterThan(2_500);
  });

  it('agree on envelopes with generated ids, times and scores', () => {
    const generated = fc.record({
      v: fc.constant(1),
      id: fc.oneof(fc.uuid(), fc.string()),
      type: fc.constantFrom('nps.response'),
      widget: fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,70}$/), fc.string()),
      at: fc.oneof(
        // Years 0000 to 9999 are the ones ISO 8601 writes with four digits; fast-check's default
        // range is mostly six-digit years, and too few envelopes would pass to compare.
        fc
          .date({ noInvalidDate: true, min: new Date('0001-01-01'), max: new Date('9999-12-31') })
          .map((d) => d.toISOString()),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
      ),
      subject: fc.record(
        {
          anonymousId: fc.stringMatching(/^[A-Za-z0-9_-]{10,70}$/),
          userSignature: fc.oneof(
            fc.stringMatching(/^[0-9a-f]{64}$/),
            fc.stringMatching(/^[0-9a-fA-F]{62,66}$/),
            fc.string(),
          ),
        },
        { requiredKeys: ['anonymousId'] },
      ),
      context: fc.record({
        locale: fc.constantFrom('en', 'zh-CN', 'x', 'de-DE-1996'),
        sdk: fc.constant('heard/0.1.0'),
      }),
      data: fc.record({ score: fc.oneof(fc.integer({ min: -3, max: 13 }), fc.double()) }),
    });
    let accepted = 0;
    fc.assert(
      fc.property(generated, (value) => {
        const zodOk = envelope.safeParse(value).success;
        if (zodOk) accepted++;
        expect(checkEnvelope(value).length === 0).toBe(zodOk);
      }),
      { numRuns: 2_000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
