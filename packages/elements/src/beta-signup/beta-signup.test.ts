import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryCollector, memoryTransport, type HeardClient, type HeardRequest } from '@heard/sdk';
import '../define/beta-signup.js';
import type { HeardBetaSignup } from './beta-signup.js';
import {
  awayClients,
  browserStorage,
  memoryClient,
  refusingSpam,
  renderMisconfigured,
  until,
} from '../../test/helpers.js';

const shadow = (el: HeardBetaSignup) => el.shadowRoot!;
const input = (el: HeardBetaSignup, selector: string) => shadow(el).querySelector<HTMLInputElement>(selector)!;
const text = (el: HeardBetaSignup) => shadow(el).textContent!.replace(/\s+/g, ' ').trim();
const signups = (collector: MemoryCollector) =>
  [...collector.events.values()].filter((e) => e.type === 'beta.signup').map((e) => e.data as Record<string, unknown>);

const signup = async (client: HeardClient, fields = 'name, role') => {
  const el = await fixture<HeardBetaSignup>(
    html`<heard-beta-signup
      .client=${client}
      program="ai-beta"
      fields=${fields}
      consent-text="I agree to receive e-mails about the AI assistant beta."
    ></heard-beta-signup>`,
  );
  await until(() => shadow(el).querySelector('form, [part~=link]'), 'the form or status');
  return el;
};

const fill = async (el: HeardBetaSignup, email: string, consent = true, extra: Record<string, string> = {}) => {
  input(el, '[part~=email]').value = email;
  for (const [name, value] of Object.entries(extra)) input(el, `input[name=${name}]`).value = value;
  input(el, 'input[name=consent]').checked = consent;
  input(el, '[part~=submit]').click();
  await el.updateComplete;
};

