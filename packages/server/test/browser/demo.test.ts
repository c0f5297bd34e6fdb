/**
 * The README's demo page against the real collector: every widget renders and takes part,
 * a vote on the page is stored by the collector, the launcher opens, nothing errs, axe
 * finds nothing, and the page's link to the results dashboard leads to that vote.
 */
import { expect } from '@open-wc/testing';
import { axeInFrame } from '../../../elements/test/helpers.js';
import { getJson, openPage, poll, pollIn, until, vote } from './pages.js';

const { url, adminToken } = await getJson<{ url: string; adminToken: string }>('/__collector');

describe('the demo page', () => {
  it('shows every widget, stores a vote in the collector, and is accessible', async () => {
    const { frame, doc, errors } = await openPage('/examples/demo/index.html', pollIn);
    for (const tag of ['heard-poll', 'heard-idea-box', 'heard-beta-signup', 'heard-nps']) {
      await until(() => doc.querySelector(tag)?.shadowRoot?.querySelector('button'), `${tag} to render`);
    }
    await vote(pollIn(doc)!, 0);
    const results = await poll(
      () => getJson<{ total: number; options: unknown }>(`${url}/v1/polls/next-flavour/results`),
      (answer) => answer.total > 0,
    );
    expect(results).to.deep.include({ total: 1, options: [{ id: 'forest', votes: 1 }] });
    doc.getElementById('feedback-link')!.click();
    await until(() => doc.querySelector('heard-launcher')!.shadowRoot!.querySelector(':popover-open'), 'the launcher');
    expect(await axeInFrame(frame, doc.body)).to.deep.equal([]);

    // The page links to the results dashboard, which signs in and shows the vote just cast.
    const link = doc.getElementById('dashboard-link') as HTMLAnchorElement;
    expect(new URL(link.href).pathname).to.equal('/dashboard/');
    const page = await fetch(link.href);
    expect(await page.text()).to.contain('<heard-dashboard>');
    const signIn = await fetch('/dashboard/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: adminToken }),
    });
    expect(signIn.status).to.equal(200);
    const { widgets } = await getJson<{ widgets: { widget: string; type: string; events: number }[] }>(
      '/v1/admin/widgets',
    );
    expect(widgets.find((row) => row.widget === 'next-flavour')).to.include({ type: 'poll.vote', events: 1 });
    expect(errors).to.deep.equal([]);
    frame.remove();
  });
});
