import { expect } from '@open-wc/testing';
import { endpoint, sleep } from './helpers.js';

describe('under a strict Content Security Policy', () => {
  it('sends and reads with zero violations (no eval, no inline code, Trusted Types on)', async () => {
    const api = await endpoint();
    const frame = document.createElement('iframe');
    frame.src = `/packages/sdk/test/fixtures/strict-csp.html?endpoint=${encodeURIComponent(api.url)}`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & { done: Promise<string>; violations: string[] };
    for (let i = 0; i < 100 && !win.done; i++) await sleep(20);
    const timeout = sleep(15_000).then(async () => {
      const state = await api.state();
      throw new Error(
        `No answer in 15 s: ${JSON.stringify({ violations: win.violations, requests: state.requests, stored: state.stored, done: String(win.done) })}`,
      );
    });
    expect(await Promise.race([win.done, timeout])).to.equal('1 vote');
    // The policy is really in force: a string assigned to a script sink is refused and reported.
    const inline = win.document.createElement('div');
    expect(() => inline.setAttribute('onclick', 'void 0')).to.throw(/TrustedScript/);
    // Reports arrive in order: once this one is in, any the SDK caused would be in before it.
    for (let i = 0; i < 100 && !win.violations.length; i++) await sleep(20);
    expect(win.violations).to.have.length(1);
    expect(win.violations[0]).to.match(/^require-trusted-types-for/);
    frame.remove();
  });
});
