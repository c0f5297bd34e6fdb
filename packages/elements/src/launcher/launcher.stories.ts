/** <heard-launcher> closed, open, and misconfigured, around a poll on the in-memory transport. */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components';
import { createClient, memoryTransport, MemoryCollector } from '@heard/sdk';
import '../define/launcher.js';
import '../define/poll.js';
import type { HeardLauncher } from './launcher.js';

const client = () =>
  createClient({
    endpoint: 'https://collector.invalid',
    storage: 'memory',
    transport: memoryTransport(new MemoryCollector({ polls: { flavour: { mango: 12, matcha: 9 } } })),
  });

interface Args {
  label: string;
  placement: string;
  theme: string;
}

const meta = {
  title: 'Widgets/Launcher',
  component: 'heard-launcher',
  tags: ['autodocs'],
  args: { label: 'Feedback', placement: 'top-end', theme: 'auto' },
  parameters: { layout: 'fullscreen' },
  render: (args) =>
    html`<div style="block-size: 520px">
      <heard-launcher label=${args.label} placement=${args.placement} theme=${args.theme}>
        <heard-poll
          .client=${client()}
          poll-id="flavour"
          question="Which flavour next?"
          options="mango=Mango, matcha=Matcha"
        ></heard-poll>
      </heard-launcher>
    </div>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Closed: Story = { parameters: { state: { selector: '[part~=trigger]', text: 'Feedback' } } };

export const Open: Story = {
  parameters: { state: { selector: '[part~=panel]:popover-open' } },
  play: async ({ canvasElement }) => {
    const launcher = canvasElement.querySelector<HeardLauncher>('heard-launcher')!;
    await launcher.updateComplete;
    launcher.show();
  },
};

export const BadConfiguration: Story = {
  name: 'Error: bad attribute',
  args: { placement: 'middle' },
  parameters: { state: { selector: '[role=alert]', text: 'placement' } },
};
