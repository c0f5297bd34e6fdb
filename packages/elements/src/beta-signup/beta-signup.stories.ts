/** Every state of <heard-beta-signup> a designer needs to see, on the SDK's in-memory transport. */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components';
import { createClient, memoryTransport, MemoryCollector } from '@heard/sdk';
import '../define/beta-signup.js';
import type { HeardBetaSignup } from './beta-signup.js';

const client = () =>
  createClient({
    endpoint: 'https://collector.invalid',
    storage: 'memory',
    transport: memoryTransport(new MemoryCollector(), { latencyMs: 150 }),
  });

interface Args {
  program: string;
  fields: string;
  consentText: string;
  theme: string;
  lang: string;
}

/** Submits the form as a person would, to show what follows. */
const submit =
  (email: string, consent: boolean) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector<HeardBetaSignup>('heard-beta-signup')!;
    const root = el.shadowRoot!;
    // The form shows once the element knows this person has not signed up.
    while (!root.querySelector('[part~=email]')) await new Promise((resolve) => setTimeout(resolve, 10));
    root.querySelector<HTMLInputElement>('[part~=email]')!.value = email;
    root.querySelector<HTMLInputElement>('input[name=consent]')!.checked = consent;
    root.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
  };

const meta = {
  title: 'Widgets/Beta sign-up',
  component: 'heard-beta-signup',
  tags: ['autodocs'],
  args: {
    program: 'ai-assistant-beta',
    fields: 'name, role',
    consentText: 'I agree to receive e-mails about the AI assistant beta. I can unsubscribe at any time.',
    theme: 'auto',
    lang: 'en',
  },
  render: (args, { parameters }) =>
    html`<div lang=${args.lang} dir=${parameters.dir ?? 'ltr'} style="max-inline-size: 30rem">
      <heard-beta-signup
        .client=${client()}
        program=${args.program}
        fields=${args.fields}
        consent-text=${args.consentText}
        theme=${args.theme}
      ></heard-beta-signup>
    </div>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Form: Story = { parameters: { state: { selector: '[part~=email]', text: 'Join the beta' } } };

export const InvalidEmailAndNoConsent: Story = {
  name: 'Form with errors',
  play: submit('ada.example.com', false),
  parameters: { state: { selector: '#email-error + *, #consent-error', text: 'Please agree' } },
};

export const Confirmation: Story = {
  name: 'Signed up: place and invitation link',
  play: submit('ada@example.com', true),
  parameters: { state: { selector: '[part~=link]', text: 'in line' } },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { state: { selector: '[part~=email]' } },
  decorators: [(story) => html`<div style="background:#121214;padding:1rem">${story()}</div>`],
};

export const Chinese: Story = {
  args: { lang: 'zh-CN', consentText: '我同意接收有关 AI 助手测试的邮件，可随时退订。' },
  parameters: { state: { selector: '[part~=email]', text: '我同意' } },
};

export const RightToLeft: Story = {
  args: { lang: 'ar', consentText: 'أوافق على تلقي رسائل حول النسخة التجريبية.' },
  parameters: { dir: 'rtl', state: { selector: '[part~=email]', text: 'أوافق' } },
};

export const BadConfiguration: Story = {
  name: 'Error: bad attribute',
  args: { consentText: '' },
  parameters: { state: { selector: '[role=alert]', text: 'consent-text' } },
};
