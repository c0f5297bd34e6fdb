/**
 * The ESM example (Vite, the beta sign-up imported from npm) against the real collector: a
 * person signs up (with the proof of work the test collector asks for), sees their place in
 * line, the app hears `heard-signup`, and the collector has the sign-up.
 */
import { expect } from '@open-wc/testing';
import { getJson, openPage, until } from './pages.js';

const { url } = await getJson<{ url: string }>('/__collector');

describe('the ESM example', () => {
  it('signs a person up through the collector and shows their place in line', async () => {
    const form = (doc: Document) => doc.querySelector('heard-beta-signup')?.shadowRoot?.querySelector('form');
    const { frame, doc, errors } = await openPage('/examples/esm-vite/dist/index.html', form);
    const root = doc.querySelector('heard-beta-signup')!.shadowRoot!;
    const field = (selector: string) => root.querySelector<HTMLInputElement>(selector)!;
    field('[part~=email]').value = 'ada@example.com';
    field('input[name=name]').value = 'Ada';
    field('input[name=consent]').click();
    field('[part~=submit]').click();
    await until(() => root.textContent!.includes('You are number 1 of 1 in line.'), 'the place in line', 10_000);
    expect(doc.getElementById('joined')!.textContent).to.equal('Welcome aboard: check your place in line above.');
    const link = new URL(root.querySelector<HTMLInputElement>('[part~=link]')!.value);
    const status = await getJson<{ position: number; total: number }>(
      `${url}/v1/betas/esm-beta/signups/${link.searchParams.get('ref')}`,
    );
    expect(status).to.deep.include({ position: 1, total: 1 });
    expect(errors).to.deep.equal([]);
    frame.remove();
  });
});
