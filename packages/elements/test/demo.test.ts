/** The README's demo page: every widget renders and takes part, with no error, and passes axe. */
import { expect } from '@open-wc/testing';
import { axeInFrame, until } from './helpers.js';

describe('the demo page', () => {
  it('shows every widget, delivers a vote to the endpoint, and is accessible', async () => {
    await fetch('/__heard/demo/control', { method: 'POST', body: JSON.stringify({ reset: true }) });
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
    );
    for (const tag of ['heard-poll', 'heard-idea-box', 'heard-beta-signup', 'heard-nps']) {
      await until(() => doc.querySelector(tag)?.shadowRoot?.querySelector('button'), `${tag} to render`);
    }
    const poll = doc.querySelector('heard-poll')!.shadowRoot!;
    poll.querySelector<HTMLInputElement>('input[name=answer]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    poll.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    let stored: string[] = [];
    for (let i = 0; i < 100 && !stored.length; i++) {
      stored = ((await (await fetch('/__heard/demo/control')).json()) as { stored: string[] }).stored;
      if (!stored.length) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stored).to.have.length(1);
    doc.getElementById('feedback-link')!.click();
    await until(() => doc.querySelector('heard-launcher')!.shadowRoot!.querySelector(':popover-open'), 'the launcher');
    expect(await axeInFrame(frame, doc.body)).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    frame.remove();
  });
});
