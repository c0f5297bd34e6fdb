/** Every state of <heard-idea-box> a designer needs to see, on the SDK's in-memory transport. */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components';
import { createClient, memoryTransport, MemoryCollector, type SeedIdea } from '@heard/sdk';
import '../define/idea-box.js';

const IDEAS: SeedIdea[] = [
  { id: 'dark', title: 'Dark mode everywhere', votes: 41, description: 'Including the e-mails we send.' },
  { id: 'export', title: 'Export reports to CSV', votes: 27, status: 'planned' },
  { id: 'sso', title: 'Single sign-on with Okta', votes: 19, status: 'in_progress' },
  { id: 'mobile', title: 'A mobile app', votes: 12, status: 'shipped' },
  { id: 'fax', title: 'Fax integration', votes: 2, status: 'declined' },
];

const client = (ideas: SeedIdea[] = IDEAS) =>
  createClient({
    endpoint: 'https://collector.invalid',
    storage: 'memory',
    transport: memoryTransport(new MemoryCollector({ boards: { b: ideas } }), { latencyMs: 120 }),
  });

/** A person who voted for "Dark mode everywhere" when it was open; it has shipped since. */
const returningVoter = () => {
  const collector = new MemoryCollector({ boards: { b: IDEAS } });
  const heard = createClient({
    endpoint: 'https://collector.invalid',
    storage: 'memory',
    transport: memoryTransport(collector),
  });
  void heard.send('idea.vote', 'b', { idea: 'dark' });
  // What this browser gave: a vote for the idea while it was open.
  heard.keep('gave:ideas:b', JSON.stringify({ dark: 'open' }));
  collector.setStatus('b', 'dark', 'shipped');
  return heard;
};

interface Args {
  compact: boolean;
  theme: string;
  lang: string;
  board: string;
}

const meta = {
  title: 'Widgets/Idea box',
  component: 'heard-idea-box',
  tags: ['autodocs'],
  args: { compact: false, theme: 'auto', lang: 'en', board: 'b' },
  render: (args, { parameters }) =>
    html`<div lang=${args.lang} dir=${parameters.dir ?? 'ltr'} style="max-inline-size: 36rem">
      <heard-idea-box
        .client=${(parameters.client as ReturnType<typeof client> | undefined) ?? client(parameters.ideas as SeedIdea[] | undefined)}
        board=${args.board}
        ?compact=${args.compact}
        theme=${args.theme}
      ></heard-idea-box>
    </div>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Board: Story = { parameters: { state: { selector: '[part~=idea]', text: 'Dark mode everywhere' } } };

export const Empty: Story = { parameters: { ideas: [], state: { text: 'No ideas yet' } } };

export const ClosingTheLoop: Story = {
  name: 'A voter sees their idea shipped',
  parameters: {
    client: returningVoter(),
    state: { selector: '.notice', text: 'Shipped: “Dark mode everywhere” — you asked for this.' },
  },
};

export const Compact: Story = { args: { compact: true }, parameters: { state: { selector: '[part~=idea]' } } };

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { state: { selector: '[part~=idea]' } },
  decorators: [(story) => html`<div style="background:#121214;padding:1rem">${story()}</div>`],
};

export const Chinese: Story = {
  args: { lang: 'zh-CN' },
  parameters: {
    ideas: [
      { id: 'a', title: '深色模式', votes: 12 },
      { id: 'b', title: '导出为 CSV', votes: 4, status: 'planned' },
    ],
    state: { text: '深色模式' },
  },
};

export const RightToLeft: Story = {
  args: { lang: 'ar' },
  parameters: {
    dir: 'rtl',
    ideas: [
      { id: 'a', title: 'الوضع الداكن', votes: 12 },
      { id: 'b', title: 'Export to CSV', votes: 4 },
    ],
    state: { text: 'الوضع الداكن' },
  },
};

export const HostileText: Story = {
  name: 'User text with markup and long words',
  parameters: {
    ideas: [
      { id: 'x1', title: '<img src=x onerror=alert(1)> please', votes: 3, description: '<script>alert(1)</script>' },
      { id: 'x2', title: `Supercalifragilistic${'expialidocious'.repeat(12)}`, votes: 2 },
      { id: 'x3', title: '\u202Egnp.exe — reversed text', votes: 1 },
    ],
    state: { text: '<img src=x onerror=alert(1)> please' },
  },
};

export const BadConfiguration: Story = {
  name: 'Error: bad attribute',
  args: { board: 'not valid' },
  parameters: { state: { selector: '[role=alert]', text: 'board' } },
};
