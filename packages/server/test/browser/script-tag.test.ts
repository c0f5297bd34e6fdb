/**
 * The script-tag example, `examples/script-tag/index.html`, as its users will have it: the
 * page's own strict CSP (Trusted Types required), Heard from one script tag, the collector
 * behind the same origin. A vote on the page is stored by the collector; nothing is violated.
 */
import { expect } from '@open-wc/testing';
import { until } from '../../../elements/test/helpers.js';

const { url } = (await (await fetch('/__collector')).json()) as { url: string };

describe('the script-tag example', () => {
  it('renders its widgets under its strict CSP and stores a vote in the collector', async () => {
    const frame = document.createElement('iframe');
    frame.style.inlineSize = '800px';
    frame.style.blockSize = '900px';
    frame.src = '/examples/script-tag/index.html';
    const violations: string[] = [];
    frame.addEventListener('load', () => {
      frame.contentDocument!.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.violatedDirective}: ${event.blockedURI}`),
      );
    });
    document.body.append(frame);
    const doc = await until(
      () =>
        frame.contentDocument?.querySelector('heard-poll')?.shadowRoot?.querySelector('input') && frame.contentDocument,
      'the poll',
      10_000,
    );
    await until(() => doc.querySelector('heard-idea-box')?.shadowRoot?.querySelector('form'), 'the idea box', 10_000);
    const poll = doc.querySelector('heard-poll')!.shadowRoot!;
    poll.querySelectorAll<HTMLInputElement>('input[name=answer]')[1]!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    poll.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    let total = 0;
    for (let i = 0; i < 100 && !total; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      total = ((await (await fetch(`${url}/v1/polls/pricing-plan/results`)).json()) as { total: number }).total;
    }
    expect(total).to.equal(1);
    await until(() => poll.querySelector('[part~=results]'), 'the results on the page');
    // The page's policy is in force, and Heard broke none of it.
    expect(() => doc.createElement('div').setAttribute('onclick', 'void 0')).to.throw(/TrustedScript/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(violations.filter((violation) => !violation.startsWith('require-trusted-types-for'))).to.deep.equal([]);
    expect(violations).to.have.length(1);
    frame.remove();
  });
});
