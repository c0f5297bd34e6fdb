import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryCollector, memoryTransport, type HeardClient, type HeardRequest, type SeedIdea } from '@heard/sdk';
import '../define/idea-box.js';
import type { HeardIdeaBox } from './idea-box.js';
import {
  browserStorage,
  memoryClient,
  offlineClient,
  onceRead,
  refusingSpam,
  renderMisconfigured,
  until,
} from '../../test/helpers.js';
import { XSS_PAYLOADS } from '../../test/xss-payloads.js';

const IDEAS: SeedIdea[] = [
  { id: 'dark', title: 'Dark mode', votes: 9, createdAt: '2026-03-01T00:00:00Z' },
  { id: 'export', title: 'Export to CSV', votes: 5, status: 'planned', createdAt: '2026-05-01T00:00:00Z' },
  { id: 'sso', title: 'Single sign-on', votes: 3, status: 'shipped', createdAt: '2026-01-01T00:00:00Z' },
  { id: 'api', title: 'Public API', votes: 2, createdAt: '2026-06-01T00:00:00Z' },
  { id: 'tags', title: 'Tags for notes', votes: 1, createdAt: '2026-02-01T00:00:00Z' },
];

const shadow = (el: HeardIdeaBox) => el.shadowRoot!;
const titles = (el: HeardIdeaBox) => [...shadow(el).querySelectorAll('[part~=idea] bdi')].map((t) => t.textContent);
const voteButton = (el: HeardIdeaBox, index: number) =>
  shadow(el).querySelectorAll<HTMLButtonElement>('[part~=vote]')[index]!;
const text = (el: HeardIdeaBox) => shadow(el).textContent!.replace(/\s+/g, ' ');

