import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryCollector, memoryTransport, type HeardClient, type HeardRequest } from '@heard/sdk';
import '../define/poll.js';
import type { HeardPoll } from './poll.js';
import type { HeardVoteEvent } from './poll.events.js';
import {
  awayClients,
  browserStorage,
  consoleErrors,
  memoryClient,
  offlineClient,
  onceRead,
  renderMisconfigured,
  until,
} from '../../test/helpers.js';
import { isProblem, parsePoll, type PollAttributes } from './poll.config.js';

const shadow = (el: HeardPoll) => el.shadowRoot!;
const options = (el: HeardPoll) => [...shadow(el).querySelectorAll<HTMLInputElement>('input[name=answer]')];
const submit = (el: HeardPoll) => shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!;
const results = (el: HeardPoll) =>
  [...shadow(el).querySelectorAll('[part~=result]')].map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
const text = (el: HeardPoll) => shadow(el).textContent!.replace(/\s+/g, ' ');

const poll = async (client: HeardClient, attributes = '') => {
  const el = await fixture<HeardPoll>(
    html`<heard-poll
      .client=${client}
      poll-id="flavour"
      question="Which flavour next?"
      options="mango=Mango, matcha=Matcha, sesame=Black sesame"
    ></heard-poll>`,
  );
  for (const attribute of attributes.split(' ').filter(Boolean)) {
    const [name, value = ''] = attribute.split('=');
    el.setAttribute(name!, value.replaceAll('_', ' '));
  }
  await until(
    () => options(el).length > 0 || shadow(el).querySelector('[part~=results], [role=alert]'),
    'the poll to load',
  );
  return el;
};

const vote = async (el: HeardPoll, index: number) => {
  options(el)[index]!.click();
  await el.updateComplete;
  submit(el).click();
  await until(
    () => !shadow(el).querySelector('form') || shadow(el).querySelector('form [part~=results]'),
    'the outcome',
  );
};

