/**
 * Bad attributes, found by fuzzing every attribute of every element: whatever a page writes,
 * an element shows a working widget or the visible error state (never a blank, never "Loading…"
 * forever), throws nothing, runs no injected script and stays inside its container. The
 * attributes come from each class's declared properties, so a new one is fuzzed at once; the
 * values come from a seeded generator, so a failure names its seed and reproduces.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { PropertyDeclaration, ReactiveElement } from 'lit';
import '../src/define/poll.js';
import '../src/define/nps.js';
import '../src/define/idea-box.js';
import '../src/define/beta-signup.js';
import '../src/define/launcher.js';
import { consoleErrors, memoryClient, until } from './helpers.js';
import { XSS_PAYLOADS } from './xss-payloads.js';

const SEED = Number(new URLSearchParams(location.search).get('seed') ?? 20261207);
const PER_ELEMENT = 1_200;
const BATCH = 120;
const WIDTH = 400;

/** A small seeded generator (mulberry32): the same seed gives the same cases. */
const generator = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/** What each element needs to work: the fuzzed attribute replaces one of these or adds to them. */
const BASE: Record<string, Record<string, string>> = {
  'heard-poll': { 'poll-id': 'p', question: 'Which flavour next?', options: 'mango=Mango, matcha=Matcha' },
  'heard-nps': { 'survey-id': 's' },
  'heard-idea-box': { board: 'b' },
  'heard-beta-signup': { program: 'beta', 'consent-text': 'I agree to hear about the beta.' },
  'heard-launcher': { label: 'Feedback' },
};

const ids = ['p', 'flavour-2026', 'a.b:c_d-e', 'x'.repeat(64), 'x'.repeat(65)];
/** Values that are right, or nearly, for each attribute name: mutated below into one-char-off ones. */
const VALID: Record<string, string[]> = {
  'poll-id': ids,
  'survey-id': ids,
  board: ids,
  program: ids,
  question: ['Which flavour next?', 'Quel parfum ?', '下一个口味？', 'أي نكهة تالية؟'],
  options: [
    'a, b',
    'mango=Mango, matcha=Matcha, sesame=Black sesame',
    'Crème brûlée, Crème brulee',
    'a=A, a=B',
    'Mango, mango',
    'x, x',
    'a=, b=B',
    '=A, b',
    'a,,b',
    Array.from({ length: 30 }, (_, i) => `o${i}`).join(','),
  ],
  images: [
    'mango=https://example.com/mango.png',
    'mango=data:image/png;base64,iVBORw0KGgo=, matcha=/m.png',
    'mango=javascript:window.__xss=1',
    'nope=https://example.com/x.png',
    'mango',
  ],
  max: ['1', '2', '3'],
  'show-results': ['after-vote', 'always', 'never'],
  closes: ['2099-12-31T18:00:00Z', '2000-01-01T00:00:00Z', '2026-02-30', 'tomorrow'],
  product: ['Acme', 'this app'],
  mode: ['inline', 'prompt'],
  delay: ['0', '5', '3600'],
  sample: ['0', '0.5', '1'],
  'min-page-views': ['0', '3'],
  'cooldown-days': ['0', '180'],
  'dismiss-cooldown-days': ['0', '90'],
  trigger: ['checkout-complete', 'heard:open'],
  sort: ['top', 'new', 'trending'],
  status: ['open', 'planned', 'in_progress', 'shipped', 'declined'],
  'page-size': ['1', '20', '100'],
  'consent-text': ['I agree to hear about the beta.'],
  fields: ['name, role, company', 'name, name', 'first name', Array.from({ length: 11 }, (_, i) => `f${i}`).join()],
  'ref-param': ['ref', 'r-1', '1ref'],
  'share-url': [
    'https://example.com/beta',
    '/beta',
    'beta?x=1#y',
    'javascript:window.__xss=1',
    'data:text/html,<script>window.__xss=1</script>',
    'mailto:a@example.com',
    '//example.com/beta',
  ],
  label: ['Feedback', 'Avis'],
  placement: ['top', 'top-end', 'bottom-start', 'right-end'],
  for: ['nowhere', 'fuzz-anchor'],
  strings: [
    '{"vote":"Go","send":"Go","feedback":"Go","join":"Go"}',
    '{"vote":',
    'null',
    '[]',
    '"vote"',
    '1',
    '{"vote":1,"send":null}',
    '{"__proto__":{"vote":"polluted"}}',
    '{"send":"<img src=x onerror=window.__xss=1>"}',
    '{"totalVoters":"{count} souls","votes_one":"{count} ballot"}',
  ],
  theme: ['auto', 'light', 'dark'],
  lang: ['en', 'zh', 'zh-CN', 'en_US', 'zh_TW', 'fr-CA', 'x', 'i-klingon', 'en-US-u-ca-buddhist', 'zh-Hant-TW', 'ar'],
};