const box = async (client: HeardClient, attributes = '') => {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<heard-idea-box board="b" ${attributes}></heard-idea-box>`;
  const el = host.firstElementChild as HeardIdeaBox;
  el.client = client;
  // A box reads once it can be seen: tests that make several look at each in turn.
  el.scrollIntoView();
  await until(
    () => shadow(el).querySelector('[part~=list], .muted:not(:empty)') && !text(el).includes('Loading'),
    'the ideas',
  );
  return el;
};

const board = (ideas = IDEAS) => memoryClient({ boards: { b: ideas } });

describe('<heard-idea-box>', () => {
  it('lists ideas by votes with their status, and is accessible', async () => {
    const el = await box(board().client);
    expect(titles(el)).to.deep.equal(['Dark mode', 'Export to CSV', 'Single sign-on', 'Public API', 'Tags for notes']);
    expect(text(el)).to.contain('Export to CSV Planned');
    expect(voteButton(el, 0).textContent!.replace(/\s+/g, ' ').trim()).to.equal('▲9 votes for “Dark mode”');
    await expect(el).to.be.accessible();
  });

  it('votes at once on screen, and un-votes', async () => {
    const collector = new MemoryCollector({ boards: { b: IDEAS } });
    const { client } = memoryClient({}, memoryTransport(collector, { latencyMs: 300 }));
    const el = await box(client);
    voteButton(el, 1).click();
    await el.updateComplete;
    expect(voteButton(el, 1).getAttribute('aria-pressed')).to.equal('true');
    expect(voteButton(el, 1).textContent).to.contain('6');
    expect(collector.events.size).to.equal(0);
    await until(() => collector.events.size === 1, 'the vote to arrive');
    voteButton(el, 1).click();
    await el.updateComplete;
    expect(voteButton(el, 1).getAttribute('aria-pressed')).to.equal('false');
    await until(() => collector.events.size === 2, 'the un-vote');
    expect([...collector.events.values()].map((e) => e.type)).to.deep.equal(['idea.vote', 'idea.unvote']);
  });

  it('rolls a refused vote back and says why', async () => {
    const collector = new MemoryCollector({ boards: { b: IDEAS } });
    const reads = memoryTransport(collector);
    const { client } = memoryClient({}, (request: HeardRequest) =>
      request.method === 'POST'
        ? Promise.resolve(new Response('{"code":"rate_limited_forever","message":"Voting is paused"}', { status: 403 }))
        : reads(request),
    );
    const el = await box(client);
    voteButton(el, 0).click();
    await el.updateComplete;
    expect(voteButton(el, 0).textContent).to.contain('10');
    const alert = await until(() => shadow(el).querySelector('[role=alert]'), 'the refusal');
    expect(alert.textContent).to.contain('It was not accepted. Please try again later.');
    expect(alert.textContent, 'the endpoint’s words are for developers').not.to.contain('Voting is paused');
    expect(voteButton(el, 0).getAttribute('aria-pressed')).to.equal('false');
    expect(voteButton(el, 0).textContent).to.contain('9');
    await expect(el).to.be.accessible();
  });

  it('sorts by newest and filters by status', async () => {
    const el = await box(board().client);
    const [sort, filter] = shadow(el).querySelectorAll('select');
    sort!.value = 'new';
    sort!.dispatchEvent(new Event('change'));
    await until(() => titles(el)[0] === 'Public API', 'newest first');
    expect(titles(el)).to.deep.equal(['Public API', 'Export to CSV', 'Dark mode', 'Tags for notes', 'Single sign-on']);
    filter!.value = 'shipped';
    filter!.dispatchEvent(new Event('change'));
    await until(() => titles(el).length === 1, 'the filter');
    expect(titles(el)).to.deep.equal(['Single sign-on']);
  });

  it('shows the list of the last sort chosen, whichever read answers last', async () => {
    const collector = new MemoryCollector({ boards: { b: IDEAS } });
    const memory = memoryTransport(collector);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    let newestRead = false;
    let top = 0;
    const { client } = memoryClient(
      {},
      async (request: HeardRequest) => {
        if (request.url.includes('sort=new')) {
          holding = true;
          await held;
          return onceRead(await memory(request), () => (newestRead = true));
        }
        const response = await memory(request);
        if (request.url.includes('sort=top')) top++;
        return response;
      },
      collector,
    );
    const el = await box(client);
    const [sort] = shadow(el).querySelectorAll('select');
    sort!.value = 'new';
    sort!.dispatchEvent(new Event('change'));
    await until(() => holding, 'the newest read');
    sort!.value = 'top';
    sort!.dispatchEvent(new Event('change'));
    await until(() => top === 2, 'the top list');
    release();
    await until(() => newestRead, 'the box to read the late newest list');
    await el.updateComplete;
    expect(sort!.value).to.equal('top');
    expect(titles(el)).to.deep.equal(['Dark mode', 'Export to CSV', 'Single sign-on', 'Public API', 'Tags for notes']);
  });

  it('pages through long boards', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ id: `i${i}`, title: `Idea number ${i}`, votes: 100 - i }));
    const el = await box(board(many).client, 'page-size="20"');
    expect(titles(el)).to.have.length(20);
    const more = () =>
      [...shadow(el).querySelectorAll<HTMLButtonElement>('button.secondary')].find((b) =>
        b.textContent!.includes('more'),
      );
    more()!.click();
    await until(() => titles(el).length === 40, 'the second page');
    more()!.click();
    await until(() => titles(el).length === 45, 'the last page');
    expect(more()).to.equal(undefined);
    expect(new Set(titles(el)).size).to.equal(45);
  });

  it('suggests similar ideas while a title is typed, with one request per pause', async () => {
    const collector = new MemoryCollector({ boards: { b: IDEAS } });
    const inner = memoryTransport(collector);
    let similarRequests = 0;
    const { client } = memoryClient({}, (request: HeardRequest) => {
      if (request.url.includes('/similar')) similarRequests++;
      return inner(request);
    });
    const el = await box(client);
    // The live region is there, empty, before anything is typed: one inserted already filled is not heard.
    const live = shadow(el).querySelector('form [aria-live=polite]')!;
    expect(live.textContent!.trim()).to.equal('');
    shadow(el).querySelector<HTMLInputElement>('[name=title]')!.focus();
    await sendKeys({ type: 'dark mode please' });
    await until(() => shadow(el).querySelector('.similar'), 'suggestions');
    expect(shadow(el).querySelector('.similar')!.textContent).to.contain('Dark mode');
    expect(live.isConnected && live.contains(shadow(el).querySelector('.similar'))).to.equal(true);
    expect(similarRequests).to.equal(1);
  });

  it('posts a new idea with its spam signals, and refuses a too-short title', async () => {
    const { client, collector } = board();
    const el = await box(client);
    const submitted: string[] = [];
    el.addEventListener('heard-submit', (event) => submitted.push(event.title));
    const title = shadow(el).querySelector<HTMLInputElement>('[name=title]')!;
    title.value = 'ab';
    shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await el.updateComplete;
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(collector.events.size).to.equal(0);
    title.value = 'Offline mode';
    shadow(el).querySelector<HTMLTextAreaElement>('[name=description]')!.value = 'For trains.';
    shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await until(() => titles(el).includes('Offline mode'), 'the new idea in the list');
    const [created] = [...collector.events.values()];
    expect(created!.data).to.deep.include({ title: 'Offline mode', description: 'For trains.' });
    expect((created!.data as { form: { honeypot: string } }).form.honeypot).to.equal('');
    expect(submitted).to.deep.equal(['Offline mode']);
  });

  it('says an idea is posted only once the endpoint has it, and keeps its text when refused', async () => {
    const refuse = { now: true };
    const { client } = memoryClient({}, refusingSpam(new MemoryCollector({ boards: { b: IDEAS } }), refuse));
    const el = await box(client);
    const title = shadow(el).querySelector<HTMLInputElement>('[name=title]')!;
    const submit = shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!;
    title.value = 'Keyboard shortcuts';
    title.focus();
    submit.click();
    const alert = await until(() => shadow(el).querySelector('#title-error'), 'the refusal');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Your idea was not posted: That came faster than a person answers.');
    expect(text(el)).not.to.contain('755 ms');
    expect(text(el)).not.to.contain('Your idea is posted');
    expect(shadow(el).querySelector('[role=status]')!.textContent).not.to.contain('posted');
    expect(title.value, 'what the person wrote is kept').to.equal('Keyboard shortcuts');
    expect(shadow(el).activeElement).to.equal(title);
    refuse.now = false;
    submit.click();
    await until(() => titles(el).includes('Keyboard shortcuts'), 'the idea in the list');
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Thank you! Your idea is posted.');
    expect(shadow(el).querySelector('form')!.textContent, 'said on screen too').to.contain('Your idea is posted.');
    expect(title.value).to.equal('');
  });

  it('says an idea is saved and will be sent while the network is away, keeping it in the form', async () => {
    const collector = new MemoryCollector({ boards: { b: IDEAS } });
    const inner = memoryTransport(collector);
    const { client } = memoryClient({}, (request: HeardRequest) =>
      request.method === 'POST' ? Promise.reject(new TypeError('Failed to fetch')) : inner(request),
    );
    const el = await box(client);
    const title = shadow(el).querySelector<HTMLInputElement>('[name=title]')!;
    title.value = 'Print view';
    shadow(el).querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await until(() => text(el).includes('It will be sent as soon as it can be'), 'the saved note', 4_000);
    expect(text(el)).not.to.contain('Your idea is posted');
    expect(title.value).to.equal('Print view');
    await expect(el).to.be.accessible();
  });

  it('shows votes given offline as given after a reload, before they are delivered', async () => {
    const collector = new MemoryCollector({ boards: { b: IDEAS } });
    // One browser's storage across two page loads; the network is away for votes.
    const storage = browserStorage();
    const load = () => offlineClient(storage, collector);
    const first = await box(load());
    voteButton(first, 3).click();
    await until(() => text(first).includes('It will be sent as soon as it can be'), 'the saved note', 4_000);
    await until(() => load().pending().length, 'the vote in the outbox');
    first.remove();
    const again = await box(load());
    expect(voteButton(again, 3).getAttribute('aria-pressed')).to.equal('true');
    expect(voteButton(again, 3).textContent).to.contain('3');
  });

  it('says only that the ideas could not be loaded when the collector is away', async () => {
    const { client } = memoryClient({}, () => Promise.reject(new TypeError('Failed to fetch')));
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = '<heard-idea-box board="b"></heard-idea-box>';
    const el = host.firstElementChild as HeardIdeaBox;
    el.client = client;
    await until(() => text(el).includes('could not be loaded'), 'the failure');
    expect(text(el)).not.to.contain('No ideas yet');
  });

  it('closes the loop: a voter is told next time that the idea they asked for shipped', async () => {
    const { client, collector } = board();
    const first = await box(client);
    voteButton(first, 0).click();
    await until(() => collector.events.size, 'the vote');
    const again = await box(client);
    expect(shadow(again).querySelector('.notice')).to.equal(null);
    collector.setStatus('b', 'dark', 'shipped');
    const later = await box(client);
    expect(shadow(later).querySelector('.notice')!.textContent).to.equal('Shipped: “Dark mode” — you asked for this.');
    collector.setStatus('b', 'tags', 'declined', 'Search covers it.');
    const declined = await box(client);
    expect(text(declined)).to.contain('Declined: Search covers it.');
    expect(shadow(later).querySelector('[role=status]')!.textContent).to.contain('you asked for this');
    await expect(later).to.be.accessible();
    const once = await box(client);
    expect(shadow(once).querySelector('.notice')).to.equal(null);
  });

  it(`renders ${XSS_PAYLOADS.length} hostile titles and descriptions as inert text, inside the layout`, async () => {
    const hostile = XSS_PAYLOADS.map((payload, i) => ({ id: `x${i}`, title: payload, description: payload, votes: 1 }));
    (window as { __xss?: number }).__xss = undefined;
    const el = await box(board(hostile).client, 'page-size="100"');
    // A broken image of the page's own has fired its error: so would any a payload had injected.
    const canary = document.createElement('img');
    const failed = new Promise((resolve) => canary.addEventListener('error', resolve, { once: true }));
    canary.src = 'data:image/png;base64,broken';
    document.body.append(canary);
    await failed;
    canary.remove();
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    expect(titles(el)).to.have.members(XSS_PAYLOADS);
    const list = shadow(el).querySelector('[part~=list]')!;
    expect(
      list.querySelectorAll(
        'script, img, svg, iframe, a, object, video, input, form, style, base, meta, link, details, marquee',
      ),
    ).to.have.length(0);
    const width = list.getBoundingClientRect().width;
    for (const idea of list.querySelectorAll('[part~=idea]'))
      expect(idea.getBoundingClientRect().width).to.be.at.most(width + 1);
  });

  it('can be used with the keyboard alone', async () => {
    const { client, collector } = board();
    const el = await box(client);
    shadow(el).querySelectorAll('select')[1]!.focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(voteButton(el, 0));
    await sendKeys({ press: 'Space' });
    await until(() => collector.events.size, 'the vote');
    expect(voteButton(el, 0).getAttribute('aria-pressed')).to.equal('true');
  });

  for (const [attribute, markup] of [
    ['board', '<heard-idea-box></heard-idea-box>'],
    ['sort', '<heard-idea-box board="b" sort="best"></heard-idea-box>'],
    ['status', '<heard-idea-box board="b" status="done"></heard-idea-box>'],
    ['page-size', '<heard-idea-box board="b" page-size="0"></heard-idea-box>'],
  ] as const) {
    it(`shows a visible error and a console error naming ${attribute}`, async () => {
      const { el, errors } = await renderMisconfigured<HeardIdeaBox>(markup, board().client);
      expect(shadow(el).querySelector('[role=alert]')!.textContent).to.contain(attribute);
      expect(errors.some((e) => e.startsWith(`<heard-idea-box> ${attribute}:`))).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }

  it('speaks Simplified Chinese, and lays out right to left', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="zh-CN" dir="rtl"></div>`);
    host.innerHTML = '<heard-idea-box board="b" compact></heard-idea-box>';
    const el = host.firstElementChild as HeardIdeaBox;
    el.client = board().client;
    await until(() => titles(el).length, 'the ideas');
    expect(text(el)).to.contain('已计划');
    const [idea] = shadow(el).querySelectorAll('[part~=idea]');
    const vote = idea!.querySelector('[part~=vote]')!.getBoundingClientRect();
    const title = idea!.querySelector('.title')!.getBoundingClientRect();
    expect(vote.left).to.be.greaterThan(title.left);
    await expect(el).to.be.accessible();
  });
});
