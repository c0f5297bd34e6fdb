/** Every state of <heard-poll> a designer needs to see, on the SDK's in-memory transport. */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components';
import {
  createClient,
  memoryTransport,
  MemoryCollector,
  type HeardRequest,
  type MemorySeed,
  type Transport,
} from '@heard/sdk';
import '../define/poll.js';

/** A client per story, on its own in-memory collector, so stories never share votes. */
const client = (seed: MemorySeed = {}, transport?: Transport) =>
  createClient({
    endpoint: 'https://collector.invalid',
    storage: 'memory',
    transport: transport ?? memoryTransport(new MemoryCollector(seed), { latencyMs: 150 }),
  });

/**
 * A client that voted here before: the collector has the vote and this browser remembers
 * giving it (reads name nobody), so the poll opens on its results.
 */
const returning = (seed: MemorySeed, options: string[], transport?: Transport) => {
  const collector = new MemoryCollector(seed);
  const heard = createClient({
    endpoint: 'https://collector.invalid',
    storage: 'memory',
    transport: transport ?? memoryTransport(collector),
  });
  void heard.send('poll.vote', 'flavour', { options });
  heard.keep('gave:poll:flavour', JSON.stringify({ options }));
  return heard;
};

/** Chooses the first answer and votes, as a person would, to show what follows. */
const voteFirst = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const el = canvasElement.querySelector('heard-poll')!;
  const answer = () => el.shadowRoot?.querySelector<HTMLInputElement>('input[name=answer]');
  while (!answer()) await new Promise((resolve) => setTimeout(resolve, 10));
  answer()!.click();
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
};

const seed: MemorySeed = { polls: { flavour: { mango: 42, matcha: 31, sesame: 17 } } };

interface Args {
  question: string;
  options: string;
  images: string;
  multiple: boolean;
  max: number | undefined;
  allowOther: boolean;
  showResults: string;
  closes: string;
  theme: string;
  lang: string;
  /** Design tokens: the preview sets them around the story. */
  [token: `--heard-${string}`]: string | undefined;
}

const meta = {
  title: 'Widgets/Poll',
  component: 'heard-poll',
  tags: ['autodocs'],
  args: {
    question: 'Which flavour should we make next?',
    options: 'mango=Mango, matcha=Matcha, sesame=Black sesame',
    images: '',
    multiple: false,
    max: undefined,
    allowOther: false,
    showResults: 'after-vote',
    closes: '',
    theme: 'auto',
    lang: 'en',
  },
  render: (args, { parameters }) =>
    html`<div lang=${args.lang} dir=${parameters.dir ?? 'ltr'} style="max-inline-size: 32rem">
      <heard-poll
        .client=${(parameters.client as ReturnType<typeof client> | undefined) ?? client(seed)}
        poll-id="flavour"
        question=${args.question}
        options=${args.options}
        images=${args.images}
        ?multiple=${args.multiple}
        max=${ifDefined(args.max)}
        ?allow-other=${args.allowOther}
        show-results=${args.showResults}
        closes=${args.closes}
        theme=${args.theme}
      ></heard-poll>
    </div>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Ready: Story = { parameters: { state: { selector: 'input[name=answer]', text: 'Vote' } } };

/** A brand's tokens, changed live from the controls: colours, corners and spacing reach every part. */
export const Theming: Story = {
  args: {
    '--heard-accent': '#7c3aed',
    '--heard-on-accent': '#ffffff',
    '--heard-background': '#faf5ff',
    '--heard-border': '#a78bfa',
    '--heard-radius': '1.25em',
    '--heard-gap': '1em',
  },
  parameters: { state: { selector: 'input[name=answer]', text: 'Vote' } },
};

export const MultipleWithMax: Story = {
  args: { multiple: true, max: 2, allowOther: true },
  parameters: { state: { selector: 'input[type=checkbox]', text: 'Choose up to 2.' } },
};

const image = (hue: number, label: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 120"><rect width="160" height="120" fill="hsl(${hue} 60% 75%)"/><text x="80" y="68" font-size="20" text-anchor="middle" font-family="sans-serif">${label}</text></svg>`)}`;

export const ImageOptions: Story = {
  args: {
    question: 'Which packaging do you like best?',
    options: 'sunrise=Sunrise, forest=Forest, ocean=Ocean',
    images: `sunrise=${image(30, 'Sunrise')}, forest=${image(130, 'Forest')}, ocean=${image(210, 'Ocean')}`,
  },
  parameters: { state: { selector: '[part~=image]' } },
};

export const AfterVoting: Story = {
  parameters: { client: returning(seed, ['matcha']), state: { selector: '[part~=result].mine', text: 'Your vote' } },
};

export const ResultsAlways: Story = {
  args: { showResults: 'always' },
  parameters: { state: { selector: '[part~=results]', text: 'Vote' } },
};

export const Closed: Story = {
  args: { closes: '2026-01-31T18:00:00Z' },
  parameters: { state: { text: 'This poll closed on' } },
};

/** A returning voter's poll while the read of its results has not answered. */
export const Loading: Story = {
  parameters: { client: returning(seed, ['matcha'], () => new Promise(() => undefined)), state: { text: 'Loading…' } },
};

export const Queued: Story = {
  name: 'Offline, vote queued',
  parameters: {
    client: client({}, (request: HeardRequest) =>
      request.method === 'POST' ? new Promise(() => undefined) : Promise.resolve(new Response('{}', { status: 404 })),
    ),
    state: { text: 'will be sent as soon as it can be' },
  },
  play: voteFirst,
};

export const Refused: Story = {
  name: 'Error: vote refused',
  parameters: {
    client: client({}, async (request: HeardRequest) =>
      request.method === 'POST'
        ? new Response('{"code":"invalid_body","message":"data.options.0: Invalid input"}', { status: 400 })
        : new Response('{}', { status: 404 }),
    ),
    state: { selector: '[role=alert]', text: 'Your vote could not be sent' },
  },
  play: voteFirst,
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' }, state: { selector: 'input[name=answer]' } },
  decorators: [(story) => html`<div style="background:#121214;padding:1rem">${story()}</div>`],
};

export const Chinese: Story = {
  args: {
    lang: 'zh-CN',
    question: '我们下一个做什么口味？',
    options: 'mango=芒果, matcha=抹茶, sesame=黑芝麻',
    allowOther: true,
  },
  parameters: { state: { text: '投票' } },
};

export const RightToLeft: Story = {
  args: { lang: 'ar', question: 'ما النكهة التالية؟', options: 'mango=مانجو, matcha=ماتشا, sesame=سمسم أسود' },
  parameters: { dir: 'rtl', state: { text: 'مانجو' } },
};

export const BadConfiguration: Story = {
  name: 'Error: bad attribute',
  args: { multiple: true, max: 5 },
  parameters: { state: { selector: '[role=alert]', text: 'max' } },
};