const GENERIC = [
  '',
  ' ',
  ' \t\n ',
  '0',
  '1',
  '-1',
  '-0',
  '1.5',
  '1e3',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '0x10',
  '9007199254740993',
  'true',
  'false',
  'null',
  'undefined',
  '{',
  '}',
  '[]',
  '{}',
  '[1,2]',
  '{"a":',
  '"quoted"',
  'constructor',
  '__proto__',
  'toString',
  '\u202Eevil',
  'مرحبا بالعالم',
  'שלום עולם',
  '👍🏽👨‍👩‍👧‍👦',
  '\u0000',
  'e\u0301\u0301\u0301',
  'ｗｉｄｅ',
  'a'.repeat(5_000),
  'word '.repeat(2_000),
  ','.repeat(500),
  '='.repeat(100),
  'javascript:window.__xss=1',
  'JaVaScRiPt:window.__xss=1',
  ' javascript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>',
  'vbscript:msgbox',
  '2026-12-31',
  '2026-02-30T25:61:00Z',
  '1970-01-01T00:00:00Z',
  '0000-00-00',
  '+275760-09-13T00:00:00.000Z',
  ...XSS_PAYLOADS,
];

const TWEAKS = ['-', '_', ' ', '=', ',', 'é', '0', '"', '{', '\u0000', '<'];
/** A valid-looking value with one character changed, added or taken away. */
const oneOff = (value: string, random: () => number) => {
  const at = Math.floor(random() * (value.length + 1));
  const tweak = TWEAKS[Math.floor(random() * TWEAKS.length)]!;
  const kind = random();
  if (kind < 0.33) return value.slice(0, at) + tweak + value.slice(at + 1);
  if (kind < 0.66) return value.slice(0, at) + tweak + value.slice(at);
  return value.slice(0, at) + value.slice(at + 1);
};

interface Attribute {
  name: string;
  boolean: boolean;
}

/** An element's attributes, as Lit reads them from its declared properties. */
const attributesOf = (tag: string): Attribute[] => {
  const declared = (customElements.get(tag) as unknown as typeof ReactiveElement).elementProperties;
  return [...declared].flatMap(([key, options]: [PropertyKey, PropertyDeclaration]) =>
    options.attribute === false
      ? []
      : [
          {
            name: typeof options.attribute === 'string' ? options.attribute : String(key).toLowerCase(),
            boolean: options.type === Boolean,
          },
        ],
  );
};

type Case = [name: string, value: string | null][];

/** Attributes no element declares: a typo, another element's, a guess. Each must be named in the console. */
const UNKNOWN = ['anchor', 'poll', 'option', 'heard-id', 'questions', 'x'];

/** Every attribute with every generic and valid-looking value, then random mixes up to the count. */
const casesFor = (tag: string, random: () => number): Case[] => {
  const attributes = attributesOf(tag);
  const valuesOf = (name: string) => {
    const valid = VALID[name] ?? [];
    return [...GENERIC, ...valid, ...valid.map((value) => oneOff(value, random))];
  };
  const cases: Case[] = [];
  for (const { name, boolean } of attributes) {
    if (boolean) cases.push([[name, null]]);
    for (const value of valuesOf(name)) cases.push([[name, value]]);
  }
  for (const name of UNKNOWN) cases.push([[name, 'x']]);
  while (cases.length < PER_ELEMENT) {
    const mix: Case = [];
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const { name } = attributes[Math.floor(random() * attributes.length)]!;
      const values = valuesOf(name);
      mix.push([name, random() < 0.05 ? null : values[Math.floor(random() * values.length)]!]);
    }
    cases.push(mix);
  }
  return cases;
};

