/**
 * The any-endpoint example: the NPS prompt and a poll post, through the SDK's request
 * mapping, to a webhook that knows nothing of Heard's protocol. The webhook gets its own
 * shapes; the poll, which can read no results there, thanks the person instead, with no error.
 */
import { expect } from '@open-wc/testing';
import { getJson, openPage, poll, pollIn, until, vote } from './pages.js';

describe('the any-endpoint example', () => {
  it('delivers answers in the webhook’s own shape and degrades where there are no reads', async () => {
    const { frame, doc, errors } = await openPage(
      '/examples/any-endpoint/dist/index.html',
      (page) => page.querySelector('heard-nps')?.shadowRoot?.querySelector('[part~=score]') && pollIn(page),
    );
    const scores = [...doc.querySelector('heard-nps')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~=score]')];
    scores.find((score) => score.textContent!.trim() === '9')!.click();
    const root = pollIn(doc)!;
    await vote(root, 1);

    const received = await poll(
      () => getJson<Record<string, unknown>[]>('/hooks/feedback'),
      (answers) => answers.length >= 2,
    );
    expect(received.map(({ at: _at, ...rest }) => rest)).to.have.deep.members([
      { kind: 'nps', survey: 'webhook-nps', score: 9, comment: null },
      { kind: 'vote', poll: 'webhook-poll', choice: 'md' },
    ]);
    await until(
      () => !root.querySelector('form') || root.textContent!.includes('Thank'),
      'the poll to thank the person',
    );
    expect(root.querySelector('[role=alert]')).to.equal(null);
    expect(errors).to.deep.equal([]);
    frame.remove();
  });
});
