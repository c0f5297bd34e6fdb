/**
 * The any-endpoint example: the NPS prompt and a poll post, through the SDK's request
 * mapping, to a webhook that knows nothing of Heard's protocol. The webhook gets its own
 * shapes; the poll, which can read no results there, thanks the person instead, with no error.
 */
import { expect } from '@open-wc/testing';
import { until } from '../../../elements/test/helpers.js';

describe('the any-endpoint example', () => {
  it('delivers answers in the webhook’s own shape and degrades where there are no reads', async () => {
    const frame = document.createElement('iframe');
    frame.style.inlineSize = '800px';
    frame.style.blockSize = '900px';
    frame.src = '/examples/any-endpoint/dist/index.html';
    const errors: string[] = [];
    frame.addEventListener('load', () => {
      frame.contentWindow!.addEventListener('error', (event) => errors.push(event.message));
    });
    document.body.append(frame);
    const doc = await until(
      () =>
        frame.contentDocument?.querySelector('heard-nps')?.shadowRoot?.querySelector('button') && frame.contentDocument,
      'the NPS prompt',
      10_000,
    );
    const nps = doc.querySelector('heard-nps')!.shadowRoot!;
    const nine = [...nps.querySelectorAll<HTMLElement>('[part~=score]')].find((el) => el.textContent!.trim() === '9');
    nine!.click();
    const poll = await until(
      () =>
        doc.querySelector('heard-poll')?.shadowRoot?.querySelector('input') &&
        doc.querySelector('heard-poll')!.shadowRoot!,
      'the poll',
    );
    poll.querySelectorAll<HTMLInputElement>('input[name=answer]')[1]!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    poll.querySelector<HTMLButtonElement>('[part~=submit]')!.click();

    let received: Record<string, unknown>[] = [];
    for (let i = 0; i < 100 && received.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      received = (await (await fetch('/hooks/feedback')).json()) as Record<string, unknown>[];
    }
    expect(received.map(({ at: _at, ...rest }) => rest)).to.have.deep.members([
      { kind: 'nps', survey: 'webhook-nps', score: 9, comment: null },
      { kind: 'vote', poll: 'webhook-poll', choice: 'md' },
    ]);
    await until(
      () => !poll.querySelector('form') || poll.textContent!.includes('Thank'),
      'the poll to thank the person',
    );
    expect(poll.querySelector('[role=alert]')).to.equal(null);
    expect(errors).to.deep.equal([]);
    frame.remove();
  });
});
