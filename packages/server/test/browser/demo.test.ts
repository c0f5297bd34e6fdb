/**
 * The README's demo page against the real collector: every widget renders and takes part,
 * a vote on the page is stored by the collector, the launcher opens, nothing errs, and axe
 * finds nothing.
 */
import { expect } from '@open-wc/testing';
import { axeInFrame, until } from '../../../elements/test/helpers.js';

const { url } = (await (await fetch('/__collector')).json()) as { url: string };

describe('the demo page', () => {
  it('shows every widget, stores a vote in the collector, and is accessible', async () => {
    const frame = document.createElement('iframe');
    frame.style.inlineSize = '900px';
    frame.style.blockSize = '900px';
    frame.src = '/examples/demo/index.html';
    const errors: string[] = [];
    frame.addEventListener('load', () => {
      frame.contentWindow!.addEventListener('error', (event) => errors.push(event.message));
    });
    document.body.append(frame);
    const doc = await until(
      () =>
        frame.contentDocument?.querySelector('heard-poll')?.shadowRoot?.querySelector('input') && frame.contentDocument,
      'the poll',
      10_000,
    );
    for (const tag of ['heard-poll', 'heard-idea-box', 'heard-beta-signup', 'heard-nps']) {
      await until(() => doc.querySelector(tag)?.shadowRoot?.querySelector('button'), `${tag} to render`);
    }
    const poll = doc.querySelector('heard-poll')!.shadowRoot!;
    poll.querySelector<HTMLInputElement>('input[name=answer]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    poll.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    let results = { total: 0, options: [] as { id: string; votes: number }[] };
    for (let i = 0; i < 100 && !results.total; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      results = (await (await fetch(`${url}/v1/polls/next-flavour/results`)).json()) as typeof results;
    }
    expect(results).to.deep.include({ total: 1, options: [{ id: 'forest', votes: 1 }] });
    doc.getElementById('feedback-link')!.click();
    await until(() => doc.querySelector('heard-launcher')!.shadowRoot!.querySelector(':popover-open'), 'the launcher');
    expect(await axeInFrame(frame, doc.body)).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    frame.remove();
  });
});
