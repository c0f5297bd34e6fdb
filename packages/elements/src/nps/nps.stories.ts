/** Every state of <heard-nps> a designer needs to see, on the SDK's in-memory transport. */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components';
import { createClient, memoryTransport, MemoryCollector } from '@heard/sdk';
import { Frequency } from '@heard/sdk/frequency';
import '../define/nps.js';
import type { HeardNps } from './nps.js';

const client = () =>
  createClient({
    endpoint: 'https://collector.invalid',
    storage: 'memory',
    transport: memoryTransport(new MemoryCollector()),
  });

interface Args {
  product: string;
  mode: string;
  noComment: boolean;
  theme: string;
  lang: string;
  surveyId: string;
}

/** Clicks a score, as a person would, to show the steps after it. */
const choose =
  (score: number) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector<HeardNps>('heard-nps')!;
    await el.updateComplete;
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=score]')[score]!.click();
    await el.updateComplete;
  };

const meta = {
  title: 'Widgets/NPS',
  component: 'heard-nps',
  tags: ['autodocs'],
  args: { product: 'Acme', mode: 'inline', noComment: false, theme: 'auto', lang: 'en', surveyId: 'nps-2026' },
  render: (args, { parameters }) =>
    html`<div lang=${args.lang} dir=${parameters.dir ?? 'ltr'} style="max-inline-size: 32rem">
      <heard-nps
        .client=${client()}
        survey-id=${args.surveyId}
        product=${args.product}
        mode=${args.mode}
        delay="0"
        ?no-comment=${args.noComment}
        theme=${args.theme}
      ></heard-nps>
    </div>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Inline: Story = { parameters: { state: { selector: '[part~=score]', text: 'How likely' } } };

export const FollowUpDetractor: Story = {
  name: 'Follow-up after a low score',
  play: choose(4),
  parameters: { state: { text: 'What disappointed you?' } },
};

export const FollowUpPromoter: Story = {
  name: 'Follow-up after a high score',
  play: choose(10),
  parameters: { state: { text: 'What do you like most?' } },
};

export const Thanks: Story = {
  args: { noComment: true },
  play: choose(9),
  parameters: { state: { text: 'Thank you for your feedback!' } },
};

/** Opened with show(): a prompt opens by itself only where it can remember being dismissed. */
export const Prompt: Story = {
  name: 'As a corner prompt',
  args: { mode: 'prompt' },
  parameters: { state: { selector: '[role=dialog] [part~=score]' } },
  play: async ({ canvasElement }) => {
    await canvasElement.querySelector<HeardNps>('heard-nps')!.show();
  },
};

/** A person who answered within the cooldown is told so, never asked again. */
export const Answered: Story = {
  name: 'Already answered',
  parameters: { state: { text: 'Thank you for your feedback!' } },
  render: (args) => {
    const answered = client();
    new Frequency(answered).record(args.surveyId, 'answered');
    return html`<div style="max-inline-size: 32rem">
      <heard-nps .client=${answered} survey-id=${args.surveyId} product=${args.product} theme=${args.theme}></heard-nps>
    </div>`;
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { state: { selector: '[part~=score]' } },
  decorators: [(story) => html`<div style="background:#121214;padding:1rem">${story()}</div>`],
};

export const Chinese: Story = {
  args: { lang: 'zh-CN', product: '我们的应用' },
  parameters: { state: { text: '推荐我们的应用' } },
};

export const RightToLeft: Story = {
  args: { lang: 'ar' },
  parameters: { dir: 'rtl', state: { selector: '[part~=score]' } },
};

export const BadConfiguration: Story = {
  name: 'Error: bad attribute',
  args: { surveyId: 'not valid' },
  parameters: { state: { selector: '[role=alert]', text: 'survey-id' } },
};