describe('<heard-beta-signup>', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('asks for an e-mail, the extra fields and consent, with labels, and is accessible', async () => {
    const { client } = memoryClient();
    const el = await signup(client);
    expect([...shadow(el).querySelectorAll('label')].map((l) => l.textContent!.trim())).to.deep.equal([
      'E-mail',
      'Name',
      'Role',
      'Website',
      'I agree to receive e-mails about the AI assistant beta.',
    ]);
    expect(input(el, '#website').closest('[aria-hidden=true]')).not.to.equal(null);
    expect(input(el, '#website').tabIndex).to.equal(-1);
    await expect(el).to.be.accessible();
  });

  it('refuses a bad e-mail with a message on the field, and sends nothing', async () => {
    const { client, collector } = memoryClient();
    const el = await signup(client);
    await fill(el, 'ada.example.com');
    const email = input(el, '[part~=email]');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(el).getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.contain(
      'name@example.com',
    );
    expect(shadow(el).activeElement).to.equal(email);
    // Submitted from the field itself, focus does not move: the message is an alert, so it is heard.
    expect(shadow(el).getElementById('email-error')!.getAttribute('role')).to.equal('alert');
    expect(collector.events.size).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('sends nothing without consent', async () => {
    const { client, collector } = memoryClient();
    const el = await signup(client);
    await fill(el, 'ada@example.com', false);
    expect(text(el)).to.contain('Please agree before we sign you up.');
    expect(input(el, 'input[name=consent]').getAttribute('aria-invalid')).to.equal('true');
    await client.flush();
    expect(client.pending()).to.deep.equal([]);
    expect(collector.events.size).to.equal(0);
  });

  it('signs up with fields, spam signals and the referral code from the URL, then shows place and link', async () => {
    history.replaceState(null, '', `${location.pathname}?ref=Friend-1234`);
    const { client, collector } = memoryClient();
    const el = await signup(client);
    const codes: string[] = [];
    el.addEventListener('heard-signup', (event) => codes.push(event.code));
    // Time under test: the form reports how long it was open before it was sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fill(el, 'ada@example.com', true, { name: 'Ada', role: '' });
    const link = await until(() => shadow(el).querySelector<HTMLInputElement>('[part~=link]'), 'the confirmation');
    const [data] = signups(collector);
    expect(data).to.deep.include({
      email: 'ada@example.com',
      consent: true,
      fields: { name: 'Ada' },
      referredBy: 'Friend-1234',
    });
    expect(data!.code).to.match(/^[A-Za-z0-9]{10}$/);
    expect(codes).to.deep.equal([data!.code]);
    const form = data!.form as { honeypot: string; fillMs: number };
    expect(form.honeypot).to.equal('');
    expect(form.fillMs).to.be.at.least(50);
    expect(text(el)).to.contain('You are number 1 of 1 in line.');
    expect(new URL(link.value).searchParams.get('ref')).to.equal(data!.code);
    await expect(el).to.be.accessible();
  });

  it('sends the consent wording the person agreed to, word for word', async () => {
    const { client, collector } = memoryClient();
    const el = await signup(client);
    await fill(el, 'grace@example.com');
    await until(() => collector.events.size, 'the sign-up');
    expect(([...collector.events.values()][0] as { definition?: unknown }).definition).to.deep.equal({
      consent: 'I agree to receive e-mails about the AI assistant beta.',
    });
  });

  it('carries what a bot typed into the honeypot', async () => {
    const { client, collector } = memoryClient();
    const el = await signup(client, '');
    input(el, '#website').value = 'http://spam.example';
    await fill(el, 'bot@example.com');
    await until(() => collector.events.size, 'the sign-up');
    expect((signups(collector)[0]!.form as { honeypot: string }).honeypot).to.equal('http://spam.example');
  });

  it('shows a returning person their status instead of the form', async () => {
    const { client, collector } = memoryClient();
    await fill(await signup(client), 'ada@example.com');
    await until(() => collector.events.size, 'the sign-up');
    const again = await signup(client);
    await until(() => shadow(again).querySelector('[part~=link]'), 'the status');
    expect(shadow(again).querySelector('form')).to.equal(null);
    expect(text(again)).to.contain('You are on the list!');
  });

  it('signing up again with the same e-mail shows the existing place, not an error', async () => {
    const collector = new MemoryCollector();
    const first = memoryClient({}, undefined, collector).client;
    const second = memoryClient({}, undefined, collector).client;
    await fill(await signup(first), 'bea@example.com');
    await fill(await signup(second), 'cy@example.com');
    const again = await signup(memoryClient({}, undefined, collector).client);
    await fill(again, 'bea@example.com');
    const link = await until(() => shadow(again).querySelector<HTMLInputElement>('[part~=link]'), 'the status');
    expect(text(again)).to.contain('You are number 1 of 2 in line.');
    expect(new URL(link.value).searchParams.get('ref')).to.equal(signups(collector)[0]!.code);
  });

  it('copies the invitation link where the Web Share API is missing', async () => {
    const { client } = memoryClient();
    const el = await signup(client);
    await fill(el, 'dee@example.com');
    const share = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~=share]'), 'the share button');
    expect(share.textContent!.trim()).to.equal(typeof navigator.share === 'function' ? 'Share' : 'Copy link');
    if (typeof navigator.share !== 'function') {
      share.click();
      await until(
        () => text(el).includes('Link copied.') || shadow(el).activeElement === input(el, '[part~=link]'),
        'copy or select',
      );
    }
  });

  it('can be filled in with the keyboard alone', async () => {
    const { client, collector } = memoryClient();
    const el = await signup(client, 'name');
    input(el, '[part~=email]').focus();
    await sendKeys({ type: 'kb@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kay' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => collector.events.size, 'the sign-up');
    expect(signups(collector)[0]).to.deep.include({ email: 'kb@example.com', fields: { name: 'Kay' } });
    // The form gives way to the confirmation: focus goes to it, not to the page's body.
    await until(() => shadow(el).activeElement?.matches('[data-focus]'), 'focus on the confirmation');
  });

  it('keeps what the person typed when the endpoint refuses, and says why in words for people', async () => {
    const refuse = { now: true };
    const { client } = memoryClient({}, refusingSpam(new MemoryCollector(), refuse));
    const el = await signup(client, 'name');
    input(el, '[part~=submit]').focus();
    await fill(el, 'ada@example.com', true, { name: 'Ada' });
    const alert = await until(() => shadow(el).querySelector('[role=alert]'), 'the refusal');
    expect(alert.textContent).to.contain('faster than a person answers');
    expect(text(el)).not.to.contain('755 ms');
    expect(text(el)).not.to.contain('on the list');
    expect(input(el, '[part~=email]').value).to.equal('ada@example.com');
    expect(input(el, 'input[name=name]').value).to.equal('Ada');
    expect(input(el, 'input[name=consent]').checked).to.equal(true);
    expect(shadow(el).activeElement, 'focus stays on the button').to.equal(input(el, '[part~=submit]'));
    refuse.now = false;
    input(el, '[part~=submit]').click();
    await until(() => shadow(el).querySelector('[part~=link]'), 'the place and the link');
    expect(text(el)).to.contain('You are number 1 of 1 in line.');
  });

  it('after a reload with the collector away, says a sign-up still in the outbox is saved, not on the list, until it is', async () => {
    const collector = new MemoryCollector();
    const { load: client, away } = awayClients(browserStorage(), collector);
    const page = client();
    const first = await signup(page, '');
    await fill(first, 'later@example.com');
    await until(() => text(first).includes('It will be sent as soon as it can be'), 'the saved note', 4_000);
    // The reload: the first page and its client are gone.
    first.remove();
    page.destroy();
    const again = await fixture<HeardBetaSignup>(
      html`<heard-beta-signup .client=${client()} program="ai-beta" consent-text="I agree."></heard-beta-signup>`,
    );
    await until(() => text(again).includes('It will be sent as soon as it can be'), 'the saved note after the reload');
    expect(text(again)).not.to.contain('on the list');
    away.now = false;
    await until(() => shadow(again).querySelector('[part~=link]'), 'the place and link once delivered', 5_000);
    expect(signups(collector)).to.have.length(1);
  });

  it('says a slow sign-up is saved, then shows the place and link once the endpoint has it', async () => {
    const collector = new MemoryCollector();
    const inner = memoryTransport(collector);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { client } = memoryClient({}, async (request: HeardRequest) => {
      if (request.method === 'POST') await held;
      return inner(request);
    });
    const el = await signup(client, '');
    await fill(el, 'slow@example.com');
    await until(() => text(el).includes('It will be sent as soon as it can be'), 'the saved note', 4_000);
    expect(text(el)).not.to.contain('on the list');
    release();
    await until(() => shadow(el).querySelector('[part~=link]'), 'the place and the link');
    expect(text(el)).to.contain('You are number 1 of 1 in line.');
    expect(text(el)).not.to.contain('as soon as it can be');
  });

  for (const [attribute, markup] of [
    ['program', '<heard-beta-signup consent-text="Yes"></heard-beta-signup>'],
    ['consent-text', '<heard-beta-signup program="beta"></heard-beta-signup>'],
    ['fields', '<heard-beta-signup program="beta" consent-text="Yes" fields="na me"></heard-beta-signup>'],
    ['ref-param', '<heard-beta-signup program="beta" consent-text="Yes" ref-param="1x"></heard-beta-signup>'],
  ] as const) {
    it(`shows a visible error and a console error naming ${attribute}`, async () => {
      const { client } = memoryClient();
      const { el, errors } = await renderMisconfigured<HeardBetaSignup>(markup, client);
      expect(shadow(el).querySelector('[role=alert]')!.textContent).to.contain(attribute);
      expect(errors.some((e) => e.startsWith(`<heard-beta-signup> ${attribute}:`))).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }

  it('speaks Simplified Chinese', async () => {
    const { client } = memoryClient();
    const host = await fixture<HTMLDivElement>(
      html`<div lang="zh-CN">
        <heard-beta-signup .client=${client} program="b" consent-text="我同意"></heard-beta-signup>
      </div>`,
    );
    const el = host.querySelector('heard-beta-signup')!;
    await until(() => shadow(el).querySelector('form'), 'the form');
    expect(input(el, '[part~=submit]').textContent!.trim()).to.equal('加入测试');
    await expect(el).to.be.accessible();
  });
});
