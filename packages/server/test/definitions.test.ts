/**
 * A widget's definition travels with its answers: the collector keeps every distinct version in
 * the event's transaction, shows labels instead of ids, and exports both.
 */
import type { Envelope, PollSummary, WidgetDefinitions, BetaSummary, NpsSummary } from '@heard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, form, json, KINDS, startTestServer, type TestServer } from './helpers.js';

const described = (base: Envelope, definition: unknown): Envelope => ({ ...base, definition }) as Envelope;

const theme = (labels: { forest: string; sea: string }) => ({
  question: 'Which theme next?',
  options: [
    { id: 'forest', label: labels.forest, image: 'https://cdn.example.com/forest.jpg' },
    { id: 'sea', label: labels.sea },
    { id: 'desert', label: 'Desert' },
  ],
  allowOther: true,
});

// Time under test: the next envelope must arrive a clock tick later, so its last-seen moves.
const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

describe.each(KINDS)('widget definitions on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  const definitions = async (widget: string, type = '') =>
    json<WidgetDefinitions>(
      await server.admin('GET', `/widgets/${widget}/definition${type ? `?type=${encodeURIComponent(type)}` : ''}`),
    );

  it('keeps a label edited mid-poll as a second version with its time, and the summary shows labels', async () => {
    const first = theme({ forest: 'Forest', sea: 'Sea' });
    const accepted = await server.post({
      events: [
        described(envelope('poll.vote', 'theme', { options: ['forest'] }), first),
        // Key order differs, the definition does not: one version.
        described(envelope('poll.vote', 'theme', { options: ['forest'] }), {
          allowOther: true,
          options: first.options,
          question: first.question,
        }),
      ],
    });
    expect((await json(accepted)).accepted).toHaveLength(2);
    await pause();
    const repeat = await server.post(
      described(envelope('poll.vote', 'theme', { options: ['sea'], other: 'Tundra' }), first),
    );
    expect(repeat.status).toBe(200);
    await pause();
    const edited = theme({ forest: 'Woodland', sea: 'Sea' });
    await server.post(described(envelope('poll.vote', 'theme', { options: ['forest', 'sea'] }), edited));

    const { types } = await definitions('theme');
    expect(types.map((entry) => entry.type)).toEqual(['poll.vote']);
    const [{ latest, history }] = types as [WidgetDefinitions['types'][number]];
    expect(history.map((version) => version.definition)).toEqual([first, edited]);
    expect(latest.definition).toEqual(edited);
    const [old, now] = history as [(typeof history)[number], (typeof history)[number]];
    // The repeat moved the old version's last sighting, not its first.
    expect(old.lastSeen > old.firstSeen).toBe(true);
    expect(now.firstSeen > old.lastSeen).toBe(true);
    expect(old.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(old.hash).not.toBe(now.hash);

    const summary = await json<PollSummary>(await server.admin('GET', '/polls/theme/summary'));
    expect(summary.definition).toEqual(edited);
    expect(summary.versions).toHaveLength(2);
    expect(summary.options).toEqual([
      { id: 'forest', label: 'Woodland', image: 'https://cdn.example.com/forest.jpg', votes: 3, percent: 75 },
      { id: 'sea', label: 'Sea', image: null, votes: 2, percent: 50 },
      // Shown to people, chosen by nobody: listed all the same.
      { id: 'desert', label: 'Desert', image: null, votes: 0, percent: 0 },
    ]);
  });

  it('exports each vote with its option ids and the labels it was given under', async () => {
    const before = theme({ forest: 'Forest', sea: 'Sea' });
    const after = theme({ forest: 'Woodland', sea: 'Ocean' });
    const early = described(envelope('poll.vote', 'labelled', { options: ['forest', 'sea'] }), before);
    await server.post(early);
    await pause();
    const late = described(envelope('poll.vote', 'labelled', { options: ['sea'] }), after);
    await server.post(late);

    const lines = (await (await server.admin('GET', '/widgets/labelled/export?format=ndjson')).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; data: unknown; labels?: unknown });
    expect(lines.find((line) => line.id === early.id)).toMatchObject({
      data: { options: ['forest', 'sea'] },
      labels: { options: ['Forest', 'Sea'] },
    });
    expect(lines.find((line) => line.id === late.id)).toMatchObject({
      data: { options: ['sea'] },
      labels: { options: ['Ocean'] },
    });

    const [header, ...rows] = (await (await server.admin('GET', '/widgets/labelled/export?format=csv')).text())
      .trim()
      .split('\r\n');
    const columns = header!.split(',');
    const cell = (row: string, name: string) => row.split(',')[columns.indexOf(name)];
    const earlyRow = rows.find((row) => row.startsWith(early.id))!;
    expect(cell(earlyRow, 'options')).toBe('forest;sea');
    expect(cell(earlyRow, 'option_labels')).toBe('Forest;Sea');
    expect(
      cell(
        rows.find((row) => row.startsWith(late.id))!,
        'option_labels',
      ),
    ).toBe('Ocean');
  });

  it('stores no definition without its event: a refused envelope leaves none behind', async () => {
    await server.post(envelope('poll.vote', 'shut', { options: ['a'] }));
    expect((await server.admin('PATCH', '/polls/shut', { closed: true })).status).toBe(200);
    const before = await server.rows();
    const closed = await server.post(
      described(envelope('poll.vote', 'shut', { options: ['a'] }), {
        question: 'Q?',
        options: [{ id: 'a', label: 'A' }],
      }),
    );
    expect((await json(closed)).code).toBe('closed');
    // Sent faster than a person types: spam, refused before anything is written.
    const hurried = await server.post(
      described(
        envelope('beta.signup', 'beta-fast', { email: 'a@example.com', consent: true, code: 'abc123', form: form(5) }),
        {
          consent: 'I agree.',
        },
      ),
    );
    expect(hurried.status).toBe(403);
    expect(await server.rows()).toEqual(before);
    expect((await definitions('shut')).types).toEqual([]);
    expect((await definitions('beta-fast')).types).toEqual([]);
  });

  it.each([
    [
      'a label over 200 characters',
      { question: 'Q?', options: [{ id: 'a', label: 'x'.repeat(201) }] },
      'definition.options.0.label',
    ],
    [
      'a javascript: image',
      { question: 'Q?', options: [{ id: 'a', label: 'A', image: 'javascript:alert(1)' }] },
      'definition.options.0.image',
    ],
    ['no question', { options: [{ id: 'a', label: 'A' }] }, 'definition.question'],
    ['an unknown field', { question: 'Q?', options: [{ id: 'a', label: 'A' }], votes: 9 }, 'definition'],
    ['a string', 'Which theme?', 'definition'],
  ])('refuses a definition with %s as 400 at its field, and stores nothing', async (_name, definition, path) => {
    const before = await server.rows();
    const response = await server.post(described(envelope('poll.vote', 'broken', { options: ['a'] }), definition));
    expect(response.status).toBe(400);
    const body = await json<{ code: string; issues: { path: string }[] }>(response);
    expect(body.code).toBe('invalid_body');
    expect(body.issues.map((issue) => issue.path)).toContain(path);
    expect(await server.rows()).toEqual(before);
  });

  it('keeps the consent wording people agreed to, and the question an NPS survey asked', async () => {
    const consent = 'I agree to receive e-mails about the AI beta.';
    await server.post(
      described(
        envelope('beta.signup', 'ai-beta', { email: 'ada@example.com', consent: true, code: 'ada1234', form: form() }),
        {
          consent,
        },
      ),
    );
    await pause();
    const reworded = 'I agree to receive e-mails about the AI beta and to be asked for feedback.';
    await server.post(
      described(
        envelope('beta.signup', 'ai-beta', { email: 'bob@example.com', consent: true, code: 'bob1234', form: form() }),
        {
          consent: reworded,
        },
      ),
    );
    const beta = await json<BetaSummary>(await server.admin('GET', '/betas/ai-beta/summary'));
    expect(beta.definition).toEqual({ consent: reworded });
    expect(beta.versions.map((version) => version.definition.consent)).toEqual([consent, reworded]);

    const question = 'How likely are you to recommend Acme to a friend or colleague?';
    await server.post(described(envelope('nps.response', 'acme-nps', { score: 9 }), { question, product: 'Acme' }));
    const nps = await json<NpsSummary>(await server.admin('GET', '/nps/acme-nps/summary'));
    expect(nps.definition).toEqual({ question, product: 'Acme' });
    expect((await definitions('acme-nps', 'nps.response')).types[0]!.latest.definition).toEqual({
      question,
      product: 'Acme',
    });
  });

  it('answers a widget without definitions with none, and summaries with null', async () => {
    await server.post(envelope('poll.vote', 'bare', { options: ['a'] }));
    expect((await definitions('bare')).types).toEqual([]);
    const summary = await json<PollSummary>(await server.admin('GET', '/polls/bare/summary'));
    expect(summary.definition).toBeNull();
    expect(summary.options).toEqual([{ id: 'a', label: null, image: null, votes: 1, percent: 100 }]);
    expect((await server.admin('GET', '/widgets/bare/definition?type=poll.nope')).status).toBe(400);
  });
});
