import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, MemoryCollector, memoryTransport, type HeardClient } from '@heard/sdk';
import '../define/nps.js';
import type { HeardNps } from './nps.js';
import { memoryClient, renderMisconfigured, until } from '../../test/helpers.js';

const shadow = (el: HeardNps) => el.shadowRoot!;
const scores = (el: HeardNps) => [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~=score]')];
const text = (el: HeardNps) => shadow(el).textContent!.replace(/\s+/g, ' ').trim();
const sent = (collector: MemoryCollector) => [...collector.events.values()].map((e) => [e.type, e.data]);

const inline = (client: HeardClient, extra = html``) =>
  fixture<HeardNps>(html`<heard-nps .client=${client} survey-id="nps-main" product="Acme">${extra}</heard-nps>`);

/** A client on this origin's real localStorage, as after a reload; each test its own survey id. */
const persistentClient = (collector = new MemoryCollector()) =>
  createClient({ endpoint: 'https://collector.invalid', transport: memoryTransport(collector) });

let survey = 0;
const freshSurvey = () => `nps-${Date.now().toString(36)}-${survey++}`;

/**
 * Waits until a control prompt with the same delay, free to open, has opened: by then any
 * prompt created before it that was going to open has opened too.
 */
const opened = async (delay: number) => {
  const control = await fixture<HeardNps>(
    html`<heard-nps .client=${persistentClient()} survey-id=${freshSurvey()} mode="prompt" delay=${delay}></heard-nps>`,
  );
  await until(() => scores(control).length, 'the control prompt');
  control.remove();
};

