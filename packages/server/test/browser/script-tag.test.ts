/**
 * The script-tag example, `examples/script-tag/index.html`, as its users will have it: the
 * page's own strict CSP (Trusted Types required), Heard from one script tag, the collector
 * behind the same origin. A vote on the page is stored by the collector; nothing is violated.
 */
import { expect } from '@open-wc/testing';
import { getJson, openPage, poll, pollIn, until, vote } from './pages.js';

const { url } = await getJson<{ url: string }>('/__collector');

describe('the script-tag example', () => {
  it('renders its widgets under its strict CSP and stores a vote in the collector', async () => {
    const { frame, doc, violations } = await openPage('/examples/script-tag/index.html', pollIn);
    await until(() => doc.querySelector('heard-idea-box')?.shadowRoot?.querySelector('form'), 'the idea box', 10_000);
    const root = pollIn(doc)!;
    await vote(root, 1);
    const results = await poll(
      () => getJson<{ total: number }>(`${url}/v1/polls/pricing-plan/results`),
      (answer) => answer.total > 0,
    );
    expect(results.total).to.equal(1);
    await until(() => root.querySelector('[part~=results]'), 'the results on the page');
    expect(violations).to.deep.equal([]);
    // The page's policy is in force: a string given to a script sink is refused and reported.
    expect(() => doc.createElement('div').setAttribute('onclick', 'void 0')).to.throw(/TrustedScript/);
    await until(() => violations.length, 'the violation report');
    expect(violations).to.have.length(1);
    frame.remove();
  });
});
