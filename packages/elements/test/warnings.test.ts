/**
 * A configuration problem is said once in the console per element and problem, however often
 * the element renders, while the element shows it each time.
 */
import { expect } from '@open-wc/testing';
import '../src/define/poll.js';
import type { HeardPoll } from '../src/poll/poll.js';
import { consoleErrors, memoryClient, renderMisconfigured } from './helpers.js';

const alertOf = (el: HeardPoll) => el.shadowRoot!.querySelector('[role=alert]')?.textContent ?? '';

describe('configuration warnings', () => {
  it('are logged once per element and problem, however often it renders or the problems alternate', async () => {
    const { client } = memoryClient();
    const { el, errors: first } = await renderMisconfigured<HeardPoll>(
      '<heard-poll poll-id="flavour" question="Which flavour next?"></heard-poll>',
      client,
    );
    expect(first.filter((line) => line.includes('options'))).to.have.length(1);
    const later = await consoleErrors(async () => {
      for (let i = 0; i < 5; i++) {
        el.requestUpdate();
        await el.updateComplete;
      }
      // Another problem, then the first again: each is said once, the first already was.
      el.setAttribute('strings', 'not json');
      await el.updateComplete;
      expect(alertOf(el)).to.contain('strings');
      el.removeAttribute('strings');
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(alertOf(el), 'the visible error stays').to.contain('options');
    expect(later.filter((line) => line.includes('options'))).to.have.length(0);
    expect(later.filter((line) => line.includes('strings'))).to.have.length(1);
  });

  it('are logged by each element that has the problem', async () => {
    const { client } = memoryClient();
    const markup = '<heard-poll poll-id="flavour" question="Which flavour next?"></heard-poll>';
    const { errors: one } = await renderMisconfigured<HeardPoll>(markup, client);
    const { errors: two } = await renderMisconfigured<HeardPoll>(markup, client);
    expect([...one, ...two].filter((line) => line.includes('options'))).to.have.length(2);
  });
});
