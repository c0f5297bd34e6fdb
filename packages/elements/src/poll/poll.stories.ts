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

/** A client whose earlier vote the collector already has: the poll opens on its results. */
const returning = (seed: MemorySeed, options: string[]) => {
  const collector = new MemoryCollector(seed);
  const heard = createClient({
    endpoint: 'https://collector.invalid',
    storage: 'memory',
    transport: memoryTransport(collector),
  });
  void heard.send('poll.vote', 'flavour', { options });
  return heard;
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

export const Ready: Story = {};

export const MultipleWithMax: Story = { args: { multiple: true, max: 2, allowOther: true } };

const image = (hue: number, label: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 120"><rect width="160" height="120" fill="hsl(${hue} 60% 75%)"/><text x="80" y="68" font-size="20" text-anchor="middle" font-family="sans-serif">${label}</text></svg>`)}`;

export const ImageOptions: Story = {
  args: {
    question: 'Which packaging do you like best?',
    options: 'sunrise=Sunrise, forest=Forest, ocean=Ocean',
    images: `sunrise=${image(30, 'Sunrise')}, forest=${image(130, 'Forest')}, ocean=${image(210, 'Ocean')}`,
  },
};

export const AfterVoting: Story = { parameters: { client: returning(seed, ['matcha']) } };

export const ResultsAlways: Story = { args: { showResults: 'always' } };

export const Closed: Story = { args: { closes: '2026-01-31T18:00:00Z' } };

export const Loading: Story = {
  parameters: { client: client({}, () => new Promise(() => undefined)) },
};

export const Queued: Story = {
  name: 'Offline, vote queued',
  parameters: {
    client: client({}, (request: HeardRequest) =>
      request.method === 'POST' ? new Promise(() => undefined) : Promise.resolve(new Response('{}', { status: 404 })),
    ),
  },
};

export const Refused: Story = {
  name: 'Error: vote refused',
  parameters: {
    client: client({}, async (request: HeardRequest) =>
      request.method === 'POST'
        ? new Response('{"code":"closed","message":"The poll is closed"}', { status: 409 })
        : new Response('{}', { status: 404 }),
    ),
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background:#121214;padding:1rem">${story()}</div>`],
};

export const Chinese: Story = {
  args: {
    lang: 'zh-CN',
    question: '我们下一个做什么口味？',
    options: 'mango=芒果, matcha=抹茶, sesame=黑芝麻',
    allowOther: true,
  },
};

export const RightToLeft: Story = {
  args: { lang: 'ar', question: 'ما النكهة التالية؟', options: 'mango=مانجو, matcha=ماتشا, sesame=سمسم أسود' },
  parameters: { dir: 'rtl' },
};

export const BadConfiguration: Story = {
  name: 'Error: bad attribute',
  args: { multiple: true, max: 5 },
};