describe('<heard-nps>', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('heard:')) localStorage.removeItem(key);
  });

  it('asks on a labelled group of eleven scores with labelled ends, and is accessible', async () => {
    const { client } = memoryClient();
    const el = await inline(client);
    expect(text(el)).to.contain('How likely are you to recommend Acme to a friend or colleague?');
    const group = shadow(el).querySelector('[role=group]')!;
    expect(group.getAttribute('aria-labelledby')).to.equal('question');
    expect(scores(el).map((b) => b.textContent!.trim())).to.deep.equal([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(scores(el)[0]!.getAttribute('aria-label')).to.equal('0, Not at all likely');
    expect(scores(el)[10]!.getAttribute('aria-label')).to.equal('10, Extremely likely');
    for (const button of scores(el)) {
      const box = button.getBoundingClientRect();
      expect(box.width).to.be.at.least(24);
      expect(box.height).to.be.at.least(24);
    }
    await expect(el).to.be.accessible();
  });

  for (const [score, followUp] of [
    [3, 'What disappointed you?'],
    [7, 'What would make it better?'],
    [10, 'What do you like most?'],
  ] as const) {
    it(`follows a ${score} with "${followUp}", then sends score and comment once`, async () => {
      const { client, collector } = memoryClient();
      const el = await inline(client);
      const answers: [number, string | undefined][] = [];
      el.addEventListener('heard-answer', (event) => answers.push([event.score, event.comment]));
      scores(el)[score]!.click();
      await el.updateComplete;
      expect(text(el)).to.contain(followUp);
      const comment = shadow(el).querySelector<HTMLTextAreaElement>('[part~=comment]')!;
      expect(shadow(el).activeElement).to.equal(comment);
      await expect(el).to.be.accessible();
      comment.value = 'The export';
      comment.dispatchEvent(new Event('input'));
      shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!.click();
      await until(() => text(el).includes('Thank you for your feedback!'), 'the thanks');
      expect(answers).to.deep.equal([[score, 'The export']]);
      await until(() => collector.events.size, 'the answer');
      expect(sent(collector)).to.deep.equal([['nps.response', { score, comment: 'The export' }]]);
      await expect(el).to.be.accessible();
    });
  }

  it('sends the question as the person read it, and the product it named', async () => {
    const { client, collector } = memoryClient();
    const named = await fixture<HeardNps>(
      html`<heard-nps .client=${client} survey-id="nps-named" product="Acme" no-comment></heard-nps>`,
    );
    scores(named)[9]!.click();
    await until(() => collector.events.size === 1, 'the answer');
    const zh = await fixture<HTMLDivElement>(
      html`<div lang="zh-CN"><heard-nps .client=${client} survey-id="nps-zh" no-comment></heard-nps></div>`,
    );
    const asked = zh.querySelector('heard-nps')!;
    await until(() => text(asked).includes('推荐'), 'the Chinese question');
    scores(asked)[3]!.click();
    await until(() => collector.events.size === 2, 'two answers');
    expect([...collector.events.values()].map((event) => (event as { definition?: unknown }).definition)).to.deep.equal(
      [
        { question: 'How likely are you to recommend Acme to a friend or colleague?', product: 'Acme' },
        { question: '你有多大可能向朋友或同事推荐我们？' },
      ],
    );
  });

  it('sends the score alone when the follow-up is skipped, or left out with no-comment', async () => {
    const { client, collector } = memoryClient();
    const el = await inline(client);
    scores(el)[8]!.click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('.secondary')!.click();
    const quick = await fixture<HeardNps>(
      html`<heard-nps .client=${client} survey-id="nps-quick" no-comment></heard-nps>`,
    );
    scores(quick)[6]!.click();
    await until(() => text(quick).includes('Thank you'), 'the thanks');
    await until(() => collector.events.size === 2, 'two answers');
    expect(sent(collector)).to.deep.equal([
      ['nps.response', { score: 8 }],
      ['nps.response', { score: 6 }],
    ]);
  });

  it('as a prompt, appears after its delay without taking focus, and Esc dismisses it for good', async () => {
    const collector = new MemoryCollector();
    const id = freshSurvey();
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <input aria-label="Search" />
        <heard-nps .client=${persistentClient(collector)} survey-id=${id} mode="prompt" delay="0.2"></heard-nps>
      </div>`,
    );
    const input = host.querySelector('input')!;
    input.focus();
    const el = host.querySelector('heard-nps')!;
    let shown = 0;
    el.addEventListener('heard-shown', () => shown++);
    expect(scores(el)).to.have.length(0);
    await until(() => scores(el).length, 'the prompt');
    expect(shown).to.equal(1);
    expect(document.activeElement).to.equal(input);
    expect(shadow(el).querySelector('[role=dialog]')!.getAttribute('aria-modal')).to.equal('false');
    expect(getComputedStyle(el).position).to.equal('fixed');
    await expect(el).to.be.accessible();

    let dismissed = 0;
    el.addEventListener('heard-dismiss', () => dismissed++);
    scores(el)[0]!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(scores(el)).to.have.length(0);
    expect(dismissed).to.equal(1);
    await until(() => collector.events.size, 'the dismissal');
    expect(sent(collector)).to.deep.equal([['nps.dismissed', {}]]);

    // A reload: a new client on the same storage remembers the dismissal.
    const again = await fixture<HeardNps>(
      html`<heard-nps .client=${persistentClient()} survey-id=${id} mode="prompt" delay="0.05"></heard-nps>`,
    );
    await opened(0.05);
    expect(scores(again)).to.have.length(0);
    expect(shadow(again).querySelector('[part~=base]')).to.equal(null);
  });

  it('as a prompt, is announced, closes with Esc from anywhere, and gives focus back where it was', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <input aria-label="Search" />
        <heard-nps .client=${persistentClient()} survey-id=${freshSurvey()} mode="prompt" delay="0"></heard-nps>
      </div>`,
    );
    const input = host.querySelector('input')!;
    const el = host.querySelector('heard-nps')!;
    input.focus();
    await until(() => scores(el).length, 'the prompt');
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('How likely are you to recommend');
    // Into the card with Tab-like focus, out with Esc: focus returns to the search field.
    scores(el)[3]!.focus();
    await sendKeys({ press: 'Escape' });
    await until(() => !scores(el).length, 'the prompt to close');
    expect(document.activeElement).to.equal(input);

    // Esc from the page itself, focus never in the card.
    const other = await fixture<HeardNps>(
      html`<heard-nps .client=${persistentClient()} survey-id=${freshSurvey()} mode="prompt" delay="0"></heard-nps>`,
    );
    await until(() => scores(other).length, 'the second prompt');
    input.focus();
    await sendKeys({ press: 'Escape' });
    await until(() => !scores(other).length, 'Esc on the page to close it');
    expect(document.activeElement).to.equal(input);
  });

  it('as a prompt, moves out of the way of a focused link it would cover', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <a href="#corner" style="position: fixed; inset-block-end: 1.5rem; inset-inline-end: 1.5rem">Corner link</a>
        <heard-nps .client=${persistentClient()} survey-id=${freshSurvey()} mode="prompt" delay="0"></heard-nps>
      </div>`,
    );
    const link = host.querySelector('a')!;
    const el = host.querySelector('heard-nps')!;
    await until(() => scores(el).length, 'the prompt');
    const card = () => shadow(el).querySelector('[part~=base]')!.getBoundingClientRect();
    const covered = () => {
      const a = link.getBoundingClientRect();
      const b = card();
      return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
    };
    expect(covered(), 'the link starts under the card').to.equal(true);
    link.focus();
    await until(() => !covered(), 'the card to move off the focused link');
  });

  it('as a prompt, appears away from a link that had focus before it did', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <a href="#corner" style="position: fixed; inset-block-end: 1.5rem; inset-inline-end: 1.5rem">Corner link</a>
      </div>`,
    );
    const link = host.querySelector('a')!;
    link.focus();
    const el = document.createElement('heard-nps');
    Object.assign(el, { client: persistentClient() });
    for (const [name, value] of Object.entries({ 'survey-id': freshSurvey(), mode: 'prompt', delay: '0' }))
      el.setAttribute(name, value);
    host.append(el);
    await until(() => scores(el).length, 'the prompt');
    const covered = () => {
      const a = link.getBoundingClientRect();
      const b = shadow(el).querySelector('[part~=base]')!.getBoundingClientRect();
      return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
    };
    await until(() => !covered(), 'the card away from the focused link');
    expect(document.activeElement, 'focus stays where the person had it').to.equal(link);
  });

  it('thanks only once the endpoint has the answer, and keeps the comment when it is refused', async () => {
    const refuse = { now: true };
    const collector = new MemoryCollector();
    const { client } = memoryClient({}, async (request) => {
      if (request.method === 'POST' && refuse.now)
        return new Response('{"code":"spam_suspected","message":"Sent 20 ms after the form was shown"}', {
          status: 400,
        });
      return memoryTransport(collector)(request);
    });
    const el = await inline(client);
    scores(el)[4]!.click();
    await el.updateComplete;
    const comment = shadow(el).querySelector<HTMLTextAreaElement>('[part~=comment]')!;
    comment.value = 'Too slow to load';
    comment.dispatchEvent(new Event('input'));
    shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await until(() => shadow(el).querySelector('[role=alert]'), 'the refusal');
    expect(text(el)).not.to.contain('Thank you');
    expect(text(el)).to.contain('faster than a person answers');
    expect(text(el)).not.to.contain('20 ms');
    expect(shadow(el).querySelector<HTMLTextAreaElement>('[part~=comment]')!.value).to.equal('Too slow to load');
    await expect(el).to.be.accessible();
    refuse.now = false;
    shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!.focus();
    shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await until(() => text(el).includes('Thank you for your feedback!'), 'the thanks');
    expect(sent(collector)).to.deep.equal([['nps.response', { score: 4, comment: 'Too slow to load' }]]);
    // The form gave way to the thanks: focus went to it, not to the page's body.
    await until(() => shadow(el).activeElement?.matches('[data-focus]'), 'focus on the thanks');
  });

  it('says the answer is saved and will be sent while the network is away, and does not ask again', async () => {
    const id = freshSurvey();
    const offline = createClient({
      endpoint: 'https://collector.invalid',
      transport: () => Promise.reject(new TypeError('Failed to fetch')),
      retry: { baseMs: 60_000, maxMs: 60_000 },
    });
    const el = await fixture<HeardNps>(html`<heard-nps .client=${offline} survey-id=${id} no-comment></heard-nps>`);
    scores(el)[9]!.click();
    await until(() => text(el).includes('It will be sent as soon as it can be'), 'the saved note', 4_000);
    expect(text(el), 'no thanks before the endpoint has it').not.to.contain('Thank you');
    // A reload while it still waits: not asked again, and told it is saved, not thanked.
    const again = await fixture<HeardNps>(html`<heard-nps .client=${offline} survey-id=${id}></heard-nps>`);
    await again.updateComplete;
    expect(scores(again)).to.have.length(0);
    expect(text(again)).to.contain('It will be sent as soon as it can be');
    expect(text(again)).not.to.contain('Thank you');
  });

  it('waits for its trigger event, and honours sampling and page views', async () => {
    const triggered = await fixture<HeardNps>(
      html`<heard-nps
        .client=${persistentClient()}
        survey-id=${freshSurvey()}
        mode="prompt"
        trigger="checkout-complete"
      ></heard-nps>`,
    );
    await opened(0);
    expect(scores(triggered)).to.have.length(0);
    window.dispatchEvent(new Event('checkout-complete'));
    await until(() => scores(triggered).length, 'the triggered prompt');

    const sampledOut = await fixture<HeardNps>(
      html`<heard-nps
        .client=${persistentClient()}
        survey-id=${freshSurvey()}
        mode="prompt"
        delay="0"
        sample="0"
      ></heard-nps>`,
    );
    const fewViews = await fixture<HeardNps>(
      html`<heard-nps
        .client=${persistentClient()}
        survey-id=${freshSurvey()}
        mode="prompt"
        delay="0"
        min-page-views="50"
      ></heard-nps>`,
    );
    await opened(0);
    expect(scores(sampledOut)).to.have.length(0);
    expect(scores(fewViews)).to.have.length(0);
  });

  it('does not ask again within the cooldown after an answer, and show() overrides the rules', async () => {
    const id = freshSurvey();
    const first = await fixture<HeardNps>(
      html`<heard-nps .client=${persistentClient()} survey-id=${id} mode="prompt" delay="0" no-comment></heard-nps>`,
    );
    await until(() => scores(first).length, 'the prompt');
    scores(first)[9]!.click();
    first.remove();
    const second = await fixture<HeardNps>(
      html`<heard-nps .client=${persistentClient()} survey-id=${id} mode="prompt" delay="0"></heard-nps>`,
    );
    await opened(0);
    expect(scores(second)).to.have.length(0);
    await second.show();
    expect(scores(second)).to.have.length(11);
    expect(shadow(second).activeElement).to.equal(scores(second)[0]);
  });

  it('works with the keyboard alone', async () => {
    const { client, collector } = memoryClient();
    const el = await inline(client);
    scores(el)[0]!.focus();
    for (let i = 0; i < 9; i++) await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(scores(el)[9]);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ type: 'Fast' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => collector.events.size, 'the answer');
    expect(sent(collector)).to.deep.equal([['nps.response', { score: 9, comment: 'Fast' }]]);
  });

  const bad: [string, string][] = [
    ['survey-id', '<heard-nps></heard-nps>'],
    ['survey-id', '<heard-nps survey-id="a b"></heard-nps>'],
    ['mode', '<heard-nps survey-id="s" mode="popup"></heard-nps>'],
    ['sample', '<heard-nps survey-id="s" mode="prompt" sample="2"></heard-nps>'],
    ['delay', '<heard-nps survey-id="s" mode="prompt" delay="-1"></heard-nps>'],
    ['cooldown-days', '<heard-nps survey-id="s" cooldown-days="soon"></heard-nps>'],
    ['trigger', '<heard-nps survey-id="s" mode="prompt" trigger="not an event"></heard-nps>'],
  ];
  for (const [attribute, markup] of bad) {
    it(`shows a visible error and a console error naming ${attribute} for ${markup.slice(10, -13)}`, async () => {
      const { client } = memoryClient();
      const { el, errors } = await renderMisconfigured<HeardNps>(markup, client);
      expect(shadow(el).querySelector('[role=alert]')!.textContent).to.contain(attribute);
      expect(
        errors.some((e) => e.startsWith(`<heard-nps> ${attribute}:`)),
        errors.join('\n'),
      ).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }

  it('speaks Simplified Chinese and lays out right to left', async () => {
    const { client } = memoryClient();
    const zh = await fixture<HTMLDivElement>(
      html`<div lang="zh-CN"><heard-nps .client=${client} survey-id="s"></heard-nps></div>`,
    );
    const el = zh.querySelector('heard-nps')!;
    await el.updateComplete;
    expect(text(el)).to.contain('你有多大可能向朋友或同事推荐我们？');
    await expect(el).to.be.accessible();
    const rtl = await fixture<HTMLDivElement>(
      html`<div dir="rtl"><heard-nps .client=${client} survey-id="s"></heard-nps></div>`,
    );
    const rtlEl = rtl.querySelector('heard-nps')!;
    await rtlEl.updateComplete;
    const [zero, one] = scores(rtlEl);
    expect(zero!.getBoundingClientRect().left).to.be.greaterThan(one!.getBoundingClientRect().left);
  });
});
