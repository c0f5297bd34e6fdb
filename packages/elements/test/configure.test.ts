/**
 * The page-wide client, from the outside: an app calls `configure()` after the elements
 * rendered (its bundle ran later than theirs), or runs a second copy of the SDK beside the
 * one the elements were built with. Either way the elements set themselves up with it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { configure, MemoryCollector, memoryTransport } from '@heard/sdk';
import type * as Sdk from '@heard/sdk';
import '../src/define/poll.js';
import '../src/define/nps.js';
import '../src/define/idea-box.js';
import '../src/define/beta-signup.js';
import { consoleErrors, until } from './helpers.js';

const alert = (el: Element) => el.shadowRoot!.querySelector('[role=alert]');
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Another copy of the SDK, as an app's own install of another version would be: its own module instance. */
const secondCopy = async (): Promise<typeof Sdk> =>
  (await import(/* @vite-ignore */ `${new URL('../../sdk/src/default.ts', import.meta.url).href}?copy=2`)) as never;

describe('the page-wide client', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, Symbol.for('heard.client'));
  });

  it('sets up elements that rendered before configure(), each kind, and their answers arrive', async () => {
    const collector = new MemoryCollector({});
    let els: HTMLElement[] = [];
    await consoleErrors(async () => {
      const host = await fixture<HTMLDivElement>(html`
        <div>
          <heard-poll poll-id="late" question="Which?" options="Red, Blue"></heard-poll>
          <heard-nps survey-id="late" product="Acme"></heard-nps>
          <heard-idea-box board="late"></heard-idea-box>
          <heard-beta-signup program="late" consent-text="Write to me about the beta."></heard-beta-signup>
        </div>
      `);
      els = [...host.children] as HTMLElement[];
      for (const el of els)
        await until(() => alert(el)?.textContent?.includes('data-endpoint'), `${el.localName} in error`);
    });

    configure({ endpoint: 'https://collector.invalid', transport: memoryTransport(collector), storage: 'memory' });

    for (const el of els) await until(() => !alert(el), `${el.localName} set up after configure(): ${text(el)}`);
    const poll = els[0]!;
    await until(() => poll.shadowRoot!.querySelectorAll('input[name=answer]').length === 2, 'the poll’s form');
    poll.shadowRoot!.querySelector<HTMLInputElement>('input[name=answer]')!.click();
    await (poll as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    poll.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await until(
      () => [...collector.events.values()].some((event) => event.type === 'poll.vote'),
      'the vote at the collector',
    );
    expect(text(els[1]!)).to.contain('Acme');
  });

  it('is one client for every copy of the SDK on the page', async () => {
    const other = await secondCopy();
    expect(other.configure, 'a module instance of its own').not.to.equal(configure);
    const collector = new MemoryCollector({});
    const client = other.configure({
      endpoint: 'https://collector.invalid',
      transport: memoryTransport(collector),
      storage: 'memory',
    });
    const el = await fixture(html`<heard-poll poll-id="copies" question="Which?" options="Red, Blue"></heard-poll>`);
    await until(() => el.shadowRoot!.querySelectorAll('input[name=answer]').length === 2, 'the poll’s form');
    expect(alert(el)).to.equal(null);
    const { getClient } = await import('@heard/sdk');
    expect(getClient()).to.equal(client);
  });
});