describe('<heard-poll>', () => {
  it('asks with a labelled radio group and is accessible', async () => {
    const { client } = memoryClient();
    const el = await poll(client);
    expect(shadow(el).querySelector('legend')!.textContent).to.equal('Which flavour next?');
    // The group itself is named by the question, as a screen reader announces it on entry.
    const group = shadow(el).querySelector('[role=radiogroup]')!;
    expect(shadow(el).getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.equal(
      'Which flavour next?',
    );
    expect(shadow(el).querySelector('[role=radiogroup]')).not.to.equal(null);
    expect(options(el).map((o) => o.type)).to.deep.equal(['radio', 'radio', 'radio']);
    expect(submit(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('votes, fires heard-vote, shows live results with the person’s choice marked, and announces them', async () => {
    const { client, collector } = memoryClient({ polls: { flavour: { mango: 2, matcha: 1 } } });
    const el = await poll(client);
    const events: HeardVoteEvent[] = [];
    el.addEventListener('heard-vote', (event) => events.push(event));
    await vote(el, 1);
    expect(events.map((e) => e.vote)).to.deep.equal([{ options: ['matcha'] }]);
    expect([...collector.events.values()].map((e) => e.data)).to.deep.equal([{ options: ['matcha'] }]);
    expect(results(el)).to.deep.equal([
      'Mango 50% · 2 votes',
      'Matcha✓ Your vote 50% · 2 votes',
      'Black sesame 0% · 0 votes',
    ]);
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Matcha 50%');
    const bar = shadow(el).querySelector<HTMLElement>('[part~=result]:nth-child(2) [part~=bar]')!;
    bar.style.transition = 'none';
    const ratio = bar.getBoundingClientRect().width / bar.parentElement!.getBoundingClientRect().width;
    expect(ratio).to.be.closeTo(0.5, 0.01);
    await expect(el).to.be.accessible();
  });

  it('draws the form in its first render for a person who has not voted, never "Loading…" first', async () => {
    const { client } = memoryClient();
    const el = document.createElement('heard-poll') as HeardPoll;
    Object.assign(el, { client, pollId: 'flavour', question: 'Which flavour next?', options: 'Mango, Matcha' });
    const drawn: string[] = [];
    const observer = new MutationObserver(() => drawn.push(text(el).trim()));
    document.body.append(el);
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await el.updateComplete;
    await until(() => options(el).length === 2, 'the form');
    observer.disconnect();
    el.remove();
    expect(drawn.filter((seen) => seen.includes('Loading'))).to.deep.equal([]);
  });

  it('lets a person change their vote, counted once', async () => {
    const { client } = memoryClient();
    const el = await poll(client);
    await vote(el, 0);
    shadow(el).querySelector<HTMLButtonElement>('.secondary')!.click();
    await el.updateComplete;
    expect(options(el)[0]!.checked).to.equal(true);
    await vote(el, 2);
    expect(results(el)).to.deep.equal([
      'Mango 0% · 0 votes',
      'Matcha 0% · 0 votes',
      'Black sesame✓ Your vote 100% · 1 vote',
    ]);
  });

  it('keeps the person’s vote marked when the first results read answers only after they voted twice', async () => {
    const collector = new MemoryCollector();
    const memory = memoryTransport(collector);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    let lateAnswerRead = false;
    const { client } = memoryClient(
      {},
      async (request: HeardRequest) => {
        if (!request.url.includes('/results?') || reads++ !== 0) return memory(request);
        await held;
        return onceRead(await memory(request), () => (lateAnswerRead = true));
      },
      collector,
    );
    const el = await poll(client);
    await until(() => reads === 1, 'the first results read');
    await vote(el, 0);
    shadow(el).querySelector<HTMLButtonElement>('.secondary')!.click();
    await el.updateComplete;
    await vote(el, 2);
    release();
    await until(() => lateAnswerRead, 'the poll to read the late answer');
    await el.updateComplete;
    expect(reads).to.equal(3);
    expect(results(el)).to.deep.equal([
      'Mango 0% · 0 votes',
      'Matcha 0% · 0 votes',
      'Black sesame✓ Your vote 100% · 1 vote',
    ]);
  });

  it('keeps the person’s vote marked when they vote before the poll scrolls into view and its read answers late', async () => {
    const collector = new MemoryCollector();
    const memory = memoryTransport(collector);
    let deliver!: () => void;
    const posts = new Promise<void>((resolve) => (deliver = resolve));
    let answerStale!: () => void;
    const stale = new Promise<void>((resolve) => (answerStale = resolve));
    const reads: string[] = [];
    const { client } = memoryClient(
      {},
      async (request: HeardRequest) => {
        if (request.method === 'POST') await posts;
        if (!request.url.includes('/results?')) return memory(request);
        // The first read is answered from before the vote was stored, and arrives last.
        const first = reads.push('asked') === 1;
        const answer = await memory(request);
        if (first) await stale;
        reads.push(first ? 'stale answered' : 'answered');
        return answer;
      },
      collector,
    );
    const below = await fixture<HTMLDivElement>(
      html`<div style="margin-top: 300vh">
        <heard-poll
          .client=${client}
          poll-id="flavour"
          question="Which flavour next?"
          options="mango=Mango, matcha=Matcha, sesame=Black sesame"
        ></heard-poll>
      </div>`,
    );
    const el = below.querySelector<HeardPoll>('heard-poll')!;
    await until(() => options(el).length > 0, 'the poll’s options');
    // Voted from the keyboard before it was ever on screen; the vote's delivery is slow.
    options(el)[2]!.click();
    await el.updateComplete;
    submit(el).click();
    el.scrollIntoView();
    await until(() => reads.length === 1, 'the results read of the poll coming into view');
    deliver();
    await until(() => reads.includes('answered'), 'the vote’s own results');
    await until(() => results(el).length === 3, 'the vote’s results');
    answerStale();
    await until(() => reads.includes('stale answered'), 'the stale answer');
    // The load's own steps after its read are promise jobs: a task later they have run.
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(results(el)[2]).to.equal('Black sesame✓ Your vote 100% · 1 vote');
  });

  it('shows a returning voter their results, and no-change hides the change button', async () => {
    const { client } = memoryClient();
    await vote(await poll(client), 0);
    const again = await poll(client, 'no-change');
    await until(() => results(again).length, 'results for a returning voter');
    expect(results(again)[0]).to.contain('Your vote');
    expect(shadow(again).querySelector('.secondary')).to.equal(null);
  });

  it('shows a returning voter their vote within seconds when the collector never answers the read', async () => {
    const collector = new MemoryCollector();
    const memory = memoryTransport(collector);
    let hang = false;
    const { client } = memoryClient(
      {},
      (request: HeardRequest) =>
        hang && request.url.includes('/results?') ? new Promise<never>(() => undefined) : memory(request),
      collector,
    );
    await vote(await poll(client), 0);
    hang = true;
    const started = performance.now();
    const again = await fixture<HeardPoll>(
      html`<heard-poll
        .client=${client}
        poll-id="flavour"
        question="Which flavour next?"
        options="mango=Mango, matcha=Matcha, sesame=Black sesame"
      ></heard-poll>`,
    );
    await until(() => text(again).includes('Your vote is in'), 'the vote without its results', 8_000);
    // The SDK's own read timeout is 10 s: a person is not kept waiting that long.
    expect(performance.now() - started).to.be.below(8_000);
    expect(text(again)).not.to.contain('Loading');
  });

  it('multiple choice uses checkboxes and stops at max', async () => {
    const { client, collector } = memoryClient();
    const el = await poll(client, 'multiple max=2');
    expect(options(el).map((o) => o.type)).to.deep.equal(['checkbox', 'checkbox', 'checkbox']);
    expect(text(el)).to.contain('Choose up to 2.');
    const group = shadow(el).querySelector('[role=group]')!;
    expect(shadow(el).getElementById(group.getAttribute('aria-describedby')!)!.textContent).to.equal('Choose up to 2.');
    options(el)[0]!.click();
    options(el)[2]!.click();
    await el.updateComplete;
    expect(options(el).map((o) => o.disabled)).to.deep.equal([false, true, false]);
    submit(el).click();
    await until(() => collector.events.size, 'the vote');
    expect([...collector.events.values()][0]!.data).to.deep.equal({ options: ['mango', 'sesame'] });
  });

  it('sends the poll as the person saw it with the vote: question, labels in their language, images', async () => {
    const { client, collector } = memoryClient();
    const page = await fixture<HTMLDivElement>(
      html`<div lang="zh-CN">
        <heard-poll
          .client=${client}
          poll-id="theme"
          question="下一个主题？"
          options="forest=森林, sea=大海"
          images="forest=https://cdn.example.com/forest.jpg"
          multiple
          allow-other
        ></heard-poll>
      </div>`,
    );
    const el = page.querySelector('heard-poll')!;
    await until(() => options(el).length, 'the poll');
    expect(shadow(el).querySelector('[part~=option]')!.textContent).to.contain('森林');
    options(el)[1]!.click();
    await el.updateComplete;
    submit(el).click();
    await until(() => collector.events.size, 'the vote');
    const [sent] = [...collector.events.values()];
    expect(sent!.context.locale).to.equal('zh-CN');
    expect((sent as { definition?: unknown }).definition).to.deep.equal({
      question: '下一个主题？',
      options: [
        { id: 'forest', label: '森林', image: 'https://cdn.example.com/forest.jpg' },
        { id: 'sea', label: '大海' },
      ],
      multiple: true,
      allowOther: true,
    });
  });

  it('sends the labels it shows now after they change on the page', async () => {
    const { client, collector } = memoryClient();
    const el = await poll(client, 'no-change');
    el.setAttribute('options', 'mango=Alphonso mango, matcha=Matcha, sesame=Black sesame');
    await el.updateComplete;
    await vote(el, 0);
    await until(() => collector.events.size, 'the vote');
    expect(([...collector.events.values()][0] as { definition?: unknown }).definition).to.deep.equal({
      question: 'Which flavour next?',
      options: [
        { id: 'mango', label: 'Alphonso mango' },
        { id: 'matcha', label: 'Matcha' },
        { id: 'sesame', label: 'Black sesame' },
      ],
      multiple: false,
      allowOther: false,
    });
  });

  it('takes an "other" answer in a text field that gets focus', async () => {
    const { client, collector } = memoryClient();
    const el = await poll(client, 'allow-other');
    options(el)[3]!.click();
    await el.updateComplete;
    const field = await until(() => shadow(el).querySelector<HTMLInputElement>('[part~=other]'), 'the other field');
    expect(shadow(el).activeElement).to.equal(field);
    expect(submit(el).disabled).to.equal(true);
    field.value = 'Yuzu';
    field.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    submit(el).click();
    await until(() => results(el).length, 'results');
    expect([...collector.events.values()][0]!.data).to.deep.equal({ options: [], other: 'Yuzu' });
    expect(results(el).at(-1)).to.equal('Other✓ Your vote 100% · 1 vote');
  });

  it('show-results="never" thanks instead; "always" shows results before voting', async () => {
    const { client } = memoryClient({ polls: { flavour: { mango: 4 } } });
    const never = await poll(client, 'show-results=never');
    await vote(never, 0);
    expect(text(never)).to.contain('Thank you! Your vote is in.');
    expect(shadow(never).querySelector('[part~=results]')).to.equal(null);
    const { client: other } = memoryClient({ polls: { flavour: { mango: 4 } } });
    const always = await poll(other, 'show-results=always');
    await until(() => results(always).length, 'results before voting');
    expect(results(always)[0]).to.equal('Mango 100% · 4 votes');
    expect(options(always)).to.have.length(3);
  });

  it('after its closing date shows final results and no form', async () => {
    const { client } = memoryClient({ polls: { flavour: { matcha: 3 } } });
    const el = await poll(client, 'closes=2020-01-01T00:00:00Z');
    await until(() => results(el).length, 'final results');
    expect(options(el)).to.have.length(0);
    expect(text(el)).to.contain('This poll closed on');
    await expect(el).to.be.accessible();
  });

  it('says thanks when the endpoint cannot serve results', async () => {
    const { client } = memoryClient({}, async (request: HeardRequest) =>
      request.method === 'POST'
        ? new Response(null, { status: 204 })
        : new Response('{"code":"not_found","message":"no"}', { status: 404 }),
    );
    const el = await poll(client);
    await vote(el, 0);
    expect(text(el)).to.contain('Thank you! Your vote is in.');
  });

  it('shows a refused vote as an error in words for people, with a retry that keeps focus', async () => {
    const { client } = memoryClient({}, async (request: HeardRequest) =>
      request.method === 'POST'
        ? new Response('{"code":"invalid_body","message":"data.options.0: Invalid input"}', { status: 400 })
        : new Response('{"code":"not_found","message":"no"}', { status: 404 }),
    );
    const el = await poll(client);
    options(el)[0]!.click();
    await el.updateComplete;
    submit(el).focus();
    const logged = await consoleErrors(async () => {
      submit(el).click();
      await until(() => shadow(el).querySelector('[role=alert]'), 'an error');
    });
    const alert = shadow(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('Something in it was not accepted');
    expect(alert.textContent, 'the endpoint’s words are for developers').not.to.contain('Invalid input');
    expect(logged.join('\n')).to.contain('invalid_body');
    expect(submit(el).textContent!.trim()).to.equal('Try again');
    expect(shadow(el).activeElement, 'focus stays on the button').to.equal(submit(el));
    expect(shadow(el).querySelector('[role=status]')!.textContent, 'no stale “sending”').not.to.contain('Sending');
    await expect(el).to.be.accessible();
  });

  it('shows the poll as closed when the collector says it closed, saying so in its status', async () => {
    const { client } = memoryClient({}, async (request: HeardRequest) =>
      request.method === 'POST'
        ? new Response('{"code":"closed","message":"The poll is closed"}', { status: 409 })
        : new Response('{"code":"not_found","message":"no"}', { status: 404 }),
    );
    const el = await poll(client);
    options(el)[0]!.click();
    await el.updateComplete;
    submit(el).focus();
    await consoleErrors(async () => {
      submit(el).click();
      await until(() => !shadow(el).querySelector('form'), 'the form to go');
    });
    expect(text(el)).to.contain('This poll has closed.');
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('This poll has closed.');
    await until(
      () => shadow(el).activeElement?.matches('[data-focus]'),
      `focus on the closed poll (${String(document.activeElement?.localName)} ${String(shadow(el).activeElement?.outerHTML)})`,
    );
  });

  it('shows a vote given offline as given after a reload, counted, before it is delivered', async () => {
    const collector = new MemoryCollector({ polls: { flavour: { mango: 2, matcha: 1 } } });
    const storage = browserStorage();
    const first = await poll(offlineClient(storage, collector));
    await vote(first, 2).catch(() => undefined);
    await until(() => text(first).includes('will be sent as soon as it can be'), 'the saved note', 4_000);
    first.remove();
    const again = await poll(offlineClient(storage, collector));
    await until(() => shadow(again).querySelector('[part~=results]'), 'the results');
    expect(results(again)).to.deep.equal([
      'Mango 50% · 2 votes',
      'Matcha 25% · 1 vote',
      'Black sesame✓ Your vote 25% · 1 vote',
    ]);
  });

  it('reads nothing while nobody can see it: hidden, or far below the fold', async () => {
    const collector = new MemoryCollector();
    const inner = memoryTransport(collector);
    const reads: string[] = [];
    const { client } = memoryClient({}, (request: HeardRequest) => {
      reads.push(request.url);
      return inner(request);
    });
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <div hidden>
          <heard-poll .client=${client} poll-id="hidden" question="Q?" options="A, B"></heard-poll>
        </div>
        <div style="block-size: 5000px"></div>
        <heard-poll .client=${client} poll-id="below" question="Q?" options="A, B"></heard-poll>
      </div>`,
    );
    const [hidden, below] = [...host.querySelectorAll('heard-poll')];
    // Both draw their form at once; neither asks the collector anything.
    await until(() => options(hidden!).length && options(below!).length, 'both forms');
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(reads).to.deep.equal([]);
    host.querySelector('div')!.hidden = false;
    await until(() => reads.some((url) => url.includes('/polls/hidden/')), 'the read once it shows');
    below!.scrollIntoView();
    await until(() => reads.some((url) => url.includes('/polls/below/')), 'the read once scrolled to');
    expect(reads).to.have.length(2);
  });

  it('after a reload with the collector away, says a vote still in the outbox is saved, not in, until it is', async () => {
    const collector = new MemoryCollector();
    const { load: client, away } = awayClients(browserStorage(), collector);
    const page = client();
    const first = await poll(page);
    options(first)[1]!.click();
    await first.updateComplete;
    submit(first).click();
    await until(() => text(first).includes('will be sent as soon as it can be'), 'the saved note', 4_000);
    // The reload: the first page and its client are gone.
    first.remove();
    page.destroy();
    const again = await poll(client());
    await until(() => text(again).includes('will be sent as soon as it can be'), 'the saved note after the reload');
    expect(text(again)).not.to.contain('Your vote is in');
    expect(options(again)[1]!.checked).to.equal(true);
    away.now = false;
    await until(() => shadow(again).querySelector('[part~=results]'), 'the results once delivered', 5_000);
    expect(collector.events.size).to.equal(1);
  });

  it('tells the person their vote is saved while the network is away', async () => {
    const { client } = memoryClient({}, (request: HeardRequest) =>
      request.method === 'POST' ? new Promise(() => undefined) : Promise.resolve(new Response('{}', { status: 404 })),
    );
    const el = await poll(client);
    options(el)[0]!.click();
    await el.updateComplete;
    submit(el).focus();
    submit(el).click();
    await until(() => text(el).includes('will be sent as soon as it can be'), 'the queued message', 4_000);
    expect(shadow(el).activeElement, 'focus stays on the button while it waits').to.equal(submit(el));
    await expect(el).to.be.accessible();
  });

  const bad: [string, string][] = [
    ['poll-id', '<heard-poll question="Q?" options="A, B"></heard-poll>'],
    ['poll-id', '<heard-poll poll-id="has space" question="Q?" options="A, B"></heard-poll>'],
    ['question', '<heard-poll poll-id="p" options="A, B"></heard-poll>'],
    ['options', '<heard-poll poll-id="p" question="Q?" options="Only one"></heard-poll>'],
    ['options', '<heard-poll poll-id="p" question="Q?" options="a=A, a=B"></heard-poll>'],
    ['max', '<heard-poll poll-id="p" question="Q?" options="A, B" multiple max="3"></heard-poll>'],
    ['max', '<heard-poll poll-id="p" question="Q?" options="A, B" max="2"></heard-poll>'],
    ['images', '<heard-poll poll-id="p" question="Q?" options="a=A, b=B" images="c=/c.png"></heard-poll>'],
    ['images', '<heard-poll poll-id="p" question="Q?" options="a=A, b=B" images="a=javascript:alert(1)"></heard-poll>'],
    ['show-results', '<heard-poll poll-id="p" question="Q?" options="A, B" show-results="sometimes"></heard-poll>'],
    ['closes', '<heard-poll poll-id="p" question="Q?" options="A, B" closes="next tuesday"></heard-poll>'],
  ];
  for (const [attribute, markup] of bad) {
    it(`shows a visible error and a console error naming ${attribute} for ${markup.slice(11, -13)}`, async () => {
      const { client } = memoryClient();
      const { el, errors } = await renderMisconfigured<HeardPoll>(markup, client);
      expect(shadow(el).querySelector('[role=alert]')!.textContent).to.contain(attribute);
      expect(
        errors.some((e) => e.startsWith(`<heard-poll> ${attribute}:`)),
        errors.join('\n'),
      ).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }

  it('names the missing endpoint when no client is configured', async () => {
    const errors = await consoleErrors(async () => {
      const el = await fixture<HeardPoll>(html`<heard-poll poll-id="p" question="Q?" options="A, B"></heard-poll>`);
      expect(shadow(el).querySelector('[role=alert]')!.textContent).to.contain('data-endpoint');
    });
    expect(errors[0]).to.match(/^<heard-poll> client:/);
  });

  it('speaks Simplified Chinese from an ancestor’s lang, with strings overridable', async () => {
    const { client } = memoryClient();
    const host = await fixture<HTMLDivElement>(
      html`<div lang="zh-CN">
        <heard-poll .client=${client} poll-id="p" question="下一个口味？" options="芒果, 抹茶"></heard-poll>
      </div>`,
    );
    const el = host.querySelector('heard-poll')!;
    await until(() => options(el).length, 'the poll');
    expect(submit(el).textContent!.trim()).to.equal('投票');
    el.strings = { vote: '提交' };
    await el.updateComplete;
    expect(submit(el).textContent!.trim()).to.equal('提交');
    await expect(el).to.be.accessible();
  });

  it('lays out right to left under dir="rtl"', async () => {
    const { client } = memoryClient();
    const host = await fixture<HTMLDivElement>(
      html`<div dir="rtl" lang="ar">
        <heard-poll .client=${client} poll-id="p" question="؟" options="a=أ, b=ب"></heard-poll>
      </div>`,
    );
    const el = host.querySelector('heard-poll')!;
    await until(() => options(el).length, 'the poll');
    const [first] = shadow(el).querySelectorAll<HTMLElement>('[part~=option]');
    expect(getComputedStyle(first!).direction).to.equal('rtl');
    const input = first!.querySelector('input')!.getBoundingClientRect();
    const label = first!.querySelector('span span')!.getBoundingClientRect();
    expect(input.left).to.be.greaterThan(label.left);
  });

  it('can be used with the keyboard alone', async () => {
    const { client, collector } = memoryClient();
    const el = await poll(client);
    options(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(options(el)[1]!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(submit(el));
    await sendKeys({ press: 'Enter' });
    await until(() => collector.events.size, `the vote (${shadow(el).textContent!.replace(/\s+/g, ' ')})`);
    expect([...collector.events.values()][0]!.data).to.deep.equal({ options: ['matcha'] });
    // The form gives way to the results: focus goes to them, not to the page's body.
    await until(() => shadow(el).querySelector('[part~=results]'), 'the results');
    await until(() => shadow(el).activeElement?.matches('[data-focus]'), 'focus on the results');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.textContent).to.contain('Change my vote');
  });

  it('gives every target at least 24 by 24 pixels and follows theme="dark"', async () => {
    const { client } = memoryClient();
    const el = await poll(client, 'theme=dark');
    for (const target of [...shadow(el).querySelectorAll('[part~=option]'), submit(el)]) {
      const box = target.getBoundingClientRect();
      expect(box.width).to.be.at.least(24);
      expect(box.height).to.be.at.least(24);
    }
    const base = shadow(el).querySelector('[part~=base]')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(31, 31, 35)');
    await expect(el).to.be.accessible();
  });

  it('makes option ids from labels, folding accents, and numbers what has no letters', () => {
    const attributes: PollAttributes = {
      pollId: 'p',
      question: 'Q?',
      options: 'Black sesame, Crème brûlée, 抹茶, Mango!',
      images: '',
      multiple: false,
      max: undefined,
      showResults: 'after-vote',
      closes: '',
    };
    const config = parsePoll(attributes);
    if (isProblem(config)) throw new Error(config.message);
    expect(config.options.map((option) => option.id)).to.deep.equal([
      'black-sesame',
      'creme-brulee',
      'option-3',
      'mango',
    ]);
  });
});
