/**
 * The script-tag loader as a page uses it: the built `dist/cdn/heard.js` in a page with a
 * strict Content Security Policy, configured by its data attributes, loading only the
 * elements on the page and any added later, with zero violations.
 */
import { expect } from '@open-wc/testing';
import { storedAt, until } from './helpers.js';

type LoaderWindow = Window & { violations: string[] };

const open = async (src: string) => {
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '800px';
  frame.style.blockSize = '900px';
  frame.src = src;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as LoaderWindow, doc: frame.contentDocument! };
};

/** A fixture page, its test endpoint emptied first. */
const openFixture = async (endpoint: string, fixture: string) => {
  await fetch(`/__heard/${endpoint}/control`, { method: 'POST', body: JSON.stringify({ reset: true }) });
  return open(`/packages/elements/test/fixtures/${fixture}`);
};

const chunks = (win: Window) =>
  win.performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/dist/cdn/'))
    .map((name) => name.replace(/^.*\/dist\/cdn\//, '').replace(/-[A-Z0-9]{8}\.js$/, ''));

describe('the script-tag loader', () => {
  it('defines only the elements on the page, configures them from data-endpoint, under a strict CSP', async () => {
    const { frame, win, doc } = await openFixture('script-tag', 'script-tag.html');
    const poll = await until(
      () => doc.querySelector('heard-poll')?.shadowRoot?.querySelector<HTMLInputElement>('input[name=answer]'),
      'the poll to render',
    );
    await until(() => doc.querySelector('heard-idea-box')?.shadowRoot?.querySelector('form'), 'the idea box');
    expect(win.customElements.get('heard-poll')).not.to.equal(undefined);
    expect(win.customElements.get('heard-launcher')).to.equal(undefined);
    // Each element the page shows as it loads comes in its own file …
    expect(chunks(win)).to.have.members(['heard.js', 'chunks/core', 'chunks/poll', 'chunks/idea-box']);
    // … all requested beside the core, not found one file after another.
    const timing = (chunk: string) =>
      win.performance
        .getEntriesByType('resource')
        .find((entry): entry is PerformanceResourceTiming => entry.name.includes(`/dist/cdn/${chunk}-`))!;
    // A file the core asked for would start after the core arrived and was compiled and run
    // (several ms); one asked for beside it starts with it, give or take a local server that
    // answers the core within the same millisecond or two.
    const coreArrived = timing('chunks/core').responseEnd + 2;
    expect(timing('chunks/poll').startTime).to.be.below(coreArrived);
    expect(timing('chunks/idea-box').startTime).to.be.below(coreArrived);

    poll.click();
    // A person who starts to answer gets the delivery code loading before they send.
    await until(() => chunks(win).includes('chunks/queue'), 'the delivery code, loaded when the person chose');
    doc.querySelector('heard-poll')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    const stored = await storedAt('script-tag');
    expect(stored, 'the vote at the endpoint named by data-endpoint').to.have.length(1);

    // An element added later is loaded then.
    const later = doc.createElement('heard-nps');
    later.setAttribute('survey-id', 'later');
    doc.body.append(later);
    await until(() => win.customElements.get('heard-nps'), 'heard-nps to be defined');
    expect(chunks(win)).to.include.members(['chunks/nps']);
    // The poll's outcome view came with the vote, not with the page.
    const ours = chunks(win).filter((chunk) => /poll|idea-box/.test(chunk));
    expect(ours.slice(0, 2)).to.have.members(['chunks/poll', 'chunks/idea-box']);
    expect(ours.slice(2)).to.deep.equal(['chunks/poll.outcome']);

    // An element that speaks Chinese loads its strings, and renders in Chinese from the start.
    const zh = doc.createElement('heard-poll');
    zh.lang = 'zh-CN';
    zh.setAttribute('poll-id', 'zh');
    zh.setAttribute('question', 'Q?');
    zh.setAttribute('options', 'a=A, b=B');
    doc.body.append(zh);
    const vote = await until(() => zh.shadowRoot?.querySelector('[part~=submit]'), 'the Chinese poll');
    expect(vote.textContent?.trim()).to.equal('投票');
    expect(chunks(win)).to.include('chunks/poll.strings.zh');
    // The policy is in force: a string given to a script sink is refused and reported. Reports
    // come in order, so once this one is in, any that Heard caused before it would be too.
    expect(() => doc.createElement('div').setAttribute('onclick', 'void 0')).to.throw(/TrustedScript/);
    await until(() => win.violations.length, 'the violation report');
    expect(win.violations).to.have.length(1);
    frame.remove();
  });

  it('finds its own tag behind a redirect, with a query string, pasted twice', async () => {
    const { frame, win, doc } = await openFixture('redirect', 'redirect.html');
    const option = await until(
      () => doc.querySelector('heard-poll')?.shadowRoot?.querySelector<HTMLInputElement>('input[value=tabs]'),
      'the poll to render',
    );
    option.click();
    const submit = await until(
      () => doc.querySelector('heard-poll')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]:enabled'),
      'the vote button to be enabled',
    );
    submit.click();
    const stored = await storedAt('redirect');
    expect(stored, 'the vote at the endpoint named by data-endpoint').to.have.length(1);
    // Two tags, one core, one file for the poll.
    expect(chunks(win).filter((chunk) => chunk !== 'chunks/queue' && chunk !== 'chunks/poll.outcome')).to.deep.equal([
      'chunks/core',
      'chunks/poll',
    ]);
    expect(win.violations).to.deep.equal([]);
    frame.remove();
  });

  it('loads one file of every element for a page that shows them all, and defines each', async () => {
    const cdn = new URL('/packages/elements/dist/cdn/', location.href).href;
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="en"><head><title>Every element</title>
      <script type="module" src="${cdn}heard.js" data-endpoint="/__heard/every-element"></script></head><body>
      <heard-poll poll-id="every" question="Q?" options="a=A, b=B"></heard-poll>
      <heard-nps survey-id="every" product="Acme"></heard-nps>
      <heard-idea-box board="every"></heard-idea-box>
      <heard-beta-signup program="every" consent-text="Email me about the beta."></heard-beta-signup>
      <button id="open" type="button">Feedback</button><heard-launcher for="open" label="Feedback"></heard-launcher>
      </body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow!;
    const kinds = ['poll', 'nps', 'idea-box', 'beta-signup', 'launcher'];
    await until(() => kinds.every((kind) => win.customElements.get(`heard-${kind}`)), 'every element to be defined');
    // Five files gzipped apart are more bytes than one of all five.
    expect(chunks(win)).to.include.members(['heard.js', 'chunks/core', 'chunks/all']);
    expect(chunks(win).filter((chunk) => kinds.some((kind) => chunk === `chunks/${kind}`))).to.deep.equal([]);
    frame.remove();
  });

  it('works from the one classic script (heard.iife.js) too, fetching nothing more, under the same CSP', async () => {
    const { frame, win, doc } = await openFixture('iife', 'iife.html');
    const option = await until(
      () => doc.querySelector('heard-poll')?.shadowRoot?.querySelector<HTMLInputElement>('input[value=module]'),
      'the poll to render',
    );
    option.click();
    const submit = await until(
      () => doc.querySelector('heard-poll')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]:enabled'),
      'the vote button to be enabled',
    );
    submit.click();
    const stored = await storedAt('iife');
    expect(stored, 'the vote at the endpoint named by data-endpoint').to.have.length(1);
    expect(chunks(win)).to.deep.equal(['heard.iife.js']);
    expect(win.violations).to.deep.equal([]);
    frame.remove();
  });
});