const LOADING = ['Loading…', '加载中…'];
const visibleText = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
const describeCase = (tag: string, attrs: Case) =>
  `<${tag} ${attrs
    .map(([name, value]) => (value === null ? `-${name}` : `${name}=${JSON.stringify(value.slice(0, 60))}`))
    .join(' ')}>`;

type Xss = Window & { __xss?: number };

/** Renders a batch of cases side by side, each in its own 400 px box, and returns what went wrong. */
const runBatch = async (
  tag: string,
  cases: Case[],
  client: unknown,
  settleMs = 1_500,
): Promise<{ failures: string[]; uncaught: string[]; cases: number }> => {
  const failures: string[] = [];
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => {
    uncaught.push(String(event.error ?? event.message));
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    uncaught.push(String(event.reason));
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  window.addEventListener('error', onError, true);
  window.addEventListener('unhandledrejection', onRejection, true);
  const host = document.createElement('div');
  host.style.position = 'relative';
  const logged = new Map<Element, string[]>();
  const original = console.error;
  console.error = (...args: unknown[]) => {
    const el = args.find((arg): arg is Element => arg instanceof Element);
    const list = logged.get(el ?? host) ?? [];
    list.push(args.filter((arg) => typeof arg === 'string').join(' '));
    logged.set(el ?? host, list);
  };
  try {
    document.body.append(host);
    const elements = cases.map((attrs) => {
      const box = document.createElement('div');
      // Stacked in one place, all on screen: widgets read only once they are seen.
      box.style.cssText = `position: absolute; inset: 0 auto auto 0; inline-size: ${WIDTH}px; overflow: auto`;
      const el = document.createElement(tag) as HTMLElement & { client?: unknown; updateComplete: Promise<unknown> };
      const values = new Map<string, string | null>(Object.entries(BASE[tag]!));
      for (const [name, value] of attrs) values.set(name, value);
      for (const [name, value] of values) if (value !== null) el.setAttribute(name, value);
      if (tag === 'heard-launcher') el.innerHTML = '<p>Inside the popover</p>';
      else el.client = client;
      box.append(el);
      return { box, el, attrs };
    });
    try {
      host.append(...elements.map(({ box }) => box));
    } catch (error) {
      uncaught.push(String(error));
    }
    const settled = (el: Element) => {
      const text = visibleText(el);
      return text && !LOADING.includes(text);
    };
    // Everything that can settle does quickly; a state that never settles is reported below.
    await until(
      () => elements.every(({ el, attrs }) => settled(el) || attrs.some(([name]) => name === 'mode')),
      'every element to settle',
      settleMs,
    ).catch(() => undefined);
    await Promise.all(elements.map(({ el }) => el.updateComplete?.catch(() => undefined)));
    for (const { box, el, attrs } of elements) {
      const label = describeCase(tag, attrs);
      const text = visibleText(el);
      const alert = el.shadowRoot?.querySelector('[role=alert]');
      const quietPrompt = tag === 'heard-nps' && el.getAttribute('mode') === 'prompt';
      const anchored = tag === 'heard-launcher' && !!el.getAttribute('for') && !alert;
      if (!text && !quietPrompt && !anchored) failures.push(`blank: ${label}`);
      else if (LOADING.includes(text)) failures.push(`stays on "${text}": ${label}`);
      if (alert && el.shadowRoot?.querySelector('.problem')) {
        const lines = (logged.get(el) ?? []).filter((line) => line.startsWith(`<${tag}> `));
        if (!lines.length) failures.push(`error state without a console error: ${label}`);
      }
      for (const [name] of attrs)
        if (UNKNOWN.includes(name) && !(logged.get(el) ?? []).some((line) => line.startsWith(`<${tag}> ${name}:`)))
          failures.push(`unknown attribute not named in the console: ${label}`);
      if (box.scrollWidth > box.clientWidth + 1)
        failures.push(`${box.scrollWidth} px wide in a ${WIDTH} px box: ${label}`);
    }
    if ((window as Xss).__xss !== undefined) failures.push(`an injected script ran in ${tag}'s batch`);
  } finally {
    host.remove();
    console.error = original;
    // Let removals and late rejections land before the listeners go.
    await new Promise((resolve) => setTimeout(resolve));
    window.removeEventListener('error', onError, true);
    window.removeEventListener('unhandledrejection', onRejection, true);
  }
  return { failures, uncaught, cases: cases.length };
};

/** Failures grouped by kind, a few examples each, so a report stays readable. */
const summarise = (failures: string[]) => {
  const kinds = new Map<string, string[]>();
  for (const failure of failures) {
    const kind = failure.replace(/\d+ px wide/, 'N px wide').split(': <')[0]!;
    kinds.set(kind, [...(kinds.get(kind) ?? []), failure]);
  }
  return [...kinds].map(([kind, all]) => `${kind} (${all.length}), e.g.\n    ${all.slice(0, 4).join('\n    ')}`);
};

describe('attribute fuzz', function () {
  this.timeout(120_000);
  const { client } = memoryClient({ polls: { p: { mango: 3, matcha: 1 } } });
  const tags = Object.keys(BASE);
  const anchor = document.createElement('button');
  before(() => {
    anchor.id = 'fuzz-anchor';
    anchor.textContent = 'Open';
    document.body.append(anchor);
  });
  after(() => anchor.remove());

  for (const [index, tag] of tags.entries()) {
    it(`<${tag}>: ≥ ${PER_ELEMENT} values over every attribute, never blank, never throwing, never wider than its box`, async () => {
      const random = generator(SEED + index);
      const cases = casesFor(tag, random);
      const failures: string[] = [];
      (window as Xss).__xss = undefined;
      for (let at = 0; at < cases.length; at += BATCH) {
        const batch = cases.slice(at, at + BATCH);
        const result = await runBatch(tag, batch, client);
        failures.push(...result.failures);
        if (result.uncaught.length) {
          // Which cases threw: each alone (only when a batch did), a few examples.
          let found = 0;
          for (const attrs of batch) {
            const alone = await runBatch(tag, [attrs], client, 100);
            if (alone.uncaught.length) failures.push(`uncaught ${alone.uncaught[0]}: ${describeCase(tag, attrs)}`);
            if (alone.uncaught.length && ++found === 3) break;
          }
          if (!found) failures.push(`uncaught ${result.uncaught[0]} in a batch from case ${at}`);
        }
      }
      expect(cases.length).to.be.at.least(PER_ELEMENT);
      expect(summarise(failures), `seed ${SEED + index}, ${cases.length} cases`).to.deep.equal([]);
    });
  }
});

/** Renders markup into a 400 px box and returns the element, what it logged and any uncaught error. */
const render = async (markup: string, client?: unknown) => {
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => {
    uncaught.push(String(event.error ?? event.message));
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    uncaught.push(String(event.reason));
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  window.addEventListener('error', onError, true);
  window.addEventListener('unhandledrejection', onRejection, true);
  let el!: HTMLElement & { updateComplete: Promise<unknown> };
  const box = await fixture<HTMLDivElement>(html`<div style="inline-size: ${WIDTH}px; overflow: auto"></div>`);
  const errors = await consoleErrors(async () => {
    const template = document.createElement('template');
    template.innerHTML = markup;
    el = template.content.firstElementChild as typeof el;
    if (client) Object.assign(el, { client });
    box.append(el);
    await until(() => visibleText(el) && !LOADING.includes(visibleText(el)), 'the element to settle', 2_000).catch(
      () => undefined,
    );
    await el.updateComplete.catch(() => undefined);
  });
  window.removeEventListener('error', onError, true);
  window.removeEventListener('unhandledrejection', onRejection, true);
  return { el, box, errors, uncaught, text: visibleText(el), alert: el.shadowRoot?.querySelector('[role=alert]') };
};

describe('bad attributes', () => {
  const { client } = memoryClient();
  const markups = {
    'heard-poll': '<heard-poll poll-id="p" question="Q?" options="A, B"',
    'heard-nps': '<heard-nps survey-id="s"',
    'heard-idea-box': '<heard-idea-box board="b"',
    'heard-beta-signup': '<heard-beta-signup program="beta" consent-text="I agree"',
    'heard-launcher': '<heard-launcher',
  };

  for (const [tag, start] of Object.entries(markups)) {
    for (const strings of ['{"send":"Go"', 'null', '[]', '"Go"']) {
      it(`<${tag} strings='${strings}'> shows the error state and one console error naming strings`, async () => {
        const { text, alert, errors, uncaught } = await render(`${start} strings='${strings}'></${tag}>`, client);
        expect(uncaught).to.deep.equal([]);
        expect(text).not.to.contain('native code');
        expect(alert?.textContent).to.contain('strings');
        expect(errors.filter((line) => line.startsWith(`<${tag}> strings:`))).to.have.length(1);
      });
    }
  }

  it('overrides with own string values only, never with what a page put on Object.prototype', async () => {
    // Not enumerable, so the test runner's own loops are unaffected; a plain lookup still finds it.
    Object.defineProperty(Object.prototype, 'vote', { value: 'polluted', configurable: true, writable: true });
    try {
      const { el, text } = await render(
        `<heard-poll poll-id="p" question="Q?" options="A, B" strings='{"other":"Else","chooseUpTo":5}' allow-other></heard-poll>`,
        client,
      );
      expect(text).to.contain('Else');
      expect(text).not.to.contain('polluted');
      expect(el.shadowRoot!.querySelector('[part~=submit]')!.textContent!.trim()).to.equal('Vote');
    } finally {
      delete (Object.prototype as { vote?: string }).vote;
    }
  });

  it('speaks a page’s lang="en_US", and falls back from a tag Intl refuses, with a closing date', async () => {
    for (const lang of ['en_US', 'en-US-x-', '123', 'zh_CN']) {
      const { text, uncaught } = await render(
        `<heard-poll lang="${lang}" poll-id="p" question="Q?" options="A, B" closes="2099-12-31T18:00:00Z"></heard-poll>`,
        client,
      );
      expect(uncaught, lang).to.deep.equal([]);
      expect(text, lang).to.match(/2099/);
      expect(text, lang).to.match(lang === 'zh_CN' ? /投票截止于/ : /Open until/);
    }
  });

  it('keeps a 5,000-character word in a question inside a 400 px container', async () => {
    const { box } = await render(
      `<heard-poll poll-id="p" question="${'W'.repeat(5_000)}" options="A, B"></heard-poll>`,
      client,
    );
    expect(box.scrollWidth).to.be.at.most(WIDTH + 1);
  });

  for (const url of ['javascript:window.__xss=1', ' JAVASCRIPT:x', 'data:text/html,x', 'vbscript:x', 'mailto:a@b.c']) {
    it(`refuses share-url="${url}" with the error state`, async () => {
      const { alert, errors } = await render(
        `<heard-beta-signup program="beta" consent-text="I agree" share-url="${url}"></heard-beta-signup>`,
        client,
      );
      expect(alert?.textContent).to.contain('share-url');
      expect(errors.some((line) => line.startsWith('<heard-beta-signup> share-url:'))).to.equal(true);
    });
  }

  it('accepts an http(s) or relative share-url', async () => {
    for (const url of ['https://example.com/beta', '/beta', '?from=mail']) {
      const { alert } = await render(
        `<heard-beta-signup program="beta" consent-text="I agree" share-url="${url}"></heard-beta-signup>`,
        client,
      );
      expect(alert, url).to.equal(null);
    }
  });

  it('names an attribute it does not know in the console, and no global or data-/aria- one', async () => {
    const { errors, text } = await render(
      '<heard-launcher anchor="x" id="l" class="c" style="" title="t" data-x="1" aria-describedby="d" tabindex="0" dir="ltr" slot="s" part="p" hidden></heard-launcher>',
    );
    expect(errors.filter((line) => line.startsWith('<heard-launcher> anchor:'))).to.have.length(1);
    expect(errors.filter((line) => /^<heard-launcher> (?!anchor)/.test(line))).to.deep.equal([]);
    expect(text).to.contain('Feedback');
    const poll = await render(
      '<heard-poll poll-id="p" question="Q?" options="A, B" poll="x" option="A, B"></heard-poll>',
      client,
    );
    expect(poll.errors.filter((line) => /^<heard-poll> (poll|option):/.test(line))).to.have.length(2);
  });
});
